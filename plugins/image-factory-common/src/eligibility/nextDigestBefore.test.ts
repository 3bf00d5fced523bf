import { nextDigestBefore } from './nextDigestBefore';

const digest = (n: number) => `sha256:${String(n).repeat(64)}`;
const verified = { state: 'verified' as const, detail: 'Signed.' };

// Newest first, as the API lists them: 4 is the newest, 1 the built digest.
const updates = [4, 3, 2, 1].map(n => ({
  digest: digest(n),
  firstSeen: `2026-11-0${n}T00:00:00.000Z`,
}));
const base = { builtDigest: digest(1), updates };

describe('nextDigestBefore', () => {
  it('is the newest older digest that is not gone too', () => {
    expect(nextDigestBefore(base, digest(4), new Set([digest(4)]))).toBe(
      digest(3),
    );
    expect(
      nextDigestBefore(base, digest(3), new Set([digest(4), digest(3)])),
    ).toBe(digest(2));
  });

  it('goes down to the built digest and no further', () => {
    const gone = new Set([digest(4), digest(3), digest(2)]);
    expect(nextDigestBefore(base, digest(2), gone)).toBe(digest(1));
    gone.add(digest(1));
    expect(nextDigestBefore(base, digest(2), gone)).toBeUndefined();
    const older = {
      builtDigest: digest(2),
      updates,
    };
    expect(
      nextDigestBefore(older, digest(3), new Set([digest(3), digest(2)])),
    ).toBeUndefined();
  });

  it('skips a digest without a verified signature where signatures are required', () => {
    const required = {
      builtDigest: digest(1),
      signatureMode: 'require' as const,
      updates: updates.map(u =>
        u.digest === digest(3) ? u : { ...u, signature: verified },
      ),
    };
    expect(nextDigestBefore(required, digest(4), new Set([digest(4)]))).toBe(
      digest(2),
    );
    const warned = { ...required, signatureMode: 'warn' as const };
    expect(nextDigestBefore(warned, digest(4), new Set([digest(4)]))).toBe(
      digest(3),
    );
  });

  it('is undefined for a digest the base image does not list', () => {
    expect(nextDigestBefore(base, digest(9), new Set([digest(9)]))).toBe(
      undefined,
    );
  });
});
