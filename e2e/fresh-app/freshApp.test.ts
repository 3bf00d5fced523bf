import { expect, test } from '@playwright/test';
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { freePort } from '../../plugins/image-factory-backend/src/__testUtils__/freePort';
import { signInAsGuest } from '../signIn';
import {
  createFreshApp,
  FreshApp,
  PUBLISHED,
  removeFreshApp,
  REPO,
} from './createFreshApp';
import { dropDatabases, testPostgres } from './testPostgres';

// The install a platform team does, proven: the packed packages go into a
// Backstage app written from scratch, which is built and booted; its backend
// answers, runs the pipeline on an example entity, and its entity page shows the
// card. Nothing of packages/ is used.
test.describe.configure({ mode: 'serial' });

const ENTITY = {
  kind: 'component',
  namespace: 'default',
  name: 'payments-api',
};

let app: FreshApp | undefined;
let backend: ChildProcess | undefined;
let baseUrl = '';
let output = '';
const databasePrefix = `fresh_${randomBytes(4).toString('hex')}_`;

test.beforeAll(async () => {
  test.setTimeout(20 * 60_000);
  const port = await freePort();
  baseUrl = `http://localhost:${port}`;
  app = await createFreshApp({
    port,
    postgres: testPostgres(),
    databasePrefix,
  });
  const start = Date.now();
  backend = spawn('node', ['packages/backend', '--config', 'app-config.yaml'], {
    cwd: app.dir,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  backend.stdout!.on('data', chunk => (output += chunk));
  backend.stderr!.on('data', chunk => (output += chunk));
  await waitFor(`${baseUrl}/api/image-factory/health`, 120_000);
  app.timings.push([
    'boot the backend',
    Math.round((Date.now() - start) / 1000),
  ]);
  // The report lists where the time went.
  for (const [name, seconds] of app.timings) {
    process.stdout.write(`fresh app: ${name}: ${seconds} s\n`);
  }
});

test.afterAll(async () => {
  if (backend && backend.exitCode === null) {
    const exited = new Promise(resolve => backend!.once('exit', resolve));
    backend.kill('SIGTERM');
    await exited;
  }
  await dropDatabases(testPostgres(), databasePrefix);
  if (app) await removeFreshApp(app);
});

test.afterEach(async ({}, testInfo) => {
  if (testInfo.status !== testInfo.expectedStatus) {
    await testInfo.attach('backend output', { body: output.slice(-20_000) });
    if (app)
      await testInfo.attach('install log', { body: app.log.slice(-20_000) });
  }
});

test('the packed packages hold their build and migrations, no sources or tests', async () => {
  const listing = (file: string) =>
    spawnSync('tar', ['tzf', path.join(app!.dir, 'tarballs', file)], {
      encoding: 'utf8',
    })
      .stdout.split('\n')
      .filter(entry => entry && !entry.endsWith('/'))
      .map(entry => entry.replace(/^package\//, ''));
  for (const folder of PUBLISHED) {
    const files = listing(`${path.basename(folder)}.tgz`);
    expect(files).toContain('package.json');
    expect(files.some(file => file.startsWith('dist/'))).toBe(true);
    const unexpected = files.filter(
      file =>
        !/^(dist|bin|migrations)\//.test(file) &&
        ![
          'package.json',
          'README.md',
          'config.d.ts',
          'config.schema.json',
        ].includes(file),
    );
    expect({ folder, unexpected }).toEqual({ folder, unexpected: [] });
    expect(
      files.filter(file => /\.test\.|__testUtils__|\.yarn\//.test(file)),
    ).toEqual([]);
  }
  const migrations = await fs.readdir(
    path.join(REPO, 'plugins/image-factory-backend/migrations'),
  );
  expect(listing('image-factory-backend.tgz')).toEqual(
    expect.arrayContaining(migrations.map(file => `migrations/${file}`)),
  );
});

test('the backend of the new app answers the health route', async ({
  request,
}) => {
  const health = await request.get(`${baseUrl}/api/image-factory/health`);
  expect(health.status()).toBe(200);
  expect(await health.json()).toEqual({ status: 'ok' });
});

test('a refresh analyses the example entity and records its base images', async ({
  request,
}) => {
  const token = await guestToken(request);
  const headers = { authorization: `Bearer ${token}` };
  // The catalog reads its file location on start; the run needs the entity.
  await expect
    .poll(
      async () =>
        (
          await request.get(
            `${baseUrl}/api/catalog/entities/by-name/${ENTITY.kind}/${ENTITY.namespace}/${ENTITY.name}`,
            { headers },
          )
        ).status(),
      { timeout: 90_000 },
    )
    .toBe(200);

  const queued = await request.post(`${baseUrl}/api/image-factory/refresh`, {
    headers,
  });
  expect(queued.status()).toBe(202);
  const { id: runId } = await queued.json();
  await expect
    .poll(
      async () =>
        (
          await (
            await request.get(`${baseUrl}/api/image-factory/runs/${runId}`, {
              headers,
            })
          ).json()
        ).status,
      { timeout: 120_000 },
    )
    .toBe('succeeded');

  const image = await request.get(
    `${baseUrl}/api/image-factory/images/${ENTITY.namespace}/${ENTITY.kind}/${ENTITY.name}`,
    { headers },
  );
  expect(image.status()).toBe(200);
  const status = await image.json();
  expect(status.enrollment.image).toBe('ghcr.io/acme/payments-api');
  expect(status.baseImages.map((base: { ref: string }) => base.ref)).toEqual(
    expect.arrayContaining([
      'docker.io/library/node:22-bookworm-slim',
      'gcr.io/distroless/nodejs22-debian12:latest',
    ]),
  );
});

test('the entity page of the new app shows the Image Factory card', async ({
  page,
}) => {
  await page.goto(
    `${baseUrl}/catalog/${ENTITY.namespace}/${ENTITY.kind}/${ENTITY.name}`,
  );
  await signInAsGuest(page);
  await expect(page.getByText('Image Factory').first()).toBeVisible();
  await expect(
    page.getByText('docker.io/library/node:22-bookworm-slim').first(),
  ).toBeVisible();
  await page.screenshot({
    path: 'e2e/screenshots/fresh-app-entity-page.png',
    fullPage: true,
  });
});

test('the installed CLI runs its built bundle on the example Dockerfile', async () => {
  const { status, stdout, stderr } = spawnSync(
    'yarn',
    ['image-factory', 'analyze', 'catalog/payments-api/Dockerfile'],
    { cwd: app!.dir, encoding: 'utf8' },
  );
  expect({ status, stderr }).toEqual({ status: 0, stderr: '' });
  expect(
    JSON.parse(stdout).baseImages.map((base: { ref: string }) => base.ref),
  ).toEqual([
    'docker.io/library/node:22-bookworm-slim',
    'gcr.io/distroless/nodejs22-debian12:latest',
  ]);
});

async function guestToken(
  request: import('@playwright/test').APIRequestContext,
) {
  const response = await request.get(`${baseUrl}/api/auth/guest/refresh`, {
    headers: { 'x-requested-with': 'XMLHttpRequest' },
  });
  expect(response.status()).toBe(200);
  return (await response.json()).backstageIdentity.token as string;
}

async function waitFor(url: string, timeout: number) {
  const until = Date.now() + timeout;
  for (;;) {
    if (backend?.exitCode !== null) {
      throw new Error(`the backend exited:\n${output.slice(-4000)}`);
    }
    const ok = await fetch(url).then(
      response => response.ok,
      () => false,
    );
    if (ok) return;
    if (Date.now() > until) {
      throw new Error(`${url} never answered:\n${output.slice(-4000)}`);
    }
    await new Promise(resolve => setTimeout(resolve, 500));
  }
}
