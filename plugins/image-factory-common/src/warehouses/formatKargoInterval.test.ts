import { formatKargoInterval, warehouseInterval } from './formatKargoInterval';

describe('warehouse intervals', () => {
  it('writes durations in the units Kargo accepts', () => {
    expect(formatKargoInterval(86_400_000)).toBe('24h');
    expect(formatKargoInterval(5_400_000)).toBe('1h30m');
    expect(formatKargoInterval(45_000)).toBe('45s');
    expect(formatKargoInterval(200)).toBe('1s');
  });

  it('polls public registries daily and others at Kargo’s default, unless configured per registry', () => {
    expect(warehouseInterval('docker.io')).toBe('24h');
    expect(warehouseInterval('ghcr.io')).toBe('24h');
    expect(warehouseInterval('registry.acme.io')).toBe('5m');
    expect(
      warehouseInterval('ghcr.io', { registryIntervals: { 'ghcr.io': '6h' } }),
    ).toBe('6h');
    expect(
      warehouseInterval('registry.acme.io', {
        defaultInterval: '10m',
        publicRegistryInterval: '12h',
      }),
    ).toBe('10m');
  });

  it('rejects an interval option that is not a duration', () => {
    expect(() =>
      warehouseInterval('docker.io', { publicRegistryInterval: 'daily' }),
    ).toThrow(/not a duration/);
  });
});
