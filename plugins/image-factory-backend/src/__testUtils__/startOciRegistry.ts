import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { bcryptHash } from './bcryptHash';
import { freePort } from './freePort';
import { createImagePusher, ImagePusher } from './pushTestImage';

const REGISTRY_BINARY = '/usr/bin/docker-registry';

/** Options of {@link startOciRegistry}. */
export interface StartOciRegistryOptions {
  /** Require HTTP basic auth (htpasswd with a bcrypt hash) for every request. */
  auth?: { username: string; password: string };
}

/** A running Debian `docker-registry` on loopback. */
export interface OciRegistry extends ImagePusher {
  /** `127.0.0.1:<port>`, as used in image references and `imageFactory.registries[].host`. */
  host: string;
  /** `http://127.0.0.1:<port>`. */
  url: string;
  /** Stops the registry and deletes its storage. */
  stop(): Promise<void>;
}

/**
 * Starts Debian's `docker-registry` (distribution 2.8) on a free loopback port with
 * storage in a temporary folder, and waits until `GET /v2/` answers.
 */
export async function startOciRegistry(
  options: StartOciRegistryOptions = {},
): Promise<OciRegistry> {
  if (!existsSync(REGISTRY_BINARY)) {
    throw new Error(
      `${REGISTRY_BINARY} is missing: run scripts/test-services.sh start, which installs Debian's docker-registry package`,
    );
  }
  const dir = await fs.mkdtemp(
    path.join(os.tmpdir(), 'image-factory-registry-'),
  );
  try {
    let htpasswd = '';
    if (options.auth) {
      htpasswd = path.join(dir, 'htpasswd');
      const hash = await bcryptHash(options.auth.password);
      await fs.writeFile(htpasswd, `${options.auth.username}:${hash}\n`);
    }
    // Another process may take the free port between our probe and the registry's
    // bind; a few tries make that race harmless.
    for (let attempt = 1; ; attempt++) {
      const port = await freePort();
      const configFile = path.join(dir, 'config.yml');
      await fs.writeFile(
        configFile,
        registryConfig(port, path.join(dir, 'storage'), htpasswd),
      );
      const child = spawn(REGISTRY_BINARY, ['serve', configFile], {
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      const stderr: string[] = [];
      child.stderr?.on('data', chunk => stderr.push(String(chunk)));
      const host = `127.0.0.1:${port}`;
      const ready = await waitUntilReady(child, `http://${host}`);
      if (ready) {
        return makeRegistry({ host, child, dir, auth: options.auth });
      }
      if (attempt >= 3) {
        throw new Error(
          `docker-registry did not start: ${stderr.join('').slice(-2000)}`,
        );
      }
    }
  } catch (error) {
    await fs.rm(dir, { recursive: true, force: true });
    throw error;
  }
}

function registryConfig(
  port: number,
  storage: string,
  htpasswd: string,
): string {
  return [
    'version: 0.1',
    'log:',
    '  level: error',
    '  accesslog:',
    '    disabled: true',
    'storage:',
    // Publishers delete old digests; tests do too.
    '  delete:',
    '    enabled: true',
    '  filesystem:',
    `    rootdirectory: ${JSON.stringify(storage)}`,
    'http:',
    `  addr: 127.0.0.1:${port}`,
    ...(htpasswd
      ? [
          'auth:',
          '  htpasswd:',
          '    realm: image-factory-test',
          `    path: ${JSON.stringify(htpasswd)}`,
        ]
      : []),
    '',
  ].join('\n');
}

function makeRegistry(options: {
  host: string;
  child: ChildProcess;
  dir: string;
  auth?: { username: string; password: string };
}): OciRegistry {
  const url = `http://${options.host}`;
  const authorization = options.auth
    ? `Basic ${Buffer.from(
        `${options.auth.username}:${options.auth.password}`,
      ).toString('base64')}`
    : undefined;
  return {
    host: options.host,
    url,
    ...createImagePusher(url, authorization),
    async stop() {
      const { child } = options;
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise(resolve => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      await fs.rm(options.dir, { recursive: true, force: true });
    },
  };
}

async function waitUntilReady(
  child: ChildProcess,
  url: string,
): Promise<boolean> {
  const deadline = Date.now() + 15_000;
  let exited = child.exitCode !== null;
  child.once('exit', () => {
    exited = true;
  });
  while (!exited && Date.now() < deadline) {
    try {
      const response = await fetch(`${url}/v2/`, {
        signal: AbortSignal.timeout(1000),
      });
      // 401 means it is up and asking for the htpasswd credentials.
      if (response.status === 200 || response.status === 401) {
        return true;
      }
    } catch {
      // Not listening yet.
    }
    await new Promise(resolve => setTimeout(resolve, 50));
  }
  if (!exited) {
    child.kill('SIGTERM');
  }
  return false;
}
