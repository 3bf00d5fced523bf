import { selectPlatformDigests } from './selectPlatformDigests';

const d = (c: string) => `sha256:${c.repeat(64)}`;

// The shape BuildKit pushes: one manifest per platform plus attestation manifests.
const INDEX = {
  schemaVersion: 2,
  mediaType: 'application/vnd.oci.image.index.v1+json',
  manifests: [
    { digest: d('1'), platform: { os: 'linux', architecture: 'amd64' } },
    {
      digest: d('2'),
      platform: { os: 'linux', architecture: 'arm64', variant: 'v8' },
    },
    {
      digest: d('3'),
      platform: { os: 'linux', architecture: 'arm', variant: 'v6' },
    },
    {
      digest: d('4'),
      platform: { os: 'linux', architecture: 'arm', variant: 'v7' },
    },
    {
      digest: d('5'),
      platform: { os: 'unknown', architecture: 'unknown' },
      annotations: { 'vnd.docker.reference.type': 'attestation-manifest' },
    },
  ],
};

describe('selectPlatformDigests', () => {
  it('picks each requested platform, treating arm64 as arm64/v8 and arm as arm/v7', () => {
    expect(
      selectPlatformDigests(INDEX, [
        'linux/amd64',
        'linux/arm64',
        'linux/arm64/v8',
        'linux/arm',
        'linux/arm/v6',
      ]),
    ).toEqual({
      'linux/amd64': d('1'),
      'linux/arm64': d('2'),
      'linux/arm64/v8': d('2'),
      'linux/arm': d('4'),
      'linux/arm/v6': d('3'),
    });
  });

  it('leaves out platforms the index does not offer', () => {
    expect(
      selectPlatformDigests(INDEX, ['windows/amd64', 'linux/s390x']),
    ).toEqual({});
  });

  it('rejects a body without a manifests list', () => {
    expect(() =>
      selectPlatformDigests({ schemaVersion: 2 }, ['linux/amd64']),
    ).toThrow('the image index has no manifests list');
  });
});
