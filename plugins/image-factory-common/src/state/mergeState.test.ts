import fc from 'fast-check';
import { parse } from 'yaml';
import { listMonitoredRefs } from './listMonitoredRefs';
import { mergeState } from './mergeState';
import { parseStateTree } from './parseStateTree';
import type { Enrollment } from '../enrollment';
import { recordDigest } from './recordDigest';
import { renderStateTree } from './renderStateTree';
import {
  emptyStateTree,
  type ManagedImageState,
  type StateTree,
} from './types';
import {
  imageReferenceArb,
  mergeScenarioArb,
} from './__testUtils__/arbitraries';
import {
  analyze,
  digestOf,
  enroll,
  managedEntity,
} from './__testUtils__/testData';

const T1 = '2025-01-01T00:00:00.000Z';
const T2 = '2025-01-02T00:00:00.000Z';
const T3 = '2025-01-03T00:00:00.000Z';

/** A pool of references, a first run with digests discovered, and a second run. */
const runsArb = fc
  .uniqueArray(imageReferenceArb, {
    minLength: 1,
    maxLength: 6,
    selector: r => `${r.registry}/${r.repository}:${r.tag}@${r.digest}`,
  })
  .chain(pool =>
    fc.record({
      first: mergeScenarioArb(pool, T1),
      second: mergeScenarioArb(pool, T2),
      discovered: fc.array(fc.nat(), { maxLength: 6 }),
    }),
  );

type Runs = typeof runsArb extends fc.Arbitrary<infer T> ? T : never;

function previousState(run: Runs): StateTree {
  const first = mergeState({
    previous: emptyStateTree(),
    ...run.first,
    now: T1,
  }).state;
  const refs = listMonitoredRefs(first);
  return run.discovered.reduce(
    (state: StateTree, n: number, i: number) =>
      refs.length === 0
        ? state
        : recordDigest(state, refs[n % refs.length], {
            digest: digestOf(`${n} ${i}`),
            seenAt: T1,
          }),
    first,
  );
}

function managed(state: StateTree, entityRef: string): ManagedImageState {
  const image = state.images.find(i => i.entityRef === entityRef);
  if (image?.kind !== 'managed') {
    throw new Error(`${entityRef} is not an active managed image`);
  }
  return image;
}

describe('mergeState', () => {
  it('changes nothing when merged again with the same inputs, timestamps included', () => {
    fc.assert(
      fc.property(runsArb, run => {
        const previous = previousState(run);
        const once = mergeState({ previous, ...run.second, now: T2 });
        const twice = mergeState({
          previous: once.state,
          ...run.second,
          now: T3,
        });
        expect(twice.changes).toEqual([]);
        expect(twice.state).toEqual(once.state);
      }),
    );
  });

  it('gives the same state whatever the order of the enrollments', () => {
    fc.assert(
      fc.property(runsArb, fc.nat(), (run, seed) => {
        const previous = previousState(run);
        const shuffled = [...run.second.enrollments].sort(
          (a, b) =>
            ((a.entityRef.length * 31 + seed) % 7) -
            ((b.entityRef.length * 31 + seed) % 7),
        );
        const reversed = [...run.second.enrollments].reverse();
        const expected = mergeState({ previous, ...run.second, now: T2 });
        for (const enrollments of [shuffled, reversed]) {
          const result = mergeState({
            previous,
            enrollments,
            analyses: run.second.analyses,
            now: T2,
          });
          expect(result.state).toEqual(expected.state);
          expect(result.conflicts).toEqual(expected.conflicts);
        }
      }),
    );
  });

  it('renders deterministically and reads back every state it produces', () => {
    fc.assert(
      fc.property(runsArb, run => {
        const { state } = mergeState({
          previous: previousState(run),
          ...run.second,
          now: T2,
        });
        const files = renderStateTree(state);
        expect(renderStateTree(structuredClone(state))).toEqual(files);
        const parsed = parseStateTree(files);
        expect(parsed.invalid).toEqual([]);
        expect(parsed.state).toEqual(state);
      }),
    );
  });

  it('never loses a digest update, whatever the second run enrolls', () => {
    fc.assert(
      fc.property(runsArb, run => {
        const previous = previousState(run);
        const { state } = mergeState({ previous, ...run.second, now: T2 });
        const updates = (tree: StateTree) =>
          new Set(
            [
              ...tree.baseImages,
              ...tree.archive.baseImages,
              ...[...tree.images, ...tree.archive.images].flatMap(i =>
                i.kind === 'managed' ? i.published : [],
              ),
            ].flatMap(b =>
              b.updates.map(u => `${b.ref} ${u.digest} ${u.firstSeen}`),
            ),
          );
        for (const update of updates(previous)) {
          expect(updates(state)).toContain(update);
        }
      }),
    );
  });

  it('lets the annotations win over what the state file says', () => {
    const entity = managedEntity('payments', {
      'image-factory.io/rebuild-delay': '36h',
    });
    const enrollment = enroll(entity);
    const analyses = new Map([
      [enrollment.entityRef, analyze('FROM node:22\n', T1)],
    ]);
    const first = mergeState({
      previous: emptyStateTree(),
      enrollments: [enrollment],
      analyses,
      now: T1,
    });
    const edited = structuredClone(first.state);
    const image = managed(edited, enrollment.entityRef);
    image.policy.rebuildDelay = '1d';
    image.policy.workflow = 'hand-edited.yml';

    const second = mergeState({
      previous: edited,
      enrollments: [enrollment],
      analyses,
      now: T2,
    });

    expect(second.state).toEqual(first.state);
    expect(second.changes).toEqual([
      { section: 'images', name: 'payments', action: 'changed' },
    ]);
  });

  it('counts a newly enrolled image as built on the current digest of a known base image', () => {
    const first = enroll(managedEntity('first'));
    const second = enroll(managedEntity('second'));
    const node = analyze('FROM node:22\n', T1);
    let state = mergeState({
      previous: emptyStateTree(),
      enrollments: [first],
      analyses: new Map([[first.entityRef, node]]),
      now: T1,
    }).state;
    state = recordDigest(state, 'node:22', {
      digest: digestOf('a'),
      seenAt: T1,
    });
    state = recordDigest(state, 'node:22', {
      digest: digestOf('b'),
      seenAt: T2,
    });

    state = mergeState({
      previous: state,
      enrollments: [first, second],
      analyses: new Map([
        [first.entityRef, node],
        [second.entityRef, analyze('FROM node:22\n', T3)],
      ]),
      now: T3,
    }).state;

    expect(managed(state, first.entityRef).baseImages[0].builtDigest).toBe(
      digestOf('a'),
    );
    expect(managed(state, second.entityRef).baseImages[0].builtDigest).toBe(
      digestOf('b'),
    );
  });

  it('keeps the first analysis time while re-analysis finds the same result', () => {
    const enrollment = enroll(managedEntity('payments'));
    const run = (previous: StateTree, dockerfile: string, now: string) =>
      mergeState({
        previous,
        enrollments: [enrollment],
        analyses: new Map([[enrollment.entityRef, analyze(dockerfile, now)]]),
        now,
      });
    const first = run(emptyStateTree(), 'FROM node:22\n', T1);
    const same = run(first.state, '# a comment\nFROM node:22\n', T2);
    const changed = run(same.state, 'FROM node:24\n', T3);

    expect(same.changes).toEqual([]);
    expect(managed(same.state, enrollment.entityRef).analysis.analyzedAt).toBe(
      T1,
    );
    expect(
      managed(changed.state, enrollment.entityRef).analysis.analyzedAt,
    ).toBe(T3);
  });

  it('keeps the base images of a failed analysis and records the error', () => {
    const enrollment = enroll(managedEntity('payments'));
    const run = (previous: StateTree, dockerfile: string, now: string) =>
      mergeState({
        previous,
        enrollments: [enrollment],
        analyses: new Map([[enrollment.entityRef, analyze(dockerfile, now)]]),
        now,
      }).state;
    let state = run(emptyStateTree(), 'FROM node:22\nFROM nginx:1.27\n', T1);
    state = recordDigest(state, 'node:22', {
      digest: digestOf('node'),
      seenAt: T1,
    });
    const before = managed(state, enrollment.entityRef).baseImages;

    state = run(state, 'WORKDIR /app\n', T2);

    const image = managed(state, enrollment.entityRef);
    expect(image.analysis).toEqual({
      status: 'failed',
      analyzedAt: T2,
      error: 'the Dockerfile has no FROM instruction',
      warnings: [],
      frontend: null,
    });
    expect(image.baseImages).toEqual(before);
    expect(state.baseImages.map(b => b.name)).toEqual([
      'nginx-1-27',
      'node-22',
    ]);

    state = run(state, 'FROM node:22\nFROM nginx:1.27\n', T3);
    expect(managed(state, enrollment.entityRef).analysis.status).toBe('ok');
    expect(managed(state, enrollment.entityRef).baseImages).toEqual(before);
  });

  // One run over one enrollment: the previous state, its Dockerfile, the time.
  const runOf =
    (enrollment: Enrollment) =>
    (previous: StateTree, dockerfile: string, now: string) =>
      mergeState({
        previous,
        enrollments: [enrollment],
        analyses: new Map([
          [enrollment.entityRef, analyze(dockerfile, now, enrollment)],
        ]),
        now,
      });

  it('records the platforms a base image is used for when only some of them use it', () => {
    const enrollment = {
      ...enroll(managedEntity('tools')),
      platforms: ['linux/amd64', 'linux/arm64'],
    };
    const run = runOf(enrollment);
    const first = run(
      emptyStateTree(),
      'FROM golang:1.22-$TARGETARCH AS build\nFROM alpine:3.20\n',
      T1,
    );
    expect(managed(first.state, enrollment.entityRef).baseImages).toEqual([
      expect.objectContaining({ ref: 'docker.io/library/alpine:3.20' }),
      expect.objectContaining({
        ref: 'docker.io/library/golang:1.22-amd64',
        platforms: ['linux/amd64'],
      }),
      expect.objectContaining({
        ref: 'docker.io/library/golang:1.22-arm64',
        platforms: ['linux/arm64'],
      }),
    ]);
    expect(
      managed(first.state, enrollment.entityRef).baseImages[0],
    ).not.toHaveProperty('platforms');
    const file = renderStateTree(first.state).get('state/images/tools.yaml');
    expect(file).toContain(
      [
        '  - ref: docker.io/library/golang:1.22-arm64',
        '    name: golang-1-22-arm64',
        '    builtDigest: null',
        '    platforms:',
        '      - linux/arm64',
      ].join('\n'),
    );
    expect(parseStateTree(renderStateTree(first.state)).state).toEqual(
      first.state,
    );

    // Used for every platform again: the platforms go, and that is news.
    const every = run(first.state, 'FROM golang:1.22\n', T2);
    expect(managed(every.state, enrollment.entityRef).baseImages).toEqual([
      {
        ref: 'docker.io/library/golang:1.22',
        name: 'golang-1-22',
        builtDigest: null,
      },
    ]);
    const narrowed = run(
      every.state,
      'FROM golang:1.22 AS build-amd64\nFROM alpine:3.20 AS build-arm64\nFROM build-$TARGETARCH\n',
      T3,
    );
    expect(
      managed(narrowed.state, enrollment.entityRef).analysis.analyzedAt,
    ).toBe(T3);
    expect(managed(narrowed.state, enrollment.entityRef).baseImages).toEqual([
      expect.objectContaining({
        ref: 'docker.io/library/alpine:3.20',
        platforms: ['linux/arm64'],
      }),
      expect.objectContaining({
        ref: 'docker.io/library/golang:1.22',
        platforms: ['linux/amd64'],
      }),
    ]);
  });

  it('records a change of platforms alone, keeping the built digests, and nothing when they stay', () => {
    const enrollment = {
      ...enroll(managedEntity('tools')),
      platforms: ['linux/amd64', 'linux/arm64'],
    };
    const run = runOf(enrollment);
    const T4 = '2025-01-04T00:00:00.000Z';
    const image = (state: StateTree) => managed(state, enrollment.entityRef);
    const usage = (state: StateTree) =>
      image(state).baseImages.map(({ ref, builtDigest, platforms }) => ({
        ref,
        builtDigest,
        platforms,
      }));

    let state = run(
      emptyStateTree(),
      'FROM golang:1.22 AS build-amd64\nFROM alpine:3.20 AS build-arm64\nFROM build-$TARGETARCH\n',
      T1,
    ).state;
    state = recordDigest(state, 'golang:1.22', {
      digest: digestOf('golang'),
      seenAt: T1,
    });
    state = recordDigest(state, 'alpine:3.20', {
      digest: digestOf('alpine'),
      seenAt: T1,
    });
    expect(usage(state)).toEqual([
      {
        ref: 'docker.io/library/alpine:3.20',
        builtDigest: digestOf('alpine'),
        platforms: ['linux/arm64'],
      },
      {
        ref: 'docker.io/library/golang:1.22',
        builtDigest: digestOf('golang'),
        platforms: ['linux/amd64'],
      },
    ]);

    // The same references, each for the other platform now: only the image's
    // file changes, and the analysis is new.
    const swapped = run(
      state,
      'FROM alpine:3.20 AS build-amd64\nFROM golang:1.22 AS build-arm64\nFROM build-$TARGETARCH\n',
      T2,
    );
    expect(swapped.changes).toEqual([
      { section: 'images', name: 'tools', action: 'changed' },
    ]);
    expect(image(swapped.state).analysis.analyzedAt).toBe(T2);
    expect(usage(swapped.state)).toEqual([
      {
        ref: 'docker.io/library/alpine:3.20',
        builtDigest: digestOf('alpine'),
        platforms: ['linux/amd64'],
      },
      {
        ref: 'docker.io/library/golang:1.22',
        builtDigest: digestOf('golang'),
        platforms: ['linux/arm64'],
      },
    ]);

    // Both used for every platform: the platforms go from the file.
    const every = run(
      swapped.state,
      'FROM golang:1.22 AS build\nFROM alpine:3.20\nCOPY --from=build /out /out\n',
      T3,
    );
    expect(every.changes).toEqual([
      { section: 'images', name: 'tools', action: 'changed' },
    ]);
    expect(usage(every.state)).toEqual([
      {
        ref: 'docker.io/library/alpine:3.20',
        builtDigest: digestOf('alpine'),
        platforms: undefined,
      },
      {
        ref: 'docker.io/library/golang:1.22',
        builtDigest: digestOf('golang'),
        platforms: undefined,
      },
    ]);
    const file = parse(
      renderStateTree(every.state).get('state/images/tools.yaml')!,
    );
    expect(file.baseImages.map((b: object) => Object.keys(b))).toEqual([
      ['ref', 'name', 'builtDigest'],
      ['ref', 'name', 'builtDigest'],
    ]);

    // Analysed again to the same result: nothing changes.
    const again = run(
      every.state,
      '# rebuilt\nFROM golang:1.22 AS build\nFROM alpine:3.20\nCOPY --from=build /out /out\n',
      T4,
    );
    expect(again.changes).toEqual([]);
    expect(again.state).toEqual(every.state);
  });

  it('keeps an image exactly as it was while its image annotation is invalid', () => {
    const good = enroll(managedEntity('payments'));
    const bad = enroll(
      managedEntity('payments', {
        'image-factory.io/image': 'ghcr.io/acme/payments:v1',
      }),
    );
    const first = mergeState({
      previous: emptyStateTree(),
      enrollments: [good],
      analyses: new Map([[good.entityRef, analyze('FROM node:22\n', T1)]]),
      now: T1,
    });
    const second = mergeState({
      previous: first.state,
      enrollments: [bad],
      analyses: new Map([[good.entityRef, analyze('FROM node:24\n', T2)]]),
      now: T2,
    });
    expect(bad.image).toBeNull();
    expect(second.changes).toEqual([]);
    expect(second.state).toEqual(first.state);
  });

  it('gives an image enrolled by two entities to the smallest entity ref and reports the other', () => {
    const a = enroll(
      managedEntity('a', { 'image-factory.io/image': 'ghcr.io/acme/shared' }),
    );
    const b = enroll(
      managedEntity('b', { 'image-factory.io/image': 'ghcr.io/acme/shared' }),
    );
    const result = mergeState({
      previous: emptyStateTree(),
      enrollments: [b, a],
      analyses: new Map(),
      now: T1,
    });
    expect(result.state.images.map(i => i.entityRef)).toEqual([
      'component:default/a',
    ]);
    expect(result.conflicts).toEqual([
      {
        entityRef: 'component:default/b',
        image: 'ghcr.io/acme/shared',
        ownerEntityRef: 'component:default/a',
        message:
          'ghcr.io/acme/shared is already enrolled by component:default/a',
      },
    ]);
  });

  it('regenerates an image whose state file was invalid from its enrollment', () => {
    const enrollment = enroll(managedEntity('payments'));
    const analyses = new Map([
      [enrollment.entityRef, analyze('FROM node:22\n', T1)],
    ]);
    const first = mergeState({
      previous: emptyStateTree(),
      enrollments: [enrollment],
      analyses,
      now: T1,
    });
    const files = renderStateTree(first.state);
    files.set('state/images/payments.yaml', 'kind: managed\npolicy: [broken\n');

    const parsed = parseStateTree(files);
    const second = mergeState({
      previous: parsed.state,
      enrollments: [enrollment],
      analyses,
      now: T2,
    });

    expect(parsed.invalid).toEqual([
      {
        path: 'state/images/payments.yaml',
        error: expect.stringContaining('at line 3'),
        content: 'kind: managed\npolicy: [broken\n',
      },
    ]);
    expect(second.state).toEqual(first.state);
  });
});
