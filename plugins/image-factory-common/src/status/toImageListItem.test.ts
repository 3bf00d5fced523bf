import type { ImageStatus } from '../api';
import {
  staleSinceOf,
  toImageListItem,
  upstreamCriticalFixesOf,
} from './toImageListItem';

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
    expect(
      toImageListItem(status(), { staleSince: staleSinceOf(status()) }),
    ).toEqual({
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
      {},
    );
    expect(item).not.toHaveProperty('staleSince');
    expect(item).not.toHaveProperty('upstreamCriticalFixes');
    expect(item.eligibility).toEqual({ state: 'up-to-date' });
    expect(
      toImageListItem(status(), {
        staleSince: '2026-10-01T00:00:00.000Z',
        upstreamCriticalFixes: 2,
      }),
    ).toMatchObject({
      staleSince: '2026-10-01T00:00:00.000Z',
      upstreamCriticalFixes: 2,
    });
  });
});

describe('upstreamCriticalFixesOf', () => {
  const scan = (critical: string[], high: string[] = []) => ({
    state: 'reported' as const,
    detail: 'Scanned by trivy 0.58.1 on 2026-12-03.',
    scannedAt: '2026-12-03T00:00:00.000Z',
    counts: {
      critical: critical.length,
      high: high.length,
      medium: 0,
      low: 0,
      unknown: 0,
    },
    ids: {
      ...(critical.length > 0 && { critical }),
      ...(high.length > 0 && { high }),
    },
  });
  // node:22 built on 1, newest 3; python:3 built on 5, newest 6.
  function scanned(
    node: { built?: object; newest?: object },
    python: { built?: object; newest?: object } = {},
  ): ImageStatus {
    return status({
      baseImages: [
        {
          ref: 'docker.io/library/node:22',
          builtDigest: digest(1),
          latestDigest: digest(3),
          updates: [
            {
              digest: digest(3),
              firstSeen: '2026-12-02T00:00:00.000Z',
              vulnerabilities: node.newest,
            },
            {
              digest: digest(1),
              firstSeen: '2026-11-01T00:00:00.000Z',
              vulnerabilities: node.built,
            },
          ],
        },
        {
          ref: 'docker.io/library/python:3',
          builtDigest: digest(5),
          latestDigest: digest(6),
          updates: [
            {
              digest: digest(6),
              firstSeen: '2026-12-02T00:00:00.000Z',
              vulnerabilities: python.newest,
            },
            {
              digest: digest(5),
              firstSeen: '2026-11-01T00:00:00.000Z',
              vulnerabilities: python.built,
            },
          ],
        },
      ],
    } as unknown as Partial<ImageStatus>);
  }

  it('lists the critical ids of the built digests that the newest digests no longer have, across base images, once each', () => {
    expect(
      upstreamCriticalFixesOf(
        scanned(
          {
            built: scan(['CVE-2026-0002', 'CVE-2026-0001'], ['CVE-2026-0100']),
            newest: scan(['CVE-2026-0001']),
          },
          {
            built: scan(['CVE-2026-0002', 'CVE-2026-0003']),
            newest: scan([]),
          },
        ),
      ),
    ).toEqual(['CVE-2026-0002', 'CVE-2026-0003']);
  });

  it('counts neither a fixed high nor a digest without a current scan', () => {
    expect(
      upstreamCriticalFixesOf(
        scanned(
          { built: scan([], ['CVE-2026-0100']), newest: scan([]) },
          {
            built: scan(['CVE-2026-0003']),
            newest: { ...scan([]), state: 'expired' },
          },
        ),
      ),
    ).toEqual([]);
    expect(
      upstreamCriticalFixesOf(scanned({ built: scan(['CVE-2026-0001']) })),
    ).toEqual([]);
  });
});
