import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freshAppFiles, FreshAppSettings } from './freshAppFiles';

/** This repository's checkout. */
export const REPO = path.resolve(__dirname, '../..');

/** The packages a user installs, by folder in this repository. */
export const PUBLISHED = [
  'plugins/image-factory-common',
  'plugins/image-factory-backend',
  'plugins/image-factory',
  'packages/cli',
];

/** A Backstage app made from scratch in a temporary folder, built, not started. */
export interface FreshApp {
  dir: string;
  /** Seconds each step took, in order, for the test's report. */
  timings: Array<[string, number]>;
  /** Everything the steps printed, for the failure message. */
  log: string;
}

/**
 * What a platform team does to adopt the plugins, from packed tarballs instead of
 * the npm registry: packs each published package, writes a new app (its own
 * package.json, backend index.ts, App.tsx), installs, type-checks and builds it.
 * The backend's production bundle is unpacked in place so `node packages/backend`
 * runs the built code, as the container image does.
 */
export async function createFreshApp(
  settings: Omit<FreshAppSettings, 'ranges' | 'tarballs'>,
): Promise<FreshApp> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'image-factory-fresh-'));
  const app: FreshApp = { dir, timings: [], log: '' };
  const step = async (name: string, work: () => Promise<void>) => {
    const start = Date.now();
    await work();
    app.timings.push([name, Math.round((Date.now() - start) / 1000)]);
  };
  const run = (cwd: string, command: string, ...args: string[]) =>
    runLogged(app, cwd, command, args);

  const tarballs: Record<string, string> = {};
  await step('build and pack the packages', async () => {
    // The packages' builds read the declarations tsc writes to dist-types/.
    await run(REPO, 'yarn', 'tsc');
    await fs.mkdir(path.join(dir, 'tarballs'));
    for (const folder of PUBLISHED) {
      const manifest = await readJson(path.join(REPO, folder, 'package.json'));
      const file = `${path.basename(folder)}.tgz`;
      await run(path.join(REPO, folder), 'yarn', 'build');
      await run(
        path.join(REPO, folder),
        'yarn',
        'pack',
        '--out',
        path.join(dir, 'tarballs', file),
      );
      tarballs[manifest.name] = `./tarballs/${file}`;
    }
  });

  await step('write the app', async () => {
    const files = freshAppFiles({
      ...settings,
      tarballs,
      ranges: await dependencyRanges(),
    });
    for (const [file, content] of Object.entries(files)) {
      await fs.mkdir(path.dirname(path.join(dir, file)), { recursive: true });
      await fs.writeFile(path.join(dir, file), content);
    }
    await fs.cp(
      path.join(REPO, 'examples/payments-api'),
      path.join(dir, 'catalog/payments-api'),
      { recursive: true },
    );
    // The same versions this repository tested, and no download of what Yarn's
    // cache already holds; Yarn drops the entries the new app does not need.
    await fs.copyFile(
      path.join(REPO, 'yarn.lock'),
      path.join(dir, 'yarn.lock'),
    );
  });

  await step('yarn install', () =>
    run(dir, 'yarn', 'install', '--no-immutable'),
  );
  await step('yarn tsc', () => run(dir, 'yarn', 'tsc'));
  await step('build the app and the backend', async () => {
    await run(dir, 'yarn', 'workspace', 'app', 'build');
    await run(dir, 'yarn', 'workspace', 'backend', 'build');
    await run(
      dir,
      'tar',
      'xzf',
      'packages/backend/dist/bundle.tar.gz',
      'packages/backend/dist',
    );
  });
  return app;
}

/** Deletes the app's folder. */
export async function removeFreshApp(app: FreshApp) {
  await fs.rm(app.dir, { recursive: true, force: true });
}

// The new app asks for the ranges this repository's own app uses, so one range
// of each dependency is written down once.
async function dependencyRanges(): Promise<Record<string, string>> {
  const ranges: Record<string, string> = {};
  for (const file of [
    'package.json',
    'packages/backend/package.json',
    'packages/app/package.json',
    ...PUBLISHED.map(folder => `${folder}/package.json`),
  ]) {
    const manifest = await readJson(path.join(REPO, file));
    for (const field of ['dependencies', 'devDependencies']) {
      for (const [name, range] of Object.entries<string>(
        manifest[field] ?? {},
      )) {
        if (!range.startsWith('workspace:') && !range.startsWith('link:')) {
          ranges[name] ??= range;
        }
      }
    }
    if (PUBLISHED.some(folder => file === `${folder}/package.json`)) {
      ranges[manifest.name] = `^${manifest.version}`;
    }
  }
  ranges.yarn = (
    await readJson(path.join(REPO, 'package.json'))
  ).packageManager;
  return ranges;
}

async function readJson(file: string) {
  return JSON.parse(await fs.readFile(file, 'utf8'));
}

function runLogged(
  app: FreshApp,
  cwd: string,
  command: string,
  args: string[],
): Promise<void> {
  app.log += `\n$ (${cwd}) ${command} ${args.join(' ')}\n`;
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
      // CI makes Yarn refuse to write a lockfile; the new app must write its own.
      env: { ...process.env, YARN_ENABLE_IMMUTABLE_INSTALLS: 'false' },
    });
    let output = '';
    child.stdout.on('data', chunk => (output += chunk));
    child.stderr.on('data', chunk => (output += chunk));
    child.once('error', reject);
    child.once('exit', code => {
      app.log += output;
      if (code === 0) resolve();
      else
        reject(
          new Error(
            `${command} ${args.join(
              ' ',
            )} in ${cwd} exited with ${code}:\n${output.slice(-4000)}`,
          ),
        );
    });
  });
}
