import type { ImageStatus } from '../api';
import { staleSinceOf, toImageListItem } from './toImageListItem';

const digest = (n: number) => `sha256:${String(n).repeat(64).slice(0, 64)}`;

// Only what the list line reads; the rest of a status does not matter here.
function status(overrides: Partial<ImageStatus> = {}): ImageStatus {
  return {
    entityRef: 'component:default/payments',
    kind: 'managed',
    owner: 'group:default/payments',
    enrollment: { image: 'ghcr.io/acme/payments' },
    eligibility: { state: 'pending', eligibleAt: '2026-12-09T00:00:00.000Z' },
    baseImages: [
      {
        ref: 'docker.io/library/node:22',
        builtDigest: digest(1),
        // Newest first, as the API lists them.
        updates: [
          { digest: digest(3), firstSeen: '2026-12-02T00:00:00.000Z' },
          { digest: digest(2), firstSeen: '2026-11-30T00:00:00.000Z' },
          { digest: digest(1), firstSeen: '2026-11-01T00:00:00.000Z' },
        ],
      },
    ],
    rebuilds: [],
    ...overrides,
  } as unknown as ImageStatus;
}

describe('staleSinceOf', () => {
  it('is when the oldest update the image is not built on was first seen', () => {
    expect(staleSinceOf(status())).toBe('2026-11-30T00:00:00.000Z');
  });

  it('is undefined for an image built on the newest digest', () => {
    const current = status();
    current.baseImages[0].builtDigest = digest(3);
    expect(staleSinceOf(current)).toBeUndefined();
  });
});

describe('toImageListItem', () => {
  it('lists the image with its eligibility and when it went stale', () => {
    expect(toImageListItem(status(), staleSinceOf(status()))).toEqual({
      entityRef: 'component:default/payments',
      kind: 'managed',
      image: 'ghcr.io/acme/payments',
      owner: 'group:default/payments',
      eligibility: {
        state: 'pending',
        eligibleAt: '2026-12-09T00:00:00.000Z',
      },
      staleSince: '2026-11-30T00:00:00.000Z',
      baseImageCount: 1,
    });
  });

  it('takes the staleSince it is given, and leaves out what is absent', () => {
    const item = toImageListItem(
      status({
        eligibility: { state: 'up-to-date' } as ImageStatus['eligibility'],
      }),
      undefined,
    );
    expect(item).not.toHaveProperty('staleSince');
    expect(item.eligibility).toEqual({ state: 'up-to-date' });
    expect(
      toImageListItem(status(), '2026-10-01T00:00:00.000Z').staleSince,
    ).toBe('2026-10-01T00:00:00.000Z');
  });
});
