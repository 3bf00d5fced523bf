import { UrlReaders } from '@backstage/backend-defaults/urlReader';
import { mockServices } from '@backstage/backend-test-utils';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { DockerfileReader } from './DockerfileReader';
import { fileFormOfFolder } from './fileFormOfFolder';

describe('DockerfileReader', () => {
  describe('file: locations', () => {
    let root: string;
    let entityFolder: string;
    const reader = DockerfileReader.create({
      urlReader: UrlReaders.default({
        config: mockServices.rootConfig(),
        logger: mockServices.logger.mock(),
      }),
      maxBytes: 1000,
    });

    beforeEach(async () => {
      root = await fs.mkdtemp(path.join(os.tmpdir(), 'dockerfile-reader-'));
      entityFolder = path.join(root, 'service');
      await fs.mkdir(path.join(entityFolder, 'docker'), { recursive: true });
      await fs.writeFile(path.join(entityFolder, 'Dockerfile'), 'FROM a\n');
      await fs.writeFile(
        path.join(entityFolder, 'docker', 'Dockerfile.prod'),
        'FROM b\n',
      );
      await fs.writeFile(path.join(root, 'secret'), 'not yours');
    });
    afterEach(() => fs.rm(root, { recursive: true, force: true }));

    const at = (dockerfile: string, etag?: string) => ({
      sourceLocation: `file:${entityFolder}/`,
      entityFolder: `file:${entityFolder}/`,
      dockerfile,
      etag,
    });

    it('reads a Dockerfile below the entity folder', async () => {
      const result = await reader.read(at('docker/Dockerfile.prod'));
      expect(result).toMatchObject({ status: 'read', content: 'FROM b\n' });
    });

    it('answers unchanged when the file has the same etag as last time', async () => {
      const first = await reader.read(at('Dockerfile'));
      expect(first.status).toBe('read');
      const etag = (first as { etag: string }).etag;
      expect(await reader.read(at('Dockerfile', etag))).toEqual({
        status: 'unchanged',
        etag,
      });
      await fs.writeFile(
        path.join(entityFolder, 'Dockerfile'),
        'FROM changed\n',
      );
      expect(await reader.read(at('Dockerfile', etag))).toMatchObject({
        status: 'read',
        content: 'FROM changed\n',
      });
    });

    it('refuses a path that climbs out of the entity folder', async () => {
      const result = await reader.read(at('../secret'));
      expect(result).toEqual({
        status: 'failed',
        error: expect.stringContaining("leaves the entity's folder"),
      });
    });

    it('refuses a symbolic link that points out of the entity folder', async () => {
      await fs.symlink(
        path.join(root, 'secret'),
        path.join(entityFolder, 'Linked'),
      );
      const result = await reader.read(at('Linked'));
      expect(result).toEqual({
        status: 'failed',
        error: `Dockerfile "Linked" was not found in the entity's folder`,
      });
    });

    it('reads a symbolic link that stays inside the entity folder', async () => {
      await fs.symlink('docker/Dockerfile.prod', path.join(entityFolder, 'Ln'));
      const result = await reader.read(at('Ln'));
      expect(result).toMatchObject({ status: 'read', content: 'FROM b\n' });
    });

    it('reports a missing Dockerfile and a file over the size limit', async () => {
      expect(await reader.read(at('Nope'))).toEqual({
        status: 'failed',
        error: `Dockerfile "Nope" was not found in the entity's folder`,
      });
      await fs.writeFile(path.join(entityFolder, 'Big'), 'x'.repeat(1001));
      expect(await reader.read(at('Big'))).toEqual({
        status: 'failed',
        error: 'Dockerfile is 1001 bytes, more than the limit of 1000 bytes',
      });
    });

    it('refuses a file: source location for an entity registered from a url: location', async () => {
      const result = await reader.read({
        sourceLocation: 'file:/',
        dockerfile: 'etc/hostname',
      });
      expect(result).toEqual({
        status: 'failed',
        error:
          'file: source locations are only read for entities registered from a file: location',
      });
    });

    it('refuses a file: source location outside the entity folder', async () => {
      const result = await reader.read({
        ...at('etc/hostname'),
        sourceLocation: 'file:/',
      });
      expect(result).toEqual({
        status: 'failed',
        error: `Dockerfile path "etc/hostname" leaves the entity's folder`,
      });
    });

    it('answers alike for a link to an existing and to a missing file outside, without absolute paths', async () => {
      await fs.symlink(
        path.join(root, 'secret'),
        path.join(entityFolder, 'Exists'),
      );
      await fs.symlink(
        path.join(root, 'no-such-file'),
        path.join(entityFolder, 'Missing'),
      );
      const exists = await reader.read(at('Exists'));
      const missing = await reader.read(at('Missing'));
      expect((exists as { error: string }).error.replace('Exists', 'X')).toBe(
        (missing as { error: string }).error.replace('Missing', 'X'),
      );
      for (const result of [
        exists,
        missing,
        await reader.read(at('../secret')),
        await reader.read(at('Nope')),
        await reader.read(at('docker')),
      ]) {
        expect(result.status).toBe('failed');
        expect(JSON.stringify(result)).not.toContain(root);
      }
    });

    it('refuses a FIFO without waiting for a writer to open it', async () => {
      execFileSync('mkfifo', [path.join(entityFolder, 'Pipe')]);
      const result = await reader.read(at('Pipe'));
      expect(result).toEqual({
        status: 'failed',
        error: `Dockerfile "Pipe" in the entity's folder is not a regular file`,
      });
    });

    it('refuses a character device such as /dev/zero', async () => {
      const result = await reader.read({
        sourceLocation: 'file:/dev/',
        entityFolder: 'file:/dev/',
        dockerfile: 'zero',
      });
      expect(result).toEqual({
        status: 'failed',
        error: `Dockerfile "zero" in the entity's folder is not a regular file`,
      });
    });

    it('enforces the byte limit on what it reads, not on the size the file reports', async () => {
      // /proc files report a size of 0 whatever they hold.
      const tiny = DockerfileReader.create({
        urlReader: mockServices.urlReader.mock(),
        maxBytes: 16,
      });
      const result = await tiny.read({
        sourceLocation: 'file:/proc/self/',
        entityFolder: 'file:/proc/self/',
        dockerfile: 'status',
      });
      expect(result).toEqual({
        status: 'failed',
        error: 'Dockerfile is more than the limit of 16 bytes',
      });
    });
  });

  describe('url: locations', () => {
    let server: http.Server;
    let base: string;
    let requests: Array<{ url?: string; ifNoneMatch?: string }>;
    const body = 'FROM node:22\n';
    const etag = `"${createHash('sha1').update(body).digest('hex')}"`;

    beforeAll(async () => {
      server = http.createServer((req, res) => {
        requests.push({
          url: req.url,
          ifNoneMatch: req.headers['if-none-match'],
        });
        if (req.url !== '/repo/main/Dockerfile') {
          res.writeHead(404).end('not found');
        } else if (req.headers['if-none-match'] === etag) {
          res.writeHead(304).end();
        } else {
          res.writeHead(200, { etag }).end(body);
        }
      });
      await new Promise<void>(resolve =>
        server.listen(0, '127.0.0.1', resolve),
      );
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(() => new Promise(resolve => server.close(resolve)));
    beforeEach(() => {
      requests = [];
    });

    const reader = () =>
      DockerfileReader.create({
        urlReader: UrlReaders.default({
          config: mockServices.rootConfig({
            data: {
              backend: { reading: { allow: [{ host: new URL(base).host }] } },
            },
          }),
          logger: mockServices.logger.mock(),
        }),
      });

    it('reads through the UrlReaderService and sends the ETag next time', async () => {
      const location = {
        sourceLocation: `url:${base}/repo/main`,
        dockerfile: 'Dockerfile',
      };
      const first = await reader().read(location);
      expect(first).toEqual({ status: 'read', content: body, etag });
      const second = await reader().read({ ...location, etag });
      expect(second).toEqual({ status: 'unchanged', etag });
      expect(requests).toEqual([
        { url: '/repo/main/Dockerfile', ifNoneMatch: undefined },
        { url: '/repo/main/Dockerfile', ifNoneMatch: etag },
      ]);
    });

    it('refuses a Dockerfile path that leaves the source location', async () => {
      const result = await reader().read({
        sourceLocation: `url:${base}/repo/main/`,
        dockerfile: '../../other/Dockerfile',
      });
      expect(result).toEqual({
        status: 'failed',
        error: expect.stringContaining('leaves the source location'),
      });
      expect(requests).toEqual([]);
    });

    it('turns a 404 into a failed read that names the problem', async () => {
      const result = await reader().read({
        sourceLocation: `url:${base}/repo/main/`,
        dockerfile: 'Missing',
      });
      expect(result).toEqual({
        status: 'failed',
        error: expect.stringMatching(/not found|404/i),
      });
    });
  });

  describe('url: locations with a misbehaving reader', () => {
    // Stubs of the UrlReaderService collaborator: what a hung or hostile server
    // looks like through it.
    const location = {
      sourceLocation: 'url:https://git.example.com/acme/payments/',
      dockerfile: 'Dockerfile',
    };
    const never = () => new Promise<never>(() => {});

    it('gives up on a url: read after the timeout when the reader never answers', async () => {
      let signal: AbortSignal | undefined;
      const urlReader = mockServices.urlReader.mock({
        readUrl: async (_url, options) => {
          signal = options?.signal;
          return never();
        },
      });
      const reader = DockerfileReader.create({ urlReader, timeoutMs: 50 });
      expect(await reader.read(location)).toEqual({
        status: 'failed',
        error: 'Reading the Dockerfile timed out after 50 ms',
      });
      expect(signal?.aborted).toBe(true);
    });

    it('gives up on a url: read after the timeout when the body never arrives', async () => {
      const urlReader = mockServices.urlReader.mock({
        readUrl: async () => ({ buffer: never }),
      });
      const reader = DockerfileReader.create({ urlReader, timeoutMs: 50 });
      expect(await reader.read(location)).toEqual({
        status: 'failed',
        error: 'Reading the Dockerfile timed out after 50 ms',
      });
    });

    it('stops reading an endless url: body at the byte limit', async () => {
      let pushed = 0;
      const endless = new Readable({
        read() {
          pushed += 1;
          this.push(Buffer.alloc(64, 'x'));
        },
      });
      const urlReader = mockServices.urlReader.mock({
        readUrl: async () => ({
          buffer: () => Promise.reject(new Error('buffered the whole body')),
          stream: () => endless,
        }),
      });
      const reader = DockerfileReader.create({ urlReader, maxBytes: 1000 });
      expect(await reader.read(location)).toEqual({
        status: 'failed',
        error: 'Dockerfile is more than the limit of 1000 bytes',
      });
      expect(endless.destroyed).toBe(true);
      expect(pushed).toBeLessThan(100);
    });

    it('reads a url: body through its stream when the reader offers one', async () => {
      const urlReader = mockServices.urlReader.mock({
        readUrl: async () => ({
          buffer: () => Promise.reject(new Error('buffered the whole body')),
          stream: () => Readable.from([Buffer.from('FROM a\n')]),
          etag: '"1"',
        }),
      });
      const reader = DockerfileReader.create({ urlReader });
      expect(await reader.read(location)).toEqual({
        status: 'read',
        content: 'FROM a\n',
        etag: '"1"',
      });
    });
  });

  describe('fileFormOfFolder', () => {
    it('turns GitLab and GitHub folder URLs into their file form and leaves others alone', () => {
      expect(
        fileFormOfFolder('https://gitlab.example.com/g/sub/p/-/tree/main/'),
      ).toBe('https://gitlab.example.com/g/sub/p/-/blob/main/');
      expect(
        fileFormOfFolder('https://github.com/acme/payments/tree/main/app/'),
      ).toBe('https://github.com/acme/payments/blob/main/app/');
      // A GitLab project named "tree" is not a GitHub tree.
      expect(
        fileFormOfFolder('https://gitlab.example.com/g/sub/tree/-/blob/main/'),
      ).toBe('https://gitlab.example.com/g/sub/tree/-/blob/main/');
      for (const unchanged of [
        'https://github.com/acme/payments/blob/main/',
        'https://gitea.example.com/acme/payments/src/branch/main/',
        'https://files.example.com/tree/main/',
      ]) {
        expect(fileFormOfFolder(unchanged)).toBe(unchanged);
      }
    });
  });
});
