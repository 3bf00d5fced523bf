import { formatPlatform, parsePlatform } from '../references';
import { normalizePlatform } from './normalizePlatform';

const normalized = (text: string) =>
  formatPlatform(normalizePlatform(parsePlatform(text)));

describe('normalizePlatform', () => {
  // containerd's platforms.Normalize, which BuildKit applies to --platform.
  it.each([
    ['linux/amd64', 'linux/amd64'],
    ['linux/x86_64', 'linux/amd64'],
    ['linux/x86-64', 'linux/amd64'],
    ['linux/amd64/v1', 'linux/amd64'],
    ['linux/amd64/v3', 'linux/amd64/v3'],
    ['linux/i386', 'linux/386'],
    ['linux/aarch64', 'linux/arm64'],
    ['linux/arm64/v8', 'linux/arm64'],
    ['linux/arm64/8', 'linux/arm64'],
    ['linux/arm64/v8.0', 'linux/arm64'],
    ['linux/arm64/9', 'linux/arm64/v9'],
    ['linux/arm64/v9.0', 'linux/arm64/v9'],
    ['linux/arm', 'linux/arm/v7'],
    ['linux/arm/7', 'linux/arm/v7'],
    ['linux/arm/6', 'linux/arm/v6'],
    ['linux/arm/v5', 'linux/arm/v5'],
    ['linux/armhf', 'linux/arm/v7'],
    ['linux/armel', 'linux/arm/v6'],
    ['macos/arm64', 'darwin/arm64'],
    ['windows/amd64', 'windows/amd64'],
    ['linux/riscv64', 'linux/riscv64'],
    ['linux/s390x', 'linux/s390x'],
  ])('builds %s as %s', (given, built) => {
    expect(normalized(given)).toBe(built);
  });

  it('always gives a variant, empty when the platform has none', () => {
    expect(normalizePlatform(parsePlatform('linux/amd64'))).toEqual({
      os: 'linux',
      architecture: 'amd64',
      variant: '',
    });
  });
});
