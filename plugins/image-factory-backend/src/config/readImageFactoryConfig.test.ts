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
});
