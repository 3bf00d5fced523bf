import { ConfigReader } from '@backstage/config';
import { InputError, NotAllowedError } from '@backstage/errors';
import { readImageFactoryConfig } from '../config/readImageFactoryConfig';
import { RegistryPolicy } from './RegistryPolicy';

const HOUR = 60 * 60 * 1000;

function policy(imageFactory: object = {}): RegistryPolicy {
  return RegistryPolicy.create(
    readImageFactoryConfig(new ConfigReader({ imageFactory })).registries,
  );
}

describe('RegistryPolicy', () => {
  it('allows the public registries by default and nothing else', () => {
    const p = policy();
    expect(p.isAllowed('docker.io')).toBe(true);
    expect(p.isAllowed('ghcr.io')).toBe(true);
    expect(p.isAllowed('eu.gcr.io')).toBe(true);
    expect(p.isAllowed('evil.example.com')).toBe(false);
    expect(p.isAllowed('localhost:5000')).toBe(false);
  });

  it('allows only listed hosts when allowPublic is false', () => {
    const p = policy({
      allowPublic: false,
      registries: [{ host: 'registry.acme.internal' }, { host: 'ghcr.io' }],
    });
    expect(p.isAllowed('registry.acme.internal')).toBe(true);
    expect(p.isAllowed('ghcr.io')).toBe(true);
    expect(p.isAllowed('docker.io')).toBe(false);
  });

  it('names the config key when refusing a host', () => {
    expect(() => policy().endpointFor('evil.example.com')).toThrow(
      new NotAllowedError(
        'registry evil.example.com is not in imageFactory.registries',
      ),
    );
    expect(() =>
      policy({ allowPublic: false }).endpointFor('docker.io'),
    ).toThrow(
      'registry docker.io is not in imageFactory.registries (public registries are off: imageFactory.allowPublic is false)',
    );
  });

  it('reaches Docker Hub at registry-1.docker.io whatever alias the image used', () => {
    for (const alias of [
      'docker.io',
      'index.docker.io',
      'Registry-1.Docker.io',
    ]) {
      expect(policy().endpointFor(alias)).toMatchObject({
        registry: 'docker.io',
        apiHost: 'registry-1.docker.io',
        baseUrl: 'https://registry-1.docker.io',
      });
    }
  });

  it('lets Docker Hub use auth.docker.io for tokens and its CDN for redirects, and nothing foreign', () => {
    const p = policy();
    const hub = p.endpointFor('docker.io');
    expect(p.mayIssueTokens(hub, 'auth.docker.io')).toBe(true);
    expect(p.mayIssueTokens(hub, 'evil.example.com')).toBe(false);
    expect(p.mayIssueTokens(hub, 'ghcr.io')).toBe(false);
    expect(p.mayRedirectTo(hub, 'production.cloudflare.docker.com')).toBe(true);
    expect(
      p.mayRedirectTo(
        hub,
        'docker-images-prod.6aa30f8b08e16409b46e0173d6de2f56.r2.cloudflarestorage.com',
      ),
    ).toBe(true);
    expect(p.mayRedirectTo(hub, 'evil.example.com')).toBe(false);
    expect(p.mayRedirectTo(hub, 'cloudflare.docker.com.evil.example.com')).toBe(
      false,
    );
  });

  it('defaults the minimum interval to 24h for public registries and 1h for others', () => {
    const p = policy({
      registries: [
        { host: 'registry.acme.internal' },
        { host: 'quay.io', minInterval: '6h' },
      ],
    });
    expect(p.minIntervalFor('docker.io')).toBe(24 * HOUR);
    expect(p.minIntervalFor('registry.acme.internal')).toBe(HOUR);
    expect(p.minIntervalFor('quay.io')).toBe(6 * HOUR);
  });

  it('uses plain HTTP only for hosts marked insecure', () => {
    const p = policy({
      registries: [
        { host: 'localhost:5000', insecure: true },
        { host: 'registry.acme.internal' },
      ],
    });
    expect(p.endpointFor('localhost:5000').baseUrl).toBe(
      'http://localhost:5000',
    );
    expect(p.endpointFor('registry.acme.internal').baseUrl).toBe(
      'https://registry.acme.internal',
    );
  });

  it('keeps credentials with their host and does not hand them to its mirror', () => {
    const p = policy({
      registries: [
        {
          host: 'docker.io',
          username: 'acme',
          password: 'hub-secret',
          mirror: 'mirror.acme.internal:5000',
        },
        {
          host: 'mirror.acme.internal:5000',
          insecure: true,
          token: 'mirror-token',
        },
        { host: 'registry.acme.internal', token: 'acme-token' },
      ],
    });
    expect(p.endpointFor('registry.acme.internal').credentials).toEqual({
      type: 'bearer',
      token: 'acme-token',
    });
    expect(p.endpointFor('docker.io')).toMatchObject({
      registry: 'docker.io',
      apiHost: 'mirror.acme.internal:5000',
      baseUrl: 'http://mirror.acme.internal:5000',
      credentials: { type: 'bearer', token: 'mirror-token' },
      minIntervalMs: 24 * HOUR,
    });
  });

  it.each([
    [{ host: 'https://registry.acme.internal' }, 'is not a registry host'],
    [
      { host: 'a.example.com', minInterval: 'soon' },
      'imageFactory.registries[a.example.com].minInterval',
    ],
    [
      { host: 'a.example.com', username: 'u' },
      'username and password go together',
    ],
    [
      { host: 'a.example.com', username: 'u', password: 'p', token: 't' },
      'set either token or username and password',
    ],
  ])('rejects the malformed entry %j', (entry, message) => {
    expect(() => policy({ registries: [entry] })).toThrow(InputError);
    expect(() => policy({ registries: [entry] })).toThrow(message);
  });

  it('rejects a host listed twice, however it is spelled', () => {
    expect(() =>
      policy({
        registries: [{ host: 'docker.io' }, { host: 'index.docker.io' }],
      }),
    ).toThrow('imageFactory.registries lists docker.io twice');
  });
});
