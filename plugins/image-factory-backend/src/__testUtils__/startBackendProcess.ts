import { ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';

// This repository's backend, which installs the plugin as an app would.
const BACKEND_DIR = path.resolve(__dirname, '../../../../packages/backend');

/** A backend started as its own process, as `yarn start` would. */
export interface BackendProcess {
  /** `http://127.0.0.1:<port>`. */
  url: string;
  /** Ends the process with `signal` and waits for it to exit. */
  kill(signal: NodeJS.Signals): Promise<void>;
  /** The last lines it wrote, for a failing test's message. */
  output(): string;
}

/**
 * Test support: runs `packages/backend/src/index.ts` in a child process on the
 * embedded defaults plus `configFile`, with the same TypeScript transform the
 * Backstage CLI uses, and waits until the backend says it is ready (every
 * plugin started).
 */
export async function startBackendProcess(options: {
  configFile: string;
  port: number;
  timeoutMs?: number;
}): Promise<BackendProcess> {
  const url = `http://127.0.0.1:${options.port}`;
  const child = spawn(
    process.execPath,
    [
      '--require',
      require.resolve('@backstage/cli/config/nodeTransform.cjs'),
      'src/index.ts',
      '--config',
      '../../app-config.yaml',
      '--config',
      options.configFile,
    ],
    {
      cwd: BACKEND_DIR,
      env: { ...process.env, NODE_ENV: 'development' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let log = '';
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString('utf8')).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>(resolve =>
    child.once('exit', () => resolve()),
  );
  const backend: BackendProcess = {
    url,
    kill: async signal => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill(signal);
      }
      await exited;
    },
    output: () => log,
  };
  const deadline = Date.now() + (options.timeoutMs ?? 180_000);
  while (Date.now() < deadline) {
    if (hasExited(child)) {
      throw new Error(`The backend exited while starting:\n${log}`);
    }
    // Backstage's readiness check answers 200 once every plugin has started.
    const healthy = await fetch(`${url}/.backstage/health/v1/readiness`).then(
      r => r.ok,
      () => false,
    );
    if (healthy) return backend;
    await new Promise(resolve => setTimeout(resolve, 250));
  }
  await backend.kill('SIGKILL');
  throw new Error(`The backend did not start on ${url}:\n${log}`);
}

function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}
