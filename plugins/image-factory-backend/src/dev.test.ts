import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './__testUtils__/freePort';

jest.setTimeout(120_000);

// `yarn start` in this package runs dev/index.ts: the plugin in a backend of
// its own, on the repository's app-config.yaml. Here with its own port and
// folders, so it touches nothing of `make start`.
describe('the dev backend (yarn start)', () => {
  it('starts the plugin with the catalog and answers its health route', async () => {
    const port = await freePort();
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'image-factory-dev-'));
    const child = spawn('yarn', ['start'], {
      cwd: path.resolve(__dirname, '..'),
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        APP_CONFIG_backend_listen_port: String(port),
        APP_CONFIG_backend_baseUrl: `http://localhost:${port}`,
        APP_CONFIG_backend_workingDirectory: dir,
        APP_CONFIG_backend_database_connection_directory: dir,
      },
    });
    let output = '';
    child.stdout.on('data', chunk => (output += chunk));
    child.stderr.on('data', chunk => (output += chunk));
    const exited = new Promise<never>((_, reject) =>
      child.once('exit', code =>
        reject(
          new Error(`yarn start exited (${code}):\n${output.slice(-2000)}`),
        ),
      ),
    );
    try {
      const health = await Promise.race([
        poll(`http://localhost:${port}/api/image-factory/health`),
        exited,
      ]);
      expect(health).toEqual({ status: 'ok' });
      expect(output).toMatch(
        /newly initialized: .*'catalog'.*'image-factory'|newly initialized: .*'image-factory'.*'catalog'/,
      );
    } finally {
      if (child.exitCode === null) {
        process.kill(-child.pid!, 'SIGTERM');
        await exited.catch(() => undefined);
      }
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});

async function poll(url: string): Promise<unknown> {
  const until = Date.now() + 100_000;
  for (;;) {
    try {
      const response = await fetch(url);
      if (response.ok) return await response.json();
    } catch {
      // Not listening yet.
    }
    if (Date.now() > until) throw new Error(`${url} never answered`);
    await new Promise(resolve => setTimeout(resolve, 500));
  }
}
