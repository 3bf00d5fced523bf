import { ConfigReader } from '@backstage/config';
import { readImageFactoryConfig } from './readImageFactoryConfig';

describe('readImageFactoryConfig', () => {
  const read = (defaults: object) =>
    readImageFactoryConfig(new ConfigReader({ imageFactory: { defaults } }))
      .defaults;

  it('reads a coordination window and a default delay of up to a year', () => {
    expect(
      read({ rebuildDelay: '365d', coordinationWindow: '2h' }),
    ).toMatchObject({ rebuildDelay: '365d', coordinationWindowMs: 7_200_000 });
  });

  it.each([
    ['coordinationWindow', 'imageFactory.defaults.coordinationWindow'],
    ['rebuildDelay', 'imageFactory.defaults.rebuildDelay'],
  ])('refuses a %s longer than a year, naming the key', (key, path) => {
    expect(() => read({ [key]: '99999999d' })).toThrow(
      new RegExp(`Invalid ${path.replace(/\./g, '\\.')}: .*at most 365d`),
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
});
