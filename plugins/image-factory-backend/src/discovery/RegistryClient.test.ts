import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
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

// A real OCI registry: Debian's docker-registry (distribution 2.8) on loopback.
describe('RegistryClient against a real registry', () => {
  let registry: OciRegistry;
  let client: RegistryClient;

  beforeAll(async () => {
    registry = await startOciRegistry();
    client = RegistryClient.create({
      policy: policyFor([{ host: registry.host, insecure: true }]),
      logger: mockServices.logger.mock(),
    });
  });

  afterAll(() => registry?.stop());

  it('resolves the digest a tag points at', async () => {
    const pushed = await registry.pushImage('acme/base', '1');
    const resolved = await client.resolveDigest({
      registry: registry.host,
      repository: 'acme/base',
      tag: '1',
    });
    expect(resolved).toEqual({
      digest: pushed,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      platformDigests: {},
      unchanged: false,
    });
  });

  it('sees a new digest when the tag is re-pushed with other content', async () => {
    const first = await registry.pushImage('acme/moving', 'latest', {
      content: 'first build',
    });
    const before = await client.resolveDigest({
      registry: registry.host,
      repository: 'acme/moving',
      tag: 'latest',
    });
    const second = await registry.pushImage('acme/moving', 'latest', {
      content: 'second build',
    });
    const after = await client.resolveDigest({
      registry: registry.host,
      repository: 'acme/moving',
      tag: 'latest',
      previous: { digest: before.digest },
    });
    expect(second).not.toBe(first);
    expect(before.digest).toBe(first);
    expect(after.digest).toBe(second);
    expect(after.unchanged).toBe(false);
  });

  it('resolves Docker manifest v2 images as well as OCI ones', async () => {
    const pushed = await registry.pushImage('acme/docker-format', '1', {
      format: 'docker',
    });
    const resolved = await client.resolveDigest({
      registry: registry.host,
      repository: 'acme/docker-format',
      tag: '1',
    });
    expect(resolved.digest).toBe(pushed);
    expect(resolved.mediaType).toBe(
      'application/vnd.docker.distribution.manifest.v2+json',
    );
  });

  it('keeps the amd64 digest of a multi-platform image when only arm64 changed', async () => {
    const platforms = ['linux/amd64', 'linux/arm64/v8'];
    await registry.pushImage('acme/multi', '1', {
      platforms,
      content: {
        'linux/amd64': 'amd64 build 1',
        'linux/arm64/v8': 'arm64 build 1',
      },
    });
    const first = await client.resolveDigest({
      registry: registry.host,
      repository: 'acme/multi',
      tag: '1',
      platforms,
    });
    const firstChildren = await registry.platformManifests('acme/multi', '1');

    await registry.pushImage('acme/multi', '1', {
      platforms,
      content: {
        'linux/amd64': 'amd64 build 1',
        'linux/arm64/v8': 'arm64 build 2',
      },
    });
    const second = await client.resolveDigest({
      registry: registry.host,
      repository: 'acme/multi',
      tag: '1',
      platforms,
      previous: first,
    });
    const secondChildren = await registry.platformManifests('acme/multi', '1');

    expect(first.mediaType).toBe('application/vnd.oci.image.index.v1+json');
    expect(first.platformDigests).toEqual(firstChildren);
    expect(second.platformDigests).toEqual(secondChildren);
    expect(second.digest).not.toBe(first.digest);
    expect(second.platformDigests['linux/amd64']).toBe(
      first.platformDigests['linux/amd64'],
    );
    expect(second.platformDigests['linux/arm64/v8']).not.toBe(
      first.platformDigests['linux/arm64/v8'],
    );
  });

  it('matches a requested arm64 platform without variant to an index entry with v8', async () => {
    await registry.pushImage('acme/variants', '1', {
      platforms: ['linux/amd64', 'linux/arm64/v8'],
      format: 'docker',
    });
    const children = await registry.platformManifests('acme/variants', '1');
    const resolved = await client.resolveDigest({
      registry: registry.host,
      repository: 'acme/variants',
      tag: '1',
      platforms: ['linux/arm64', 'linux/s390x'],
    });
    expect(resolved.mediaType).toBe(
      'application/vnd.docker.distribution.manifest.list.v2+json',
    );
    expect(resolved.platformDigests).toEqual({
      'linux/arm64': children['linux/arm64/v8'],
    });
  });

  it('fails at once with a RegistryError carrying 404 for an unknown tag', async () => {
    await registry.pushImage('acme/known', '1');
    const error = await client
      .resolveDigest({
        registry: registry.host,
        repository: 'acme/known',
        tag: 'no-such-tag',
      })
      .catch(e => e);
    expect(error).toBeInstanceOf(RegistryError);
    expect(error.status).toBe(404);
    expect(error.message).toBe(
      `${registry.host}/acme/known:no-such-tag: no such tag or repository (HTTP 404)`,
    );
  });

  describe('behind a recording proxy', () => {
    let proxy: TestHttpServer;
    let proxied: RegistryClient;

    beforeAll(async () => {
      proxy = await startHttpServer((req, res) =>
        forwardRequest(req, res, registry.url),
      );
      proxied = RegistryClient.create({
        policy: policyFor([{ host: proxy.host, insecure: true }]),
        logger: mockServices.logger.mock(),
      });
    });

    afterAll(() => proxy?.stop());

    it('does not fetch the image index again when its digest has not moved', async () => {
      const platforms = ['linux/amd64', 'linux/arm64/v8'];
      await registry.pushImage('acme/steady', '1', { platforms });
      const first = await proxied.resolveDigest({
        registry: proxy.host,
        repository: 'acme/steady',
        tag: '1',
        platforms,
      });
      proxy.requests.length = 0;

      const again = await proxied.resolveDigest({
        registry: proxy.host,
        repository: 'acme/steady',
        tag: '1',
        platforms,
        previous: first,
      });

      expect(again).toEqual({ ...first, unchanged: true });
      expect(proxy.requests.map(r => `${r.method} ${r.url}`)).toEqual([
        'HEAD /v2/acme/steady/manifests/1',
      ]);
    });

    it('fetches the index once more when a newly requested platform is not in the previous result', async () => {
      await registry.pushImage('acme/grown', '1', {
        platforms: ['linux/amd64', 'linux/arm64/v8'],
      });
      const first = await proxied.resolveDigest({
        registry: proxy.host,
        repository: 'acme/grown',
        tag: '1',
        platforms: ['linux/amd64'],
      });
      const wider = await proxied.resolveDigest({
        registry: proxy.host,
        repository: 'acme/grown',
        tag: '1',
        platforms: ['linux/amd64', 'linux/arm64/v8'],
        previous: first,
      });
      expect(Object.keys(wider.platformDigests).sort()).toEqual([
        'linux/amd64',
        'linux/arm64/v8',
      ]);
      expect(wider.unchanged).toBe(true);
    });

    it('never fetches the body of a single-platform manifest', async () => {
      await registry.pushImage('acme/single', '1');
      proxy.requests.length = 0;
      await proxied.resolveDigest({
        registry: proxy.host,
        repository: 'acme/single',
        tag: '1',
        platforms: ['linux/amd64'],
      });
      expect(proxy.requests.map(r => r.method)).toEqual(['HEAD']);
    });
  });

  it('keeps at most the given number of lookups in flight on a host', async () => {
    let inFlight = 0;
    let most = 0;
    const slow = await startHttpServer(async (req, res) => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      // Hold each answer a moment so that overlapping lookups would show.
      await new Promise(resolve => setTimeout(resolve, 30));
      await forwardRequest(req, res, registry.url);
      inFlight -= 1;
    });
    try {
      const tags = ['1', '2', '3', '4', '5', '6'];
      for (const tag of tags) {
        await registry.pushImage('acme/bounded', tag);
      }
      const bounded = RegistryClient.create({
        policy: policyFor([{ host: slow.host, insecure: true }]),
        logger: mockServices.logger.mock(),
      });
      const outcomes = await bounded.resolveMany(
        tags.map(tag => ({
          registry: slow.host,
          repository: 'acme/bounded',
          tag,
        })),
        { concurrency: 2 },
      );
      expect(outcomes.every(outcome => outcome.ok)).toBe(true);
      expect(slow.requests).toHaveLength(6);
      expect(most).toBeLessThanOrEqual(2);
    } finally {
      await slow.stop();
    }
  });

  it('gives each registry host its own lookups in flight, so a slow host holds up no other', async () => {
    await registry.pushImage('acme/lanes', '1');
    const fast = await startHttpServer((req, res) =>
      forwardRequest(req, res, registry.url),
    );
    let fastDoneFirst = false;
    const slow = await startHttpServer(async (req, res) => {
      // Answers only once the other host has had all its lookups (or after a
      // while): with one limit over both hosts, they would queue behind this.
      for (let waited = 0; waited < 3000; waited += 10) {
        if (fast.requests.length === 3) {
          fastDoneFirst = true;
          break;
        }
        await new Promise(resolve => setTimeout(resolve, 10));
      }
      await forwardRequest(req, res, registry.url);
    });
    try {
      const lanes = RegistryClient.create({
        policy: policyFor([
          { host: slow.host, insecure: true },
          { host: fast.host, insecure: true },
        ]),
        logger: mockServices.logger.mock(),
      });
      const outcomes = await lanes.resolveMany(
        [slow.host, fast.host, fast.host, fast.host].map(host => ({
          registry: host,
          repository: 'acme/lanes',
          tag: '1',
        })),
        { concurrency: 1 },
      );
      expect(outcomes.map(outcome => outcome.ok)).toEqual([
        true,
        true,
        true,
        true,
      ]);
      expect(fastDoneFirst).toBe(true);
    } finally {
      await Promise.all([fast.stop(), slow.stop()]);
    }
  });

  it('resolves many tags with one failure not stopping the others', async () => {
    const a = await registry.pushImage('acme/many-a', '1');
    const b = await registry.pushImage('acme/many-b', '1');
    const outcomes = await client.resolveMany(
      [
        { registry: registry.host, repository: 'acme/many-a', tag: '1' },
        { registry: 'evil.example.com', repository: 'acme/app', tag: '1' },
        { registry: registry.host, repository: 'acme/many-missing', tag: '1' },
        { registry: registry.host, repository: 'acme/many-b', tag: '1' },
      ],
      { concurrency: 2 },
    );
    expect(outcomes.map(o => (o.ok ? o.digest : o.error.message))).toEqual([
      a,
      'registry evil.example.com is not in imageFactory.registries',
      `${registry.host}/acme/many-missing:1: no such tag or repository (HTTP 404)`,
      b,
    ]);
  });
});

describe('RegistryClient against a real registry with basic auth', () => {
  const auth = { username: 'factory', password: 'pull-secret-7f3a' };
  let registry: OciRegistry;

  beforeAll(async () => {
    registry = await startOciRegistry({ auth });
  });

  afterAll(() => registry?.stop());

  it('answers the Basic challenge with the configured credentials', async () => {
    const pushed = await registry.pushImage('acme/private', '1');
    const logger = mockServices.logger.mock();
    const client = RegistryClient.create({
      policy: policyFor([{ host: registry.host, insecure: true, ...auth }]),
      logger,
    });
    const resolved = await client.resolveDigest({
      registry: registry.host,
      repository: 'acme/private',
      tag: '1',
    });
    expect(resolved.digest).toBe(pushed);
  });

  it('fails with 401 and says that no credentials are configured', async () => {
    await registry.pushImage('acme/private', '2');
    const client = RegistryClient.create({
      policy: policyFor([{ host: registry.host, insecure: true }]),
      logger: mockServices.logger.mock(),
    });
    const error = await client
      .resolveDigest({
        registry: registry.host,
        repository: 'acme/private',
        tag: '2',
      })
      .catch(e => e);
    expect(error).toBeInstanceOf(RegistryError);
    expect(error.status).toBe(401);
    expect(error.message).toContain('no credentials are configured');
  });

  it('fails with 401 for a wrong password without repeating it in the message', async () => {
    const client = RegistryClient.create({
      policy: policyFor([
        {
          host: registry.host,
          insecure: true,
          username: 'factory',
          password: 'wrong-password-91',
        },
      ]),
      logger: mockServices.logger.mock(),
    });
    const error = await client
      .resolveDigest({
        registry: registry.host,
        repository: 'acme/private',
        tag: '1',
      })
      .catch(e => e);
    expect(error.status).toBe(401);
    expect(error.message).not.toContain('wrong-password-91');
    expect(error.message).not.toContain(
      Buffer.from('factory:wrong-password-91').toString('base64'),
    );
  });
});

function policyFor(registries: object[]): RegistryPolicy {
  return RegistryPolicy.create(
    readImageFactoryConfig(
      new ConfigReader({ imageFactory: { registries, allowPublic: false } }),
    ).registries,
  );
}
