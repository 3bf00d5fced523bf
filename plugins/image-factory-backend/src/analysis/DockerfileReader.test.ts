import { UrlReaders } from '@backstage/backend-defaults/urlReader';
import { mockServices } from '@backstage/backend-test-utils';
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { DockerfileReader } from './DockerfileReader';

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
        error: expect.stringContaining('links outside'),
      });
    });

    it('reports a missing Dockerfile and a file over the size limit', async () => {
      expect(await reader.read(at('Nope'))).toEqual({
        status: 'failed',
        error: expect.stringContaining('Dockerfile not found'),
      });
      await fs.writeFile(path.join(entityFolder, 'Big'), 'x'.repeat(1001));
      expect(await reader.read(at('Big'))).toEqual({
        status: 'failed',
        error: 'Dockerfile is 1001 bytes, more than the limit of 1000 bytes',
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
});
