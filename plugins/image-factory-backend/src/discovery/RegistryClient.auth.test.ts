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

// docker-registry's own token auth needs a certificate-signed JWT service, so the
// bearer token flow is exercised with a small local token service (the token
// endpoint of the distribution token spec) and a front that challenges for its
// tokens and forwards accepted requests to a real docker-registry.

const USER = { username: 'factory', password: 'hub-password-5d2c' };
const BASIC = `Basic ${Buffer.from(
  `${USER.username}:${USER.password}`,
).toString('base64')}`;

describe('RegistryClient authentication and redirects', () => {
  let registry: OciRegistry;
  let servers: TestHttpServer[] = [];
  let digest: string;

  const start = async (
    handler: (
      req: IncomingMessage,
      res: ServerResponse,
    ) => void | Promise<void>,
  ) => {
    const server = await startHttpServer(handler);
    servers.push(server);
    return server;
  };

  /** A token service issuing `token-<n>`; with `requireBasic`, only to the test user. */
  const startTokenService = (
    options: { requireBasic?: boolean; expiresIn?: number } = {},
  ) => {
    let issued = 0;
    return start((req, res) => {
      if (options.requireBasic && req.headers.authorization !== BASIC) {
        res.statusCode = 401;
        res.end();
        return;
      }
      issued += 1;
      res.setHeader('content-type', 'application/json');
      res.end(
        JSON.stringify({
          token: `token-${issued}`,
          expires_in: options.expiresIn ?? 300,
        }),
      );
    });
  };

  /** A registry front that wants a bearer token from `realm` and forwards to the real registry. */
  const startBearerFront = (realm: () => string) =>
    start(async (req, res) => {
      if (!req.headers.authorization?.startsWith('Bearer token-')) {
        const repository =
          /^\/v2\/(.+)\/manifests\//.exec(req.url ?? '')?.[1] ?? '';
        res.statusCode = 401;
        res.setHeader(
          'www-authenticate',
          `Bearer realm="${realm()}",service="test-registry",scope="repository:${repository}:pull"`,
        );
        res.end();
        return;
      }
      await forwardRequest(req, res, registry.url);
    });

  const clientFor = (
    registries: object[],
    logger = mockServices.logger.mock(),
  ) =>
    RegistryClient.create({
      policy: RegistryPolicy.create(
        readImageFactoryConfig(
          new ConfigReader({
            imageFactory: { registries, allowPublic: false },
          }),
        ).registries,
      ),
      logger,
      retry: { baseDelayMs: 10 },
    });

  beforeAll(async () => {
    registry = await startOciRegistry();
    digest = await registry.pushImage('acme/app', '1');
  });

  afterEach(async () => {
    await Promise.all(servers.map(server => server.stop()));
    servers = [];
  });

  afterAll(() => registry?.stop());

  it('fetches an anonymous token from the realm and sends it only to the registry that asked', async () => {
    const tokens = await startTokenService();
    const front = await startBearerFront(() => `${tokens.url}/token`);
    const client = clientFor([
      { host: front.host, insecure: true },
      { host: tokens.host, insecure: true },
    ]);

    const resolved = await client.resolveDigest({
      registry: front.host,
      repository: 'acme/app',
      tag: '1',
    });

    expect(resolved.digest).toBe(digest);
    expect(tokens.requests).toHaveLength(1);
    expect(tokens.requests[0].url).toBe(
      '/token?service=test-registry&scope=repository%3Aacme%2Fapp%3Apull',
    );
    expect(tokens.requests[0].headers.authorization).toBeUndefined();
    expect(front.requests.map(r => r.headers.authorization)).toEqual([
      undefined,
      'Bearer token-1',
    ]);
  });

  it('sends configured credentials to the token realm and only the token to the registry', async () => {
    const tokens = await startTokenService({ requireBasic: true });
    const front = await startBearerFront(() => `${tokens.url}/token`);
    const client = clientFor([
      { host: front.host, insecure: true, ...USER },
      { host: tokens.host, insecure: true },
    ]);

    const resolved = await client.resolveDigest({
      registry: front.host,
      repository: 'acme/app',
      tag: '1',
    });

    expect(resolved.digest).toBe(digest);
    expect(tokens.requests.map(r => r.headers.authorization)).toEqual([BASIC]);
    expect(front.requests.every(r => r.headers.authorization !== BASIC)).toBe(
      true,
    );
  });

  it('reuses a token for later lookups of the same repository until it expires', async () => {
    const tokens = await startTokenService();
    const front = await startBearerFront(() => `${tokens.url}/token`);
    const client = clientFor([
      { host: front.host, insecure: true },
      { host: tokens.host, insecure: true },
    ]);

    await client.resolveDigest({
      registry: front.host,
      repository: 'acme/app',
      tag: '1',
    });
    await client.resolveDigest({
      registry: front.host,
      repository: 'acme/app',
      tag: '1',
    });

    expect(tokens.requests).toHaveLength(1);
    expect(front.requests.map(r => r.headers.authorization)).toEqual([
      undefined,
      'Bearer token-1',
      'Bearer token-1',
    ]);
  });

  it('asks for a new token when the cached one has expired', async () => {
    // A 1 s token is already past its safety margin when it arrives.
    const tokens = await startTokenService({ expiresIn: 1 });
    const front = await startBearerFront(() => `${tokens.url}/token`);
    const client = clientFor([
      { host: front.host, insecure: true },
      { host: tokens.host, insecure: true },
    ]);

    await client.resolveDigest({
      registry: front.host,
      repository: 'acme/app',
      tag: '1',
    });
    await client.resolveDigest({
      registry: front.host,
      repository: 'acme/app',
      tag: '1',
    });

    expect(tokens.requests).toHaveLength(2);
    expect(front.requests.at(-1)?.headers.authorization).toBe('Bearer token-2');
  });

  it('refuses a token realm on a host that is not allowed, without contacting it or leaking credentials', async () => {
    const foreign = await startTokenService();
    const front = await startBearerFront(() => `${foreign.url}/token`);
    const client = clientFor([{ host: front.host, insecure: true, ...USER }]);

    const error = await client
      .resolveDigest({ registry: front.host, repository: 'acme/app', tag: '1' })
      .catch(e => e);

    expect(error).toBeInstanceOf(RegistryError);
    expect(error.status).toBe(401);
    expect(error.message).toBe(
      `registry ${front.host} asked for a token from ${foreign.host}, which is not an allowed token host`,
    );
    expect(foreign.requests).toHaveLength(0);
    expect(front.requests.map(r => r.headers.authorization)).toEqual([
      undefined,
    ]);
  });

  it('sends a configured bearer token as it is', async () => {
    const front = await start(async (req, res) => {
      if (req.headers.authorization !== 'Bearer static-token-8e1') {
        res.statusCode = 401;
        res.end();
        return;
      }
      await forwardRequest(req, res, registry.url);
    });
    const client = clientFor([
      { host: front.host, insecure: true, token: 'static-token-8e1' },
    ]);

    const resolved = await client.resolveDigest({
      registry: front.host,
      repository: 'acme/app',
      tag: '1',
    });

    expect(resolved.digest).toBe(digest);
    expect(front.requests).toHaveLength(1);
  });

  it('follows a redirect to an allowed host without sending it the credentials', async () => {
    const mirror = await start((req, res) =>
      forwardRequest(req, res, registry.url),
    );
    const front = await start((req, res) => {
      res.statusCode = 307;
      res.setHeader('location', `${mirror.url}${req.url}`);
      res.end();
    });
    const client = clientFor([
      { host: front.host, insecure: true, token: 'static-token-8e1' },
      { host: mirror.host, insecure: true },
    ]);

    const resolved = await client.resolveDigest({
      registry: front.host,
      repository: 'acme/app',
      tag: '1',
    });

    expect(resolved.digest).toBe(digest);
    expect(front.requests.map(r => r.headers.authorization)).toEqual([
      'Bearer static-token-8e1',
    ]);
    expect(mirror.requests).toHaveLength(1);
    expect(mirror.requests[0].headers.authorization).toBeUndefined();
  });

  it('refuses a redirect to a host that is not allowed and never contacts it', async () => {
    const foreign = await start((req, res) =>
      forwardRequest(req, res, registry.url),
    );
    const front = await start((req, res) => {
      res.statusCode = 302;
      res.setHeader('location', `${foreign.url}${req.url}`);
      res.end();
    });
    const client = clientFor([{ host: front.host, insecure: true, ...USER }]);

    const error = await client
      .resolveDigest({ registry: front.host, repository: 'acme/app', tag: '1' })
      .catch(e => e);

    expect(error).toBeInstanceOf(RegistryError);
    expect(error.message).toBe(
      `registry ${front.host} redirected manifest acme/app:1 to ${foreign.host}, which is not an allowed registry host`,
    );
    expect(foreign.requests).toHaveLength(0);
  });

  it('refuses a host that is not allowed without sending any request', async () => {
    const fetchSpy = jest.fn(globalThis.fetch);
    const client = RegistryClient.create({
      policy: RegistryPolicy.create(
        readImageFactoryConfig(
          new ConfigReader({ imageFactory: { registries: [] } }),
        ).registries,
      ),
      logger: mockServices.logger.mock(),
      fetch: fetchSpy,
    });

    await expect(
      client.resolveDigest({
        registry: 'evil.example.com',
        repository: 'acme/app',
        tag: '1',
      }),
    ).rejects.toThrow(
      'registry evil.example.com is not in imageFactory.registries',
    );
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it('refuses a tag that would reshape the request path without sending any request', async () => {
    const fetchSpy = jest.fn(globalThis.fetch);
    const client = RegistryClient.create({
      policy: RegistryPolicy.create(
        readImageFactoryConfig(new ConfigReader({ imageFactory: {} }))
          .registries,
      ),
      logger: mockServices.logger.mock(),
      fetch: fetchSpy,
    });

    await expect(
      client.resolveDigest({
        registry: 'ghcr.io',
        repository: 'acme/app',
        tag: '../../token?x=1',
      }),
    ).rejects.toThrow(
      '"acme/app:../../token?x=1" is not a valid repository and tag',
    );
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it('never logs credentials or tokens', async () => {
    const tokens = await startTokenService({ requireBasic: true });
    let failures = 1;
    const front = await startBearerFront(() => `${tokens.url}/token`);
    const flaky = await start(async (req, res) => {
      // One 503 first, so the retry path (which logs) runs with a token in hand.
      if (req.headers.authorization && failures-- > 0) {
        res.statusCode = 503;
        res.end();
        return;
      }
      await forwardRequest(req, res, front.url, { keepAuthorization: true });
    });
    const logger = mockServices.logger.mock();
    const client = clientFor(
      [
        { host: flaky.host, insecure: true, ...USER },
        { host: tokens.host, insecure: true },
      ],
      logger,
    );
    // The front's challenge names its own realm; through the flaky proxy the client
    // still talks to the same token service.
    await client.resolveDigest({
      registry: flaky.host,
      repository: 'acme/app',
      tag: '1',
    });

    const logged = JSON.stringify([
      logger.debug.mock.calls,
      logger.info.mock.calls,
      logger.warn.mock.calls,
      logger.error.mock.calls,
    ]);
    expect(logger.debug).toHaveBeenCalled();
    for (const secret of [USER.password, BASIC.slice(6), 'token-1']) {
      expect(logged).not.toContain(secret);
    }
  });
});
