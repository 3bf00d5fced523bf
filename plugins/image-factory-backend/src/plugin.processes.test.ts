import { promises as fs } from 'node:fs';
import path from 'node:path';
import { freePort } from './__testUtils__/freePort';
import { LocalGithubApi } from './__testUtils__/localGithubApi';
import { pluginTestBed } from './__testUtils__/pluginTestBed';
import {
  BackendProcess,
  startBackendProcess,
} from './__testUtils__/startBackendProcess';

// Two backend processes, each this repository's backend (packages/backend) with
// the plugin, on one
// PostgreSQL (the CI scripts start it) and one state repository, against a real
// OCI registry. GitHub cannot run here: a local server speaking its documented
// REST endpoints (contents, workflow dispatch, workflow runs) stands in.
// Config and entity files are written as JSON, which is YAML too.

const NAMES = ['a', 'b', 'c', 'd', 'e'];
const API_TOKEN = 'acceptance-static-token-0123456789';
const POSTGRES =
  process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING;

describe('two backend processes on one database and one state repository', () => {
  const processes: BackendProcess[] = [];

  // Declared before the test bed: jest runs beforeAll and afterEach hooks in
  // the order they are declared, so PostgreSQL is checked before the registry
  // starts, and the backends stop before the bed removes their folders.
  beforeAll(() => {
    if (!POSTGRES) {
      throw new Error(
        'BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING is not set: run the tests through make test, which starts PostgreSQL',
      );
    }
  });
  afterEach(async () => {
    await Promise.all(processes.splice(0).map(p => p.kill('SIGTERM')));
  });
  const bed = pluginTestBed({
    createStateRepository: true,
    timeoutMs: 600_000,
  });
  let github: LocalGithubApi;

  beforeEach(async () => {
    github = await bed.useGithub({ repositories: NAMES });
    await fs.writeFile(
      path.join(bed.dir(), 'entities.yaml'),
      NAMES.map(name =>
        JSON.stringify({
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Component',
          metadata: {
            name,
            annotations: {
              'image-factory.io/image': `${bed.registry().host}/acme/${name}`,
              'image-factory.io/source-location': `url:https://ghe.local/acme/${name}/tree/main/`,
              'image-factory.io/workflow': 'build.yml',
              'image-factory.io/rebuild-delay': '0',
            },
          },
          spec: {
            type: 'service',
            owner: 'group:default/team',
            lifecycle: 'x',
          },
        }),
      ).join('\n---\n'),
    );
  });
  // Every replica reads the same database (a prefix of this test's own) and
  // state repository; each has its own working directory and port.
  async function start(replica: number, prefix: string, port?: number) {
    const listen = port ?? (await freePort());
    const configFile = path.join(bed.dir(), `replica-${replica}.yaml`);
    await fs.writeFile(
      configFile,
      JSON.stringify({
        backend: {
          baseUrl: `http://127.0.0.1:${listen}`,
          listen: { port: listen, host: '127.0.0.1' },
          database: { client: 'pg', connection: POSTGRES, prefix },
          workingDirectory: path.join(bed.dir(), `replica-${replica}`),
          auth: {
            externalAccess: [
              {
                type: 'static',
                options: { token: API_TOKEN, subject: 'acceptance-test' },
              },
            ],
          },
        },
        catalog: {
          locations: [
            { type: 'file', target: path.join(bed.dir(), 'entities.yaml') },
          ],
        },
        ...bed.githubConfig(),
        imageFactory: {
          stateRepository: { url: bed.stateRepository() },
          allowPublic: false,
          registries: [
            { host: bed.registry().host, insecure: true, minInterval: '0' },
          ],
          rebuilds: {
            allowedRepositories: NAMES.map(
              name => `https://ghe.local/acme/${name}`,
            ),
          },
          defaults: { coordinationWindow: '0' },
          schedule: {
            frequency: { hours: 24 },
            timeout: { minutes: 5 },
            initialDelay: { hours: 24 },
          },
        },
      }),
    );
    const backend = await startBackendProcess({ configFile, port: listen });
    processes.push(backend);
    return backend;
  }

  // One after the other: Backstage's catalog fails to start when another
  // process holds its migration lock on a fresh database (the Image Factory's
  // own migrations wait; see DatabaseImageFactoryStore.runs.test.ts).
  async function startReplicas(prefix: string) {
    const first = await start(0, prefix);
    return [first, await start(1, prefix)];
  }

  const call = (backend: BackendProcess, route: string, method = 'GET') =>
    fetch(`${backend.url}${route}`, {
      method,
      headers: { Authorization: `Bearer ${API_TOKEN}` },
    });

  async function waitForCatalog(backend: BackendProcess) {
    for (let i = 0; i < 240; i++) {
      const answer = await call(
        backend,
        '/api/catalog/entities/by-query?filter=kind=component&limit=10',
      );
      if (answer.ok && (await answer.json()).items.length === NAMES.length) {
        return;
      }
      await new Promise(resolve => setTimeout(resolve, 500));
    }
    throw new Error(
      `The catalog never held the entities:\n${backend.output()}`,
    );
  }

  /** `POST /refresh`, then `GET /runs/:id` until the run has ended. */
  async function refresh(backend: BackendProcess) {
    const answer = await call(backend, '/api/image-factory/refresh', 'POST');
    if (answer.status !== 202) {
      return { status: answer.status, run: undefined };
    }
    let run = await answer.json();
    while (run.status === 'queued' || run.status === 'running') {
      await new Promise(resolve => setTimeout(resolve, 100));
      run = await (
        await call(backend, `/api/image-factory/runs/${run.id}`)
      ).json();
    }
    return { status: answer.status, run };
  }

  const git = bed.git;

  it('dispatches each eligible image once under 10 concurrent refreshes on each', async () => {
    const prefix = `if_acc_${Date.now().toString(36)}_`;
    await bed.registry().pushImage('library/node', '22', { content: 'one' });
    const replicas = await startReplicas(prefix);
    await waitForCatalog(replicas[0]);
    expect((await refresh(replicas[0])).run?.status).toBe('succeeded');
    const two = await bed.registry().pushImage('library/node', '22', {
      content: 'two',
    });

    const outcomes = await Promise.all(
      Array.from({ length: 20 }, (_, i) => refresh(replicas[i % 2])),
    );

    expect(outcomes.map(o => o.status)).toEqual(Array(20).fill(202));
    expect(outcomes.map(o => o.run?.status)).toEqual(
      Array(20).fill('succeeded'),
    );
    expect(github.runs.map(r => r.repository).sort()).toEqual(
      NAMES.map(name => `acme/${name}`),
    );
    const parents = git('log', '--format=%P', 'main')
      .trim()
      .split('\n')
      .map(line => line.split(' ').filter(Boolean).length);
    expect(parents.every(count => count <= 1)).toBe(true);
    expect(git('grep', '-l', two, 'main', '--', 'state/')).not.toBe('');
    for (const replica of replicas) {
      expect(
        (await fetch(`${replica.url}/api/image-factory/health`)).status,
      ).toBe(200);
    }
  });

  it('repairs a run cut short by SIGKILL: no second dispatch, and a consistent state repository', async () => {
    const prefix = `if_kill_${Date.now().toString(36)}_`;
    await bed.registry().pushImage('library/node', '22', { content: 'one' });
    const replicas = await startReplicas(prefix);
    await waitForCatalog(replicas[0]);
    expect((await refresh(replicas[0])).run?.status).toBe('succeeded');
    const two = await bed.registry().pushImage('library/node', '22', {
      content: 'two',
    });
    // GitHub starts the first run it is asked for, and its answer is late: the
    // backend is killed while it waits, between the dispatch and its record.
    github.answerNextAfterHandling(
      handled => ({ ...handled, delayMs: 120_000 }),
      request =>
        request.method === 'POST' && request.path.endsWith('/dispatches'),
    );
    const cut = await call(replicas[0], '/api/image-factory/refresh', 'POST');
    expect(cut.status).toBe(202);
    const cutRun = await cut.json();
    for (let i = 0; github.runs.length === 0; i++) {
      if (i > 600) throw new Error(`No dispatch:\n${replicas[0].output()}`);
      await new Promise(resolve => setTimeout(resolve, 100));
    }
    await replicas[0].kill('SIGKILL');
    const restarted = await start(0, prefix);

    // The other replica waits for the killed one's lease to run out, then runs.
    const after = await refresh(replicas[1]);

    expect(after.run?.status).toBe('succeeded');
    expect(
      await (
        await call(replicas[1], `/api/image-factory/runs/${cutRun.id}`)
      ).json(),
    ).toMatchObject({
      status: 'failed',
      error: expect.stringContaining('stopped before the run finished'),
    });
    expect(github.runs.map(r => r.repository).sort()).toEqual(
      NAMES.map(name => `acme/${name}`),
    );
    git('fsck', '--strict', '--no-dangling');
    const parents = git('log', '--format=%P', 'main')
      .trim()
      .split('\n')
      .map(line => line.split(' ').filter(Boolean).length);
    expect(parents.every(count => count <= 1)).toBe(true);
    expect(git('grep', '-l', two, 'main', '--', 'state/')).not.toBe('');
    const images = await (
      await call(restarted, '/api/image-factory/images')
    ).json();
    expect(images.items.map((i: any) => i.eligibility.state)).toEqual(
      Array(NAMES.length).fill('rebuilding'),
    );
  });
});
