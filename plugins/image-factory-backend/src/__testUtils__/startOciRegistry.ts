import { ChildProcess, execFile, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { createImageLayer } from './createImageLayer';

const REGISTRY_BINARY = '/usr/bin/docker-registry';

/** Options of {@link startOciRegistry}. */
export interface StartOciRegistryOptions {
  /** Require HTTP basic auth (htpasswd with a bcrypt hash) for every request. */
  auth?: { username: string; password: string };
}

/** Options of {@link OciRegistry.pushImage}. */
export interface PushImageOptions {
  /** Push one manifest per platform (`linux/amd64`, `linux/arm64/v8`) and an image index over them. */
  platforms?: string[];
  /** The text of the layer's only file; per platform when a record. Default: names the repository, tag and platform. */
  content?: string | Record<string, string>;
  /** `oci` (default): OCI manifest and index; `docker`: Docker manifest v2 and manifest list. */
  format?: 'oci' | 'docker';
}

/** A running Debian `docker-registry` on loopback. */
export interface OciRegistry {
  /** `127.0.0.1:<port>`, as used in image references and `imageFactory.registries[].host`. */
  host: string;
  /** `http://127.0.0.1:<port>`. */
  url: string;
  /** Pushes a real tiny image (config blob, gzipped tar layer, manifest) and returns the tag's digest. */
  pushImage(repository: string, tag: string, options?: PushImageOptions): Promise<string>;
  /** Reads the image index behind a tag, straight from the registry: platform (`os/arch[/variant]`) to manifest digest. */
  platformManifests(repository: string, tag: string): Promise<Record<string, string>>;
  /** Stops the registry and deletes its storage. */
  stop(): Promise<void>;
}

const MEDIA = {
  oci: {
    manifest: 'application/vnd.oci.image.manifest.v1+json',
    index: 'application/vnd.oci.image.index.v1+json',
    config: 'application/vnd.oci.image.config.v1+json',
    layer: 'application/vnd.oci.image.layer.v1.tar+gzip',
  },
  docker: {
    manifest: 'application/vnd.docker.distribution.manifest.v2+json',
    index: 'application/vnd.docker.distribution.manifest.list.v2+json',
    config: 'application/vnd.docker.container.image.v1+json',
    layer: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
  },
};

/**
 * Starts Debian's `docker-registry` (distribution 2.8) on a free loopback port with
 * storage in a temporary folder, and waits until `GET /v2/` answers.
 */
export async function startOciRegistry(options: StartOciRegistryOptions = {}): Promise<OciRegistry> {
  if (!existsSync(REGISTRY_BINARY)) {
    throw new Error(
      `${REGISTRY_BINARY} is missing: run scripts/test-services.sh start, which installs Debian's docker-registry package`,
    );
  }
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'image-factory-registry-'));
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
      await fs.writeFile(configFile, registryConfig(port, path.join(dir, 'storage'), htpasswd));
      const child = spawn(REGISTRY_BINARY, ['serve', configFile], { stdio: ['ignore', 'ignore', 'pipe'] });
      const stderr: string[] = [];
      child.stderr?.on('data', chunk => stderr.push(String(chunk)));
      const host = `127.0.0.1:${port}`;
      const ready = await waitUntilReady(child, `http://${host}`);
      if (ready) {
        return makeRegistry({ host, child, dir, auth: options.auth });
      }
      if (attempt >= 3) {
        throw new Error(`docker-registry did not start: ${stderr.join('').slice(-2000)}`);
      }
    }
  } catch (error) {
    await fs.rm(dir, { recursive: true, force: true });
    throw error;
  }
}

function registryConfig(port: number, storage: string, htpasswd: string): string {
  return [
    'version: 0.1',
    'log:',
    '  level: error',
    '  accesslog:',
    '    disabled: true',
    'storage:',
    '  filesystem:',
    `    rootdirectory: ${JSON.stringify(storage)}`,
    'http:',
    `  addr: 127.0.0.1:${port}`,
    ...(htpasswd
      ? ['auth:', '  htpasswd:', '    realm: image-factory-test', `    path: ${JSON.stringify(htpasswd)}`]
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
  const headers: Record<string, string> = options.auth
    ? { authorization: `Basic ${Buffer.from(`${options.auth.username}:${options.auth.password}`).toString('base64')}` }
    : {};
  const request = async (method: string, target: string, init: { body?: Buffer; headers?: Record<string, string> } = {}) => {
    const response = await fetch(target.startsWith('http') ? target : `${url}${target}`, {
      method,
      body: init.body,
      headers: { ...headers, ...init.headers },
    });
    if (response.status >= 300) {
      throw new Error(`docker-registry answered ${method} ${target} with HTTP ${response.status}: ${await response.text()}`);
    }
    return response;
  };
  const pushBlob = async (repository: string, blob: Buffer) => {
    const digest = sha256(blob);
    const started = await request('POST', `/v2/${repository}/blobs/uploads/`);
    const location = new URL(started.headers.get('location') ?? '', url);
    location.searchParams.set('digest', digest);
    await request('PUT', location.toString(), {
      body: blob,
      headers: { 'content-type': 'application/octet-stream' },
    });
    return { digest, size: blob.length };
  };
  /** Pushes a manifest under `tag`, or by its own digest when there is no tag. */
  const pushManifest = async (repository: string, tag: string | undefined, mediaType: string, manifest: object) => {
    const body = Buffer.from(JSON.stringify(manifest));
    await request('PUT', `/v2/${repository}/manifests/${tag ?? sha256(body)}`, {
      body,
      headers: { 'content-type': mediaType },
    });
    return { mediaType, digest: sha256(body), size: body.length };
  };
  const pushPlatformManifest = async (
    repository: string,
    tag: string | undefined,
    platform: { os: string; architecture: string; variant?: string },
    content: string,
    media: (typeof MEDIA)['oci'],
  ) => {
    const layer = createImageLayer('image-factory.txt', content);
    const config = Buffer.from(JSON.stringify({
      architecture: platform.architecture,
      os: platform.os,
      ...(platform.variant ? { variant: platform.variant } : {}),
      config: {},
      rootfs: { type: 'layers', diff_ids: [layer.diffId] },
    }));
    const configBlob = await pushBlob(repository, config);
    const layerBlob = await pushBlob(repository, layer.blob);
    return pushManifest(repository, tag, media.manifest, {
      schemaVersion: 2,
      mediaType: media.manifest,
      config: { mediaType: media.config, ...configBlob },
      layers: [{ mediaType: media.layer, ...layerBlob }],
    });
  };

  return {
    host: options.host,
    url,
    async pushImage(repository, tag, pushOptions = {}) {
      const media = MEDIA[pushOptions.format ?? 'oci'];
      const contentFor = (platform: string) => {
        const { content } = pushOptions;
        if (typeof content === 'string') {
          return content;
        }
        return content?.[platform] ?? `${repository}:${tag} for ${platform}\n`;
      };
      if (!pushOptions.platforms?.length) {
        const pushed = await pushPlatformManifest(
          repository, tag, { os: 'linux', architecture: 'amd64' }, contentFor('linux/amd64'), media,
        );
        return pushed.digest;
      }
      const entries = [];
      for (const platform of pushOptions.platforms) {
        const [osName, architecture, variant] = platform.split('/');
        const parsed = { os: osName, architecture, ...(variant ? { variant } : {}) };
        // Children go first, by digest: the registry checks that an index's manifests exist.
        const child = await pushPlatformManifest(repository, undefined, parsed, contentFor(platform), media);
        entries.push({ mediaType: child.mediaType, digest: child.digest, size: child.size, platform: parsed });
      }
      const index = await pushManifest(repository, tag, media.index, {
        schemaVersion: 2,
        mediaType: media.index,
        manifests: entries,
      });
      return index.digest;
    },
    async platformManifests(repository, tag) {
      const response = await request('GET', `/v2/${repository}/manifests/${tag}`, {
        headers: { accept: `${MEDIA.oci.index}, ${MEDIA.docker.index}` },
      });
      const index = (await response.json()) as {
        manifests: Array<{ digest: string; platform: { os: string; architecture: string; variant?: string } }>;
      };
      return Object.fromEntries(
        index.manifests.map(entry => [
          [entry.platform.os, entry.platform.architecture, entry.platform.variant].filter(Boolean).join('/'),
          entry.digest,
        ]),
      );
    },
    async stop() {
      if (options.child.exitCode === null && options.child.signalCode === null) {
        const exited = new Promise(resolve => options.child.once('exit', resolve));
        options.child.kill('SIGTERM');
        await exited;
      }
      await fs.rm(options.dir, { recursive: true, force: true });
    },
  };
}

async function waitUntilReady(child: ChildProcess, url: string): Promise<boolean> {
  const deadline = Date.now() + 15_000;
  let exited = child.exitCode !== null;
  child.once('exit', () => {
    exited = true;
  });
  while (!exited && Date.now() < deadline) {
    try {
      const response = await fetch(`${url}/v2/`, { signal: AbortSignal.timeout(1000) });
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

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

const BCRYPT_ALPHABET = './ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/**
 * docker-registry's htpasswd backend reads only bcrypt hashes. No bcrypt library is
 * installed here, so the system's crypt(3) (libxcrypt, reached through Perl, which
 * every Debian has) makes one; the password travels in the environment, not argv.
 */
async function bcryptHash(password: string): Promise<string> {
  const random = randomBytes(22);
  // The 22nd salt character carries only 2 bits; these four are its canonical values.
  const salt = [...random.subarray(0, 21)].map(byte => BCRYPT_ALPHABET[byte % 64]).join('') + '.Oeu'[random[21] % 4];
  const { stdout } = await promisify(execFile)('perl', ['-e', 'print crypt($ENV{IF_PASSWORD}, $ENV{IF_SALT})'], {
    env: { IF_PASSWORD: password, IF_SALT: `$2b$05$${salt}` },
  });
  if (!stdout.startsWith('$2b$05$') || stdout.length !== 60) {
    throw new Error('could not make a bcrypt hash with crypt(3) for the registry htpasswd file');
  }
  return stdout;
}

function sha256(data: Buffer): string {
  return `sha256:${createHash('sha256').update(data).digest('hex')}`;
}
