import { pinnedReference, shortDigest } from './shortDigest';

const digest = `sha256:${'0123456789abcdef'.repeat(4)}`;

describe('shortDigest', () => {
  it('keeps the algorithm and twelve hex characters', () => {
    expect(shortDigest(digest)).toBe('sha256:0123456789ab');
  });

  it('shortens a bare hex string too', () => {
    expect(shortDigest('0123456789abcdef')).toBe('0123456789ab');
  });
});

describe('pinnedReference', () => {
  it('pins a tagged reference to a digest', () => {
    expect(pinnedReference('docker.io/library/node:22', digest)).toBe(
      `docker.io/library/node:22@${digest}`,
    );
  });

  it('replaces a digest already in the reference', () => {
    expect(
      pinnedReference(`ghcr.io/acme/base@sha256:${'f'.repeat(64)}`, digest),
    ).toBe(`ghcr.io/acme/base@${digest}`);
  });
});
