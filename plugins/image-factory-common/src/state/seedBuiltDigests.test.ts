import { mergeState } from './mergeState';
import { recordDigest } from './recordDigest';
import { seedBuiltDigests } from './seedBuiltDigests';
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
const T2 = '2025-01-09T00:00:00.000Z';
const payments = enroll(managedEntity('payments'));
const amd64 = digestOf('old amd64');

const orders = enroll(managedEntity('orders'));

// Node 22 moved from `old` to `new` while orders used it; payments is
// enrolled afterwards, on a Dockerfile building on node:22 and copying from
// golang, and starts as built on what is current.
function enrolled(dockerfile = 'FROM golang:1.23 AS build\nFROM node:22\n') {
  let before = mergeState({
    previous: emptyStateTree(),
    enrollments: [orders],
    analyses: new Map([[orders.entityRef, analyze('FROM node:22\n', T1)]]),
    now: T1,
  }).state;
  before = recordDigest(before, 'node:22', {
    digest: digestOf('old'),
    platformDigests: { 'linux/amd64': amd64 },
    seenAt: T1,
  });
  before = recordDigest(before, 'node:22', {
    digest: digestOf('new'),
    seenAt: T2,
  });
  const state = mergeState({
    previous: before,
    enrollments: [orders, payments],
    analyses: new Map([
      [orders.entityRef, analyze('FROM node:22\n', T1)],
      [payments.entityRef, analyze(dockerfile, T2)],
    ]),
    now: T2,
  }).state;
  return { before, state };
}

const built = (state: StateTree) =>
  Object.fromEntries(
    (
      state.images.find(
        i => i.entityRef === payments.entityRef,
      ) as ManagedImageState
    ).baseImages.map(b => [b.ref, b.builtDigest]),
  );

describe('seedBuiltDigests', () => {
  it('starts a new image on the digest its metadata names, as the freight record holding it', () => {
    const { before, state } = enrolled();
    expect(built(state)['docker.io/library/node:22']).toBe(digestOf('new'));

    const seeded = seedBuiltDigests(
      state,
      before,
      new Map([
        [payments.entityRef, { baseName: 'node:22', baseDigest: amd64 }],
      ]),
    );
    expect(built(seeded)).toEqual({
      'docker.io/library/golang:1.23': null,
      'docker.io/library/node:22': digestOf('old'),
    });

    // A digest no freight record holds stays as named: older than all of it.
    const unknown = digestOf('from last year');
    expect(
      built(
        seedBuiltDigests(
          state,
          before,
          new Map([
            [
              payments.entityRef,
              { baseName: 'docker.io/library/node:22', baseDigest: unknown },
            ],
          ]),
        ),
      )['docker.io/library/node:22'],
    ).toBe(unknown);
  });

  it('never moves a base image the image already used, nor takes what is not a digest or names no use', () => {
    const { before, state } = enrolled();
    const seed = (baseName: string, baseDigest = amd64) =>
      new Map([[payments.entityRef, { baseName, baseDigest }]]);
    expect(seedBuiltDigests(state, state, seed('node:22'))).toBe(state);
    expect(seedBuiltDigests(state, before, seed('node:22', 'sha256:zz'))).toBe(
      state,
    );
    expect(seedBuiltDigests(state, before, seed('debian:12'))).toBe(state);
  });

  it('needs the tag when two uses share the repository', () => {
    const { before, state } = enrolled('FROM node:20 AS build\nFROM node:22\n');
    const seeded = seedBuiltDigests(
      state,
      before,
      new Map([
        [payments.entityRef, { baseName: 'node:22', baseDigest: amd64 }],
      ]),
    );
    expect(built(seeded)['docker.io/library/node:22']).toBe(digestOf('old'));
    expect(built(seeded)['docker.io/library/node:20']).toBeNull();
    expect(
      seedBuiltDigests(
        state,
        before,
        new Map([
          [payments.entityRef, { baseName: 'node', baseDigest: amd64 }],
        ]),
      ),
    ).toBe(state);
  });
});
