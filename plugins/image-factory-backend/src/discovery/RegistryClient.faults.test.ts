import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { IncomingMessage, ServerResponse } from 'node:http';
import {
  OciRegistry,
  startOciRegistry,
} from '../__testUtils__/startOciRegistry';
import {
  forwardRequest,
  startHttpServer,
  TestHttpServer,
} from '../__testUtils__/startHttpServer';
import { RegistryClient } from './RegistryClient';
import { RegistryError } from './RegistryError';
import { readImageFactoryConfig } from '../config/readImageFactoryConfig';
import { RegistryPolicy } from './RegistryPolicy';

// Registries misbehave in ways docker-registry will not on request, so a local
// front injects the faults (rate limits, 5xx, silence, garbage) and forwards
// everything else to a real docker-registry.

type Fault = (req: IncomingMessage, res: ServerResponse) => void;

describe('RegistryClient when the registry misbehaves', () => {
  let registry: OciRegistry;
  let front: TestHttpServer;
  let faults: Fault[] = [];
  let digest: string;

  const client = (retry: object = {}) =>
    RegistryClient.create({
      policy: RegistryPolicy.create(
        readImageFactoryConfig(
          new ConfigReader({
            imageFactory: {
              registries: [{ host: front.host, insecure: true }],
              allowPublic: false,
            },
          }),
        ).registries,
      ),
      logger: mockServices.logger.mock(),
      retry: { baseDelayMs: 10, ...retry },
    });
  const resolve = (retry?: object, tag = '1') =>
    client(retry).resolveDigest({
      registry: front.host,
      repository: 'acme/app',
      tag,
    });
  const status =
    (code: number, headers: Record<string, string> = {}): Fault =>
    (_req, res) => {
      res.writeHead(code, headers);
      res.end(
        JSON.stringify({
          errors: [{ code: 'TOOMANYREQUESTS', message: 'slow down' }],
        }),
      );
    };

  beforeAll(async () => {
    registry = await startOciRegistry();
    digest = await registry.pushImage('acme/app', '1');
    await registry.pushImage('acme/app', 'multi', {
      platforms: ['linux/amd64', 'linux/arm64/v8'],
    });
    front = await startHttpServer(async (req, res) => {
      const fault = faults.shift();
      if (fault) {
        fault(req, res);
        return;
      }
      await forwardRequest(req, res, registry.url);
    });
  });

  beforeEach(() => {
    faults = [];
    front.requests.length = 0;
  });

  afterAll(async () => {
    await front?.stop();
    await registry?.stop();
  });

  it('waits for Retry-After on 429 and then succeeds', async () => {
    faults = [status(429, { 'retry-after': '1' })];

    const resolved = await resolve();

    expect(resolved.digest).toBe(digest);
    expect(front.requests).toHaveLength(2);
    expect(front.requests[1].at - front.requests[0].at).toBeGreaterThanOrEqual(
      1000,
    );
  });

  it('fails at once on 429 when Retry-After is longer than it is willing to wait', async () => {
    faults = [status(429, { 'retry-after': '3600' })];

    const error = await resolve({ maxRetryAfterMs: 5_000 }).catch(e => e);

    expect(error).toBeInstanceOf(RegistryError);
    expect(error.status).toBe(429);
    // A HEAD answer has no body, so no registry error code to quote.
    expect(error.message).toBe(
      `${front.host}/acme/app:1: rate limited by the registry (HTTP 429); retry after 3600; not asked again before ${error.retryAt}`,
    );
    expect(front.requests).toHaveLength(1);
  });

  it('asks a registry that answered 429 nothing more before its Retry-After, for any repository', async () => {
    faults = [status(429, { 'retry-after': '7200' })];
    const one = client({ maxRetryAfterMs: 5_000 });
    const before = Date.now();

    const first = await one
      .resolveDigest({ registry: front.host, repository: 'acme/app', tag: '1' })
      .catch(e => e);
    const second = await one
      .resolveDigest({
        registry: front.host,
        repository: 'acme/other',
        tag: 'multi',
      })
      .catch(e => e);

    expect(front.requests).toHaveLength(1);
    const retryAt = Date.parse(first.retryAt);
    expect(retryAt).toBeGreaterThanOrEqual(before + 7_200_000);
    expect(retryAt).toBeLessThanOrEqual(Date.now() + 7_200_000);
    expect(second).toMatchObject({ status: 429, retryAt: first.retryAt });
    expect(second.message).toContain(`not asked again before ${first.retryAt}`);
  });

  it('retries a 500 and succeeds', async () => {
    faults = [status(500)];

    const resolved = await resolve();

    expect(resolved.digest).toBe(digest);
    expect(front.requests).toHaveLength(2);
  });

  it('gives up after three tries of 5xx with the last status', async () => {
    faults = [status(502), status(503), status(503), status(503)];

    const error = await resolve().catch(e => e);

    expect(error).toBeInstanceOf(RegistryError);
    expect(error.status).toBe(503);
    expect(front.requests).toHaveLength(3);
  });

  it('retries a request that times out and succeeds', async () => {
    faults = [() => {}];

    const resolved = await resolve({ timeoutMs: 300 });

    expect(resolved.digest).toBe(digest);
    expect(front.requests).toHaveLength(2);
  });

  it('reports a registry that never answers as a timeout', async () => {
    faults = [() => {}, () => {}];

    const error = await resolve({ timeoutMs: 200, attempts: 2 }).catch(e => e);

    expect(error).toBeInstanceOf(RegistryError);
    expect(error.status).toBeUndefined();
    expect(error.message).toBe(
      `registry ${front.host} did not answer within 200 ms for manifest acme/app:1 (2 attempts)`,
    );
  });

  it('reports a registry that cannot be reached', async () => {
    const gone = await startHttpServer(() => {});
    await gone.stop();
    const unreachable = RegistryClient.create({
      policy: RegistryPolicy.create(
        readImageFactoryConfig(
          new ConfigReader({
            imageFactory: { registries: [{ host: gone.host, insecure: true }] },
          }),
        ).registries,
      ),
      logger: mockServices.logger.mock(),
      retry: { baseDelayMs: 10 },
    });

    const error = await unreachable
      .resolveDigest({ registry: gone.host, repository: 'acme/app', tag: '1' })
      .catch(e => e);

    expect(error).toBeInstanceOf(RegistryError);
    expect(error.message).toBe(
      `registry ${gone.host} could not be reached (ECONNREFUSED) for manifest acme/app:1 (3 attempts)`,
    );
  });

  it('rejects an answer without a digest whose body is not a manifest', async () => {
    const html: Fault = (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html>Welcome to our registry</html>');
    };
    faults = [html, html];

    const error = await resolve().catch(e => e);

    expect(error).toBeInstanceOf(RegistryError);
    expect(error.message).toBe(
      `${front.host}/acme/app:1: the registry sent a manifest that is not JSON`,
    );
  });

  it('rejects JSON that is not an image manifest', async () => {
    faults = [
      status(200, { 'content-type': 'application/json' }),
      (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ hello: 'world' }));
      },
    ];

    const error = await resolve().catch(e => e);

    expect(error.message).toBe(
      `${front.host}/acme/app:1: the registry sent something that is not an image manifest (no schemaVersion 2)`,
    );
  });

  it('refuses an endless answer instead of reading it all', async () => {
    faults = [
      status(200, { 'content-type': 'application/json' }),
      (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        // 5 MiB, past the 4 MiB manifest limit, sent without a content-length.
        const chunk = Buffer.alloc(64 * 1024, 0x20);
        for (let i = 0; i < 80; i++) {
          res.write(chunk);
        }
        res.end();
      },
    ];

    const error = await resolve().catch(e => e);

    expect(error).toBeInstanceOf(RegistryError);
    expect(error.message).toBe(
      `registry ${front.host} sent an oversized answer (response exceeds the 4194304 byte limit) for manifest acme/app:1 (1 attempt)`,
    );
  });

  it('rejects an unreadable Docker-Content-Digest header', async () => {
    faults = [status(200, { 'docker-content-digest': 'md5:abc' })];

    const error = await resolve().catch(e => e);

    expect(error.message).toBe(
      `${front.host}/acme/app:1: the registry sent an unreadable digest "md5:abc"`,
    );
  });

  it('rejects an image index whose body does not match its digest', async () => {
    const real = await client().resolveDigest({
      registry: front.host,
      repository: 'acme/app',
      tag: 'multi',
    });
    faults = [
      status(200, {
        'docker-content-digest': real.digest,
        'content-type': 'application/vnd.oci.image.index.v1+json',
      }),
      (_req, res) => {
        res.writeHead(200, {
          'content-type': 'application/vnd.oci.image.index.v1+json',
        });
        res.end(JSON.stringify({ schemaVersion: 2, manifests: [] }));
      },
    ];

    const error = await client()
      .resolveDigest({
        registry: front.host,
        repository: 'acme/app',
        tag: 'multi',
        platforms: ['linux/amd64'],
      })
      .catch(e => e);

    expect(error.message).toBe(
      `${front.host}/acme/app:multi: the manifest body does not match its digest ${real.digest}`,
    );
  });

  it('computes the digest from the body when the registry sends no Docker-Content-Digest', async () => {
    faults = [
      status(200, {
        'content-type': 'application/vnd.oci.image.manifest.v1+json',
      }),
    ];

    const resolved = await resolve();

    expect(resolved.digest).toBe(digest);
    expect(front.requests.map(r => r.method)).toEqual(['HEAD', 'GET']);
  });
});
