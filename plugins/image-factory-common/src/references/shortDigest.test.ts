import { shortDigest } from './shortDigest';

describe('shortDigest', () => {
  it('keeps the algorithm and twelve hex characters', () => {
    expect(shortDigest(`sha256:${'0123456789abcdef'.repeat(4)}`)).toBe(
      'sha256:0123456789ab',
    );
  });

  it('shortens a bare hex string too', () => {
    expect(shortDigest('0123456789abcdef')).toBe('0123456789ab');
  });
});
