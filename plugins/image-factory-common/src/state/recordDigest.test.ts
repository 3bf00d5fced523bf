import { mergeState } from './mergeState';
import { listMonitoredRefs } from './listMonitoredRefs';
import { recordDigest, recordDigests } from './recordDigest';
import {
  emptyStateTree,
  type ManagedImageState,
  type StateTree,
} from './types';
import {
  analyze,
  digestOf,
  enroll,
  loadFleet,
  managedEntity,
} from './__testUtils__/testData';

const T1 = '2025-01-01T00:00:00.000Z';
const T2 = '2025-01-02T00:00:00.000Z';

const payments = enroll(managedEntity('payments'));
const db = enroll({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name: 'db',
    annotations: { 'image-factory.io/external-image': 'postgres:16' },
  },
});

function fleet(dockerfile: string): StateTree {
  return mergeState({
    previous: emptyStateTree(),
    enrollments: [payments, db],
    analyses: new Map([[payments.entityRef, analyze(dockerfile, T1)]]),
    now: T1,
  }).state;
}

const paymentsImage = (state: StateTree) =>
  state.images.find(
    i => i.entityRef === payments.entityRef,
  ) as ManagedImageState;

describe('recordDigest', () => {
  it('appends an update when the digest behind the tag changes', () => {
    let state = fleet('FROM node:22\n');
    state = recordDigest(state, 'node:22', {
      digest: digestOf('1'),
      seenAt: T1,
    });
    state = recordDigest(state, 'docker.io/library/node:22', {
      digest: digestOf('2'),
      seenAt: T2,
    });
    expect(state.baseImages[0]).toMatchObject({
      currentDigest: digestOf('2'),
      previousDigest: digestOf('1'),
      firstDiscovered: T1,
      lastUpdated: T2,
      updates: [
        { digest: digestOf('1'), firstSeen: T1 },
        { digest: digestOf('2'), firstSeen: T2 },
      ],
    });
  });

  it('returns the same tree when the digest is already current', () => {
    const state = recordDigest(fleet('FROM node:22\n'), 'node:22', {
      digest: digestOf('1'),
      seenAt: T1,
    });
    expect(
      recordDigest(state, 'node:22', { digest: digestOf('1'), seenAt: T2 }),
    ).toBe(state);
  });

  it('keeps platform digests with each update, and fills them in once when learned late', () => {
    let state = recordDigest(fleet('FROM node:22\n'), 'node:22', {
      digest: digestOf('1'),
      seenAt: T1,
    });
    const platformDigests = {
      'linux/arm64': digestOf('arm'),
      'linux/amd64': digestOf('amd'),
    };
    state = recordDigest(state, 'node:22', {
      digest: digestOf('1'),
      platformDigests,
      seenAt: T2,
    });
    expect(state.baseImages[0].updates).toEqual([
      { digest: digestOf('1'), firstSeen: T1, platformDigests },
    ]);
    const other = { 'linux/amd64': digestOf('other') };
    expect(
      recordDigest(state, 'node:22', {
        digest: digestOf('1'),
        platformDigests: other,
        seenAt: T2,
      }),
    ).toBe(state);
  });

  it('adds the digests of platforms learned later to the same digest, keeping those it had', () => {
    const amd64 = { 'linux/amd64': digestOf('amd') };
    let state = recordDigest(fleet('FROM node:22\n'), 'node:22', {
      digest: digestOf('1'),
      platformDigests: amd64,
      seenAt: T1,
    });
    // An image enrolled with image-factory.io/platforms: linux/arm64 makes
    // discovery ask for arm64 too; the index digest has not moved.
    state = recordDigest(state, 'node:22', {
      digest: digestOf('1'),
      platformDigests: {
        'linux/amd64': digestOf('ignored'),
        'linux/arm64': digestOf('arm'),
      },
      seenAt: T2,
    });
    expect(state.baseImages[0].updates).toEqual([
      {
        digest: digestOf('1'),
        firstSeen: T1,
        platformDigests: {
          'linux/amd64': digestOf('amd'),
          'linux/arm64': digestOf('arm'),
        },
      },
    ]);
  });

  it('records the digest of an external image', () => {
    const state = recordDigest(fleet('FROM node:22\n'), 'postgres:16', {
      digest: digestOf('pg'),
      seenAt: T1,
    });
    const image = state.images.find(i => i.kind === 'external');
    expect(image?.kind === 'external' && image.monitored.currentDigest).toBe(
      digestOf('pg'),
    );
  });

  it('makes the first digest the built digest of dependents that had none, and only those', () => {
    let state = fleet(
      `FROM node:22\nFROM nginx:1.27@sha256:${'b'.repeat(64)}\n`,
    );
    expect(paymentsImage(state).baseImages.map(b => b.builtDigest)).toEqual([
      `sha256:${'b'.repeat(64)}`,
      null,
    ]);

    state = recordDigest(state, 'node:22', {
      digest: digestOf('1'),
      seenAt: T1,
    });
    state = recordDigest(state, 'nginx:1.27', {
      digest: digestOf('nginx'),
      seenAt: T1,
    });
    state = recordDigest(state, 'node:22', {
      digest: digestOf('2'),
      seenAt: T2,
    });

    expect(paymentsImage(state).baseImages.map(b => b.builtDigest)).toEqual([
      `sha256:${'b'.repeat(64)}`,
      digestOf('1'),
    ]);
  });

  it('leaves archived base images alone', () => {
    let state = recordDigest(fleet('FROM node:22\n'), 'node:22', {
      digest: digestOf('1'),
      seenAt: T1,
    });
    state = mergeState({
      previous: state,
      enrollments: [],
      analyses: new Map(),
      now: T2,
    }).state;
    expect(
      recordDigest(state, 'node:22', { digest: digestOf('2'), seenAt: T2 }),
    ).toBe(state);
  });
});

describe('recordDigests', () => {
  it('records many references in one pass exactly as recordDigest does one by one', () => {
    const { enrollments, analyses } = loadFleet(T1);
    const state = mergeState({
      previous: emptyStateTree(),
      enrollments,
      analyses,
      now: T1,
    }).state;
    const refs = listMonitoredRefs(state);
    const observations = new Map(
      refs.map((ref, i) => [
        ref,
        {
          digest: digestOf(`${ref} new`),
          ...(i % 2
            ? { platformDigests: { 'linux/amd64': digestOf(ref) } }
            : {}),
          seenAt: T2,
        },
      ]),
    );

    const oneByOne = [...observations].reduce(
      (tree, [ref, observation]) => recordDigest(tree, ref, observation),
      state,
    );

    expect(refs.length).toBeGreaterThan(3);
    expect(oneByOne).not.toBe(state);
    expect(recordDigests(state, observations)).toEqual(oneByOne);
    expect(recordDigests(oneByOne, observations)).toBe(oneByOne);
  });
});
