import { ConfigReader } from '@backstage/config';
import {
  readImageFactoryConfig,
  warehouseRegistryIntervals,
} from './readImageFactoryConfig';

const readConfig = (imageFactory: object) =>
  readImageFactoryConfig(new ConfigReader({ imageFactory }));

describe('readImageFactoryConfig', () => {
  const read = (defaults: object) =>
    readImageFactoryConfig(new ConfigReader({ imageFactory: { defaults } }))
      .defaults;

  it('reads a coordination window and a default delay of up to a year', () => {
    expect(
      read({ rebuildDelay: '365d', coordinationWindow: '2h' }),
    ).toMatchObject({ rebuildDelay: '365d', coordinationWindowMs: 7_200_000 });
  });

  it('trusts an internal base image digest a rebuild pushed at once, unless an internal delay is set', () => {
    expect(read({}).internalDelayMs).toBe(0);
    expect(read({ internalDelay: '2h' }).internalDelayMs).toBe(7_200_000);
    expect(() => read({ internalDelay: 'soon' })).toThrow(
      /Invalid imageFactory\.defaults\.internalDelay: /,
    );
  });

  it.each([
    ['coordinationWindow', 'imageFactory.defaults.coordinationWindow'],
    ['rebuildDelay', 'imageFactory.defaults.rebuildDelay'],
    ['internalDelay', 'imageFactory.defaults.internalDelay'],
  ])('refuses a %s longer than a year, naming the key', (key, path) => {
    expect(() => read({ [key]: '99999999d' })).toThrow(
      new RegExp(`Invalid ${path.replace(/\./g, '\\.')}: .*at most 365d`),
    );
  });

  it('reads the supply-chain settings: listed severity, scan age, bypass off by default', () => {
    expect(readConfig({})).toMatchObject({
      vulnerabilities: { listSeverity: 'high', maxAgeMs: 7 * 86_400_000 },
    });
    expect(readConfig({}).bypassSeverity).toBeUndefined();
    expect(
      readConfig({
        supplyChain: {
          vulnerabilities: { listSeverity: 'medium', maxAge: '36h' },
          bypassSeverity: 'high',
        },
      }),
    ).toMatchObject({
      vulnerabilities: { listSeverity: 'medium', maxAgeMs: 36 * 3_600_000 },
      bypassSeverity: 'high',
    });
  });

  it('refuses a bypass severity whose ids are not listed, or an unknown severity', () => {
    expect(() =>
      readConfig({ supplyChain: { bypassSeverity: 'medium' } }),
    ).toThrow(
      'imageFactory.supplyChain.bypassSeverity is "medium", below imageFactory.supplyChain.vulnerabilities.listSeverity "high": ids of that severity are not listed, so no digest could be seen to fix one',
    );
    expect(() =>
      readConfig({
        supplyChain: { vulnerabilities: { listSeverity: 'severe' } },
      }),
    ).toThrow(
      'imageFactory.supplyChain.vulnerabilities.listSeverity is "severe"; it must be one of critical, high, medium, low',
    );
  });

  it('reads the Kargo namespace and refuses one that is not a DNS-1123 label', () => {
    const namespace = (kargo?: object) =>
      readImageFactoryConfig(
        new ConfigReader({ imageFactory: kargo ? { kargo } : {} }),
      ).kargoNamespace;
    expect(namespace()).toBe('image-factory');
    expect(namespace({ namespace: 'kargo-images' })).toBe('kargo-images');
    expect(() => namespace({ namespace: 'Kargo_Images' })).toThrow(
      /Invalid imageFactory\.kargo\.namespace: "Kargo_Images" is not a Kubernetes namespace/,
    );
  });

  it('reads how long a rebuild may wait for its run, 30 minutes by default', () => {
    const runTimeout = (rebuilds?: object) =>
      readImageFactoryConfig(
        new ConfigReader({ imageFactory: rebuilds ? { rebuilds } : {} }),
      ).runTimeoutMs;
    expect(runTimeout()).toBe(1_800_000);
    expect(runTimeout({ runTimeout: '2h' })).toBe(7_200_000);
    expect(() => runTimeout({ runTimeout: 'soon' })).toThrow(
      /Invalid imageFactory\.rebuilds\.runTimeout: "soon" is not a duration/,
    );
    expect(() => runTimeout({ runTimeout: '0' })).toThrow(
      /Invalid imageFactory\.rebuilds\.runTimeout: .*longer than 0/,
    );
  });

  it('reads the share of active images one run may archive, half by default', () => {
    const ratio = (safety?: object) =>
      readImageFactoryConfig(
        new ConfigReader({ imageFactory: safety ? { safety } : {} }),
      ).safety.maxArchiveRatio;
    expect(ratio()).toBe(0.5);
    expect(ratio({ maxArchiveRatio: 1 })).toBe(1);
    expect(ratio({ maxArchiveRatio: 0 })).toBe(0);
    expect(() => ratio({ maxArchiveRatio: 1.5 })).toThrow(
      /Invalid imageFactory\.safety\.maxArchiveRatio: 1\.5 is not between 0 and 1/,
    );
  });

  it('reads the caps on base images per Dockerfile and new tags per run', () => {
    const safetyOf = (safety?: object) =>
      readImageFactoryConfig(
        new ConfigReader({ imageFactory: safety ? { safety } : {} }),
      ).safety;
    expect(safetyOf()).toMatchObject({
      maxBaseImagesPerDockerfile: 50,
      maxNewTagsPerRun: 500,
    });
    expect(
      safetyOf({ maxBaseImagesPerDockerfile: 3, maxNewTagsPerRun: 10 }),
    ).toMatchObject({ maxBaseImagesPerDockerfile: 3, maxNewTagsPerRun: 10 });
    expect(() => safetyOf({ maxNewTagsPerRun: 0 })).toThrow(
      /Invalid imageFactory\.safety\.maxNewTagsPerRun: 0 is not a whole number of at least 1/,
    );
    expect(() => safetyOf({ maxBaseImagesPerDockerfile: 2.5 })).toThrow(
      /Invalid imageFactory\.safety\.maxBaseImagesPerDockerfile: 2\.5/,
    );
  });

  describe('durations', () => {
    const windowOf = (coordinationWindow: unknown) =>
      readConfig({ defaults: { coordinationWindow } }).defaults
        .coordinationWindowMs;
    const runTimeout = (value: unknown) =>
      readConfig({ rebuilds: { runTimeout: value } }).runTimeoutMs;
    const minInterval = (value: unknown) =>
      readConfig({
        registries: [{ host: 'registry.acme.io', minInterval: value }],
      }).registries.hosts[0].minIntervalMs;

    it('defaults the coordination window to an hour', () => {
      expect(readConfig({}).defaults.coordinationWindowMs).toBe(3_600_000);
    });

    it.each([
      ['30m', 1_800_000],
      ['1d12h', 129_600_000],
      ['PT30M', 1_800_000],
      ['P1DT12H', 129_600_000],
      ['2 hours', 7_200_000],
      ['1.5h', 5_400_000],
      [{ minutes: 30 }, 1_800_000],
      [{ hours: 1, minutes: 30 }, 5_400_000],
    ])('reads %j as %d ms, wherever a duration goes', (value, ms) => {
      expect(windowOf(value)).toBe(ms);
      expect(minInterval(value)).toBe(ms);
      expect(runTimeout(value)).toBe(ms);
    });

    it('reads 0 where a duration may be 0', () => {
      expect(windowOf('0')).toBe(0);
      expect(minInterval('0')).toBe(0);
      expect(minInterval({ seconds: 0 })).toBe(0);
    });

    it.each([
      ['defaults.coordinationWindow', windowOf],
      ['rebuilds.runTimeout', runTimeout],
      ['registries[registry.acme.io].minInterval', minInterval],
    ])('refuses a bad %s, naming the key', (key, readIt) => {
      const name = `Invalid imageFactory.${key}: `.replace(/[.[\]]/g, '\\$&');
      expect(() => readIt('often')).toThrow(
        new RegExp(`^${name}"often" is not a duration`),
      );
      expect(() => readIt('PT1X')).toThrow(new RegExp(`^${name}"PT1X"`));
      expect(() => readIt({ minutez: 30 })).toThrow(
        new RegExp(`^${name}Needs one or more of 'years'`),
      );
      expect(() => readIt({ minutes: 30, secs: 1 })).toThrow(
        new RegExp(`^${name}Unknown property 'secs'`),
      );
      expect(() => readIt(30)).toThrow(new RegExp(`^${name}30 has no unit`));
      expect(() => readIt({ minutes: -5 })).toThrow(
        new RegExp(`^${name}.*is negative`),
      );
    });

    it('bounds the coordination window and run timeout in every form', () => {
      expect(() => windowOf({ days: 366 })).toThrow(
        /Invalid imageFactory\.defaults\.coordinationWindow: \{"days":366\} is too long: at most 365d/,
      );
      expect(() => runTimeout('P2Y')).toThrow(
        /Invalid imageFactory\.rebuilds\.runTimeout: "P2Y" is too long: at most 365d/,
      );
      expect(() => runTimeout({ minutes: 0 })).toThrow(
        /Invalid imageFactory\.rebuilds\.runTimeout: .*longer than 0/,
      );
      expect(windowOf('365d')).toBe(365 * 86_400_000);
    });

    it('keeps the rebuild delay in the annotation syntax', () => {
      expect(
        readConfig({ defaults: { rebuildDelay: '36h' } }).defaults,
      ).toMatchObject({ rebuildDelay: '36h' });
      expect(() => readConfig({ defaults: { rebuildDelay: 'PT36H' } })).toThrow(
        /Invalid imageFactory\.defaults\.rebuildDelay: "PT36H" is not a duration/,
      );
    });
  });

  describe('registries', () => {
    it('reads each host once, normalized, with its credentials and mirror', () => {
      expect(
        readConfig({
          allowPublic: false,
          registries: [
            {
              host: 'Index.Docker.io',
              username: 'acme',
              password: 'secret',
              mirror: 'Mirror.acme.io:443',
            },
            { host: 'localhost:5000', insecure: true, token: 't' },
          ],
        }).registries,
      ).toEqual({
        allowPublic: false,
        hosts: [
          {
            host: 'docker.io',
            insecure: false,
            credentials: {
              type: 'basic',
              username: 'acme',
              password: 'secret',
            },
            mirror: 'mirror.acme.io',
          },
          {
            host: 'localhost:5000',
            insecure: true,
            credentials: { type: 'bearer', token: 't' },
          },
        ],
      });
      expect(readConfig({}).registries).toEqual({
        allowPublic: true,
        hosts: [],
      });
    });

    it('writes the Warehouse interval of each host with a minInterval as Kargo does', () => {
      const intervals = (minIntervals: unknown[]) =>
        warehouseRegistryIntervals(
          readConfig({
            registries: minIntervals.map((minInterval, i) => ({
              host: `r${i}.acme.io`,
              ...(minInterval !== undefined && { minInterval }),
            })),
          }).registries,
        );
      // The spellings Kargo accepts are written as they are.
      expect(intervals(['1s', '5m', '24h', '1h30m', '45s'])).toEqual({
        'r0.acme.io': '1s',
        'r1.acme.io': '5m',
        'r2.acme.io': '24h',
        'r3.acme.io': '1h30m',
        'r4.acme.io': '45s',
      });
      expect(
        intervals(['1d', '90m', 'PT6H', { minutes: 15 }, '0', undefined]),
      ).toEqual({
        'r0.acme.io': '24h',
        'r1.acme.io': '1h30m',
        'r2.acme.io': '6h',
        'r3.acme.io': '15m',
        'r4.acme.io': '1s',
      });
    });
  });

  describe('freight source', () => {
    it('defaults to the registry, without Kubernetes settings', () => {
      expect(readConfig({}).freightSource).toEqual({ type: 'registry' });
    });

    it('reads how the kargo source reaches the Kubernetes API', () => {
      expect(
        readConfig({
          freightSource: {
            type: 'kargo',
            kubernetes: { url: 'https://k8s.acme.io:6443', token: 't' },
          },
        }).freightSource,
      ).toEqual({
        type: 'kargo',
        kubernetes: {
          url: 'https://k8s.acme.io:6443',
          token: 't',
          skipTLSVerify: false,
        },
      });
    });

    it('refuses an unknown type and a malformed default platform, naming the key', () => {
      expect(() => readConfig({ freightSource: { type: 'flux' } })).toThrow(
        'imageFactory.freightSource.type must be registry or kargo, not "flux"',
      );
      expect(() =>
        readConfig({
          freightSource: { type: 'kargo' },
          defaults: { platforms: ['arm64'] },
        }),
      ).toThrow(/imageFactory\.defaults\.platforms.*"arm64" is not a platform/);
    });
  });
});
