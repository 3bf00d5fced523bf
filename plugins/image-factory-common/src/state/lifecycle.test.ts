import type { Enrollment } from '../enrollment';
import { planWarehouses } from '../warehouses/planWarehouses';
import { mergeState, type MergeStateResult } from './mergeState';
import { recordDigest } from './recordDigest';
import { recordRebuild } from './recordRebuild';
import {
  emptyStateTree,
  type ManagedImageState,
  type StateTree,
} from './types';
import {
  analyze,
  digestOf,
  enroll,
  managedEntity,
} from './__testUtils__/testData';

const T1 = '2025-01-01T00:00:00.000Z';
const T2 = '2025-01-08T00:00:00.000Z';
const T3 = '2025-01-15T00:00:00.000Z';

const payments = enroll(managedEntity('payments'));
const web = enroll(managedEntity('web'));
const nodeBase = enroll(managedEntity('node-base'));

/** One pipeline run: each enrollment with the Dockerfile it has now (none for external images). */
function run(
  previous: StateTree,
  images: Array<[Enrollment, string?]>,
  now: string,
): MergeStateResult {
  const analyses = new Map(
    images.flatMap(([enrollment, dockerfile]) =>
      dockerfile === undefined
        ? []
        : [[enrollment.entityRef, analyze(dockerfile, now)] as const],
    ),
  );
  return mergeState({
    previous,
    enrollments: images.map(([e]) => e),
    analyses,
    now,
  });
}

function managed(state: StateTree, entityRef: string): ManagedImageState {
  const image = [...state.images, ...state.archive.images].find(
    i => i.entityRef === entityRef,
  );
  if (image?.kind !== 'managed') {
    throw new Error(`${entityRef} has no managed image state`);
  }
  return image;
}

const names = (list: Array<{ name: string }>) => list.map(i => i.name);

describe('state lifecycle', () => {
  it('adds a new enrollment with its base images, then changes nothing on the next run', () => {
    const first = run(
      emptyStateTree(),
      [[payments, 'FROM node:22\nFROM nginx:1.27\n']],
      T1,
    );

    expect(first.changes).toEqual([
      { section: 'images', name: 'payments', action: 'added' },
      { section: 'base-images', name: 'nginx-1-27', action: 'added' },
      { section: 'base-images', name: 'node-22', action: 'added' },
    ]);
    expect(first.state.baseImages).toEqual([
      expect.objectContaining({
        ref: 'docker.io/library/nginx:1.27',
        firstDiscovered: T1,
        dependents: [payments.entityRef],
      }),
      expect.objectContaining({
        ref: 'docker.io/library/node:22',
        firstDiscovered: T1,
        dependents: [payments.entityRef],
      }),
    ]);
    expect(managed(first.state, payments.entityRef).baseImages).toEqual([
      {
        ref: 'docker.io/library/nginx:1.27',
        name: 'nginx-1-27',
        builtDigest: null,
      },
      { ref: 'docker.io/library/node:22', name: 'node-22', builtDigest: null },
    ]);

    const discovered = recordDigest(first.state, 'node:22', {
      digest: digestOf('node 1'),
      seenAt: T2,
    });
    const second = run(
      discovered,
      [[payments, 'FROM node:22\nFROM nginx:1.27\n']],
      T3,
    );

    expect(second.changes).toEqual([]);
    expect(second.state).toEqual(discovered);
    expect(
      managed(second.state, payments.entityRef).baseImages[1].builtDigest,
    ).toBe(digestOf('node 1'));
  });

  it('moves dependents on both sides when a Dockerfile changes its base images', () => {
    let state = run(
      emptyStateTree(),
      [
        [payments, 'FROM node:20\n'],
        [web, 'FROM node:20\n'],
      ],
      T1,
    ).state;
    state = recordDigest(state, 'node:20', {
      digest: digestOf('node 20'),
      seenAt: T1,
    });

    state = run(
      state,
      [
        [payments, 'FROM node:22\n'],
        [web, 'FROM node:20\n'],
      ],
      T2,
    ).state;
    expect(state.baseImages.map(b => [b.name, b.dependents])).toEqual([
      ['node-20', [web.entityRef]],
      ['node-22', [payments.entityRef]],
    ]);
    expect(names(managed(state, payments.entityRef).baseImages)).toEqual([
      'node-22',
    ]);

    const last = run(
      state,
      [
        [payments, 'FROM node:22\n'],
        [web, 'FROM node:22\n'],
      ],
      T3,
    );
    expect(last.changes).toEqual(
      expect.arrayContaining([
        { section: 'base-images', name: 'node-20', action: 'removed' },
        { section: 'archive/base-images', name: 'node-20', action: 'added' },
      ]),
    );
    expect(last.state.baseImages.map(b => [b.name, b.dependents])).toEqual([
      ['node-22', [payments.entityRef, web.entityRef]],
    ]);
    expect(last.state.archive.baseImages).toEqual([
      expect.objectContaining({
        name: 'node-20',
        dependents: [],
        currentDigest: digestOf('node 20'),
        updates: [{ digest: digestOf('node 20'), firstSeen: T1 }],
      }),
    ]);
  });

  it('archives an image no longer enrolled with all its history, and restores it when enrolled again', () => {
    let state = run(emptyStateTree(), [[payments, 'FROM node:22\n']], T1).state;
    state = recordDigest(state, 'node:22', {
      digest: digestOf('node 1'),
      seenAt: T1,
    });
    state = recordRebuild(state, payments.entityRef, {
      id: 'run-1',
      trigger: 'manual',
      requestedBy: 'user:default/ada',
      requestedAt: T1,
      provider: 'github',
      status: 'completed',
      conclusion: 'success',
      baseDigests: {
        'docker.io/library/node:22': {
          before: null,
          after: digestOf('node 1'),
        },
      },
    });
    const enrolled = managed(state, payments.entityRef);

    const dropped = run(state, [], T2);
    expect(dropped.state.images).toEqual([]);
    expect(dropped.state.baseImages).toEqual([]);
    expect(dropped.state.archive.images).toEqual([enrolled]);
    expect(dropped.state.archive.baseImages).toEqual([
      { ...state.baseImages[0], dependents: [] },
    ]);

    const restored = run(dropped.state, [[payments, 'FROM node:22\n']], T3);
    expect(restored.state).toEqual(state);
    expect(restored.changes).toEqual([
      { section: 'images', name: 'payments', action: 'added' },
      { section: 'base-images', name: 'node-22', action: 'added' },
      { section: 'archive/images', name: 'payments', action: 'removed' },
      { section: 'archive/base-images', name: 'node-22', action: 'removed' },
    ]);
  });

  it('keeps the history of a base image that gets enrolled as a managed image, and stops watching it upstream', () => {
    let state = run(
      emptyStateTree(),
      [[web, 'FROM ghcr.io/acme/node-base:1\n']],
      T1,
    ).state;
    state = recordDigest(state, 'ghcr.io/acme/node-base:1', {
      digest: digestOf('base 1'),
      seenAt: T1,
    });
    const asBaseImage = state.baseImages[0];
    expect(asBaseImage.name).toBe('node-base-1');

    const enrolled = run(
      state,
      [
        [web, 'FROM ghcr.io/acme/node-base:1\n'],
        [nodeBase, 'FROM debian:12\n'],
      ],
      T2,
    );
    expect(names(enrolled.state.baseImages)).toEqual(['debian-12']);
    const image = managed(enrolled.state, nodeBase.entityRef);
    expect(image.published).toEqual([asBaseImage]);
    expect(managed(enrolled.state, web.entityRef).baseImages).toEqual(
      managed(state, web.entityRef).baseImages,
    );
    const warehouses = planWarehouses(enrolled.state).warehouses.map(
      w => w.metadata.name,
    );
    expect(warehouses).not.toContain('node-base-1');
    expect(warehouses).toContain('node-base');

    // Digests of the published tag are still recorded, into the managed image's state.
    const rebuilt = recordDigest(enrolled.state, 'ghcr.io/acme/node-base:1', {
      digest: digestOf('base 2'),
      seenAt: T3,
    });
    expect(managed(rebuilt, nodeBase.entityRef).published[0].updates).toEqual([
      { digest: digestOf('base 1'), firstSeen: T1 },
      { digest: digestOf('base 2'), firstSeen: T3 },
    ]);
    const again = run(
      rebuilt,
      [
        [web, 'FROM ghcr.io/acme/node-base:1\n'],
        [nodeBase, 'FROM debian:12\n'],
      ],
      T3,
    );
    expect(again.changes).toEqual([]);
  });

  it('turns a dropped managed image that others still use back into a base image, with its history', () => {
    let state = run(
      emptyStateTree(),
      [
        [web, 'FROM ghcr.io/acme/node-base:1\n'],
        [nodeBase, 'FROM debian:12\n'],
      ],
      T1,
    ).state;
    state = recordDigest(state, 'ghcr.io/acme/node-base:1', {
      digest: digestOf('base 1'),
      seenAt: T1,
    });
    state = recordDigest(state, 'ghcr.io/acme/node-base:1', {
      digest: digestOf('base 2'),
      seenAt: T2,
    });
    const published = managed(state, nodeBase.entityRef).published[0];

    const dropped = run(state, [[web, 'FROM ghcr.io/acme/node-base:1\n']], T2);
    expect(dropped.state.baseImages).toEqual([published]);
    expect(names(dropped.state.archive.images)).toEqual(['node-base']);
    expect(names(dropped.state.archive.baseImages)).toEqual(['debian-12']);
    expect(
      planWarehouses(dropped.state).warehouses.map(w => w.metadata.name),
    ).toEqual(['node-base-1', 'web']);

    const back = run(
      dropped.state,
      [
        [web, 'FROM ghcr.io/acme/node-base:1\n'],
        [nodeBase, 'FROM debian:12\n'],
      ],
      T3,
    );
    expect(back.state).toEqual(state);
  });

  it('archives a base image whose only user switched away, and brings its history back when used again', () => {
    let state = run(
      emptyStateTree(),
      [[payments, 'FROM alpine:3.20\n']],
      T1,
    ).state;
    state = recordDigest(state, 'alpine:3.20', {
      digest: digestOf('alpine'),
      seenAt: T1,
    });
    const alpine = state.baseImages[0];

    state = run(state, [[payments, 'FROM alpine:3.21\n']], T2).state;
    expect(state.archive.baseImages).toEqual([{ ...alpine, dependents: [] }]);

    state = run(
      state,
      [
        [payments, 'FROM alpine:3.21\n'],
        [web, 'FROM alpine:3.20\n'],
      ],
      T3,
    ).state;
    expect(state.baseImages.find(b => b.name === 'alpine-3-20')).toEqual({
      ...alpine,
      dependents: [web.entityRef],
    });
    expect(state.archive.baseImages).toEqual([]);
  });
});
