import { parseEnrollment } from '../enrollment';
import { formatPlatform, parsePlatform } from './platform';

describe('parsePlatform', () => {
  it.each([
    ['linux/amd64', { os: 'linux', architecture: 'amd64' }],
    ['linux/arm64/v8', { os: 'linux', architecture: 'arm64', variant: 'v8' }],
    [' Linux/AMD64 ', { os: 'linux', architecture: 'amd64' }],
    ['windows/amd64', { os: 'windows', architecture: 'amd64' }],
  ])('reads %j', (text, platform) => {
    expect(parsePlatform(text)).toEqual(platform);
  });

  it.each([
    'linux',
    'linux/amd64/v2/x',
    'linux/',
    'Linux amd64',
    'linux/am d64',
  ])('rejects the platform %j', text => {
    expect(() => parsePlatform(text)).toThrow(TypeError);
  });

  it('writes a platform back in the form it reads', () => {
    expect(formatPlatform(parsePlatform('Linux/ARM/v7'))).toBe('linux/arm/v7');
  });

  it('is the grammar of the platforms annotation: lower-cased, sorted, unique', () => {
    const enrollment = parseEnrollment(
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: {
          name: 'payments',
          annotations: {
            'image-factory.io/image': 'ghcr.io/acme/payments',
            'image-factory.io/platforms': 'linux/ARM64,linux/amd64,linux/arm64',
          },
        },
      },
      {
        rebuildDelay: '7d',
        autoRebuild: true,
        platforms: ['linux/amd64'],
      },
    );
    expect(enrollment?.platforms).toEqual(['linux/amd64', 'linux/arm64']);
  });
});
