import { mergeState } from './mergeState';
import { recordDigest } from './recordDigest';
import {
  listTrackedTags,
  reconcileFirstSeen,
  type RecordedDigest,
} from './reconcileFirstSeen';
import { emptyStateTree, type StateTree } from './types';
import {
  analyze,
  digestOf,
  enroll,
  managedEntity,
} from './__testUtils__/testData';

const T0 = '2020-01-01T00:00:00.000Z';
const T1 = '2026-01-01T00:00:00.000Z';
const T2 = '2026-01-02T00:00:00.000Z';
const NOW = '2026-01-05T00:00:00.000Z';
const NODE = 'docker.io/library/node:22';
const FILE = 'state/base-images/node-22.yaml';
const node = { registry: 'docker.io', repository: 'library/node', tag: '22' };

const payments = enroll(managedEntity('payments'));

/** payments on node:22, whose tag had digest a then b, as the state says. */
function stated(times: { a: string; b: string }): StateTree {
  let state = mergeState({
    previous: emptyStateTree(),
    enrollments: [payments],
    analyses: new Map([[payments.entityRef, analyze('FROM node:22\n', T1)]]),
    now: T1,
  }).state;
  state = recordDigest(state, NODE, { digest: digestOf('a'), seenAt: times.a });
  return recordDigest(state, NODE, { digest: digestOf('b'), seenAt: times.b });
}

const recorded = (digest: string, firstSeen: string): RecordedDigest => ({
  ...node,
  digest: digestOf(digest),
  firstSeen,
});

describe('reconcileFirstSeen', () => {
  it('lists the tags whose records it needs', () => {
    expect(listTrackedTags(stated({ a: T1, b: T2 }))).toEqual([node]);
  });

  it('changes nothing when the state agrees with the database', () => {
    const state = stated({ a: T1, b: T2 });
    const result = reconcileFirstSeen({
      state,
      recorded: [recorded('a', T1), recorded('b', '2026-01-02T00:00:00Z')],
      now: NOW,
    });
    expect(result).toEqual({ state, reports: [], unrecorded: [] });
    expect(result.state).toBe(state);
  });

  it("does not honour a firstSeen earlier than the database's, and reports it", () => {
    const result = reconcileFirstSeen({
      state: stated({ a: T1, b: T0 }),
      recorded: [recorded('a', T1), recorded('b', T2)],
      now: NOW,
    });
    expect(result.state).toEqual(stated({ a: T1, b: T2 }));
    expect(result.state.baseImages[0].lastUpdated).toBe(T2);
    expect(result.unrecorded).toEqual([]);
    expect(result.reports).toEqual([
      expect.objectContaining({
        path: FILE,
        ref: NODE,
        digest: digestOf('b'),
        stated: T0,
        used: T2,
        reason: 'earlier',
      }),
    ]);
    expect(result.reports[0].message).toMatch(
      new RegExp(`^${FILE}: ${NODE} digest ${digestOf('b')} .*${T0}.*${T2}`),
    );
  });

  it('moves a later firstSeen back to the database time without a report', () => {
    const result = reconcileFirstSeen({
      state: stated({ a: T1, b: NOW }),
      recorded: [recorded('a', T1), recorded('b', T2)],
      now: NOW,
    });
    expect(result.state).toEqual(stated({ a: T1, b: T2 }));
    expect(result.reports).toEqual([]);
  });

  it("adopts the state's times on a database without records of the tag", () => {
    const state = stated({ a: T1, b: T2 });
    const result = reconcileFirstSeen({ state, recorded: [], now: NOW });
    expect(result.state).toBe(state);
    expect(result.reports).toEqual([]);
    expect(result.unrecorded).toEqual([
      { ...node, digest: digestOf('a'), firstSeen: T1 },
      { ...node, digest: digestOf('b'), firstSeen: T2 },
    ]);
  });

  it('counts a digest added to the state by hand from now, when the database knows the tag', () => {
    const result = reconcileFirstSeen({
      state: stated({ a: T1, b: T0 }),
      recorded: [recorded('a', T1)],
      now: NOW,
    });
    expect(result.state).toEqual(stated({ a: T1, b: NOW }));
    expect(result.reports).toEqual([
      expect.objectContaining({ reason: 'unrecorded', stated: T0, used: NOW }),
    ]);
    expect(result.unrecorded).toEqual([
      { ...node, digest: digestOf('b'), firstSeen: NOW },
    ]);
  });

  it('leaves a digest seen again later (the tag moved back) its own time', () => {
    const state = recordDigest(stated({ a: T1, b: T2 }), NODE, {
      digest: digestOf('a'),
      seenAt: NOW,
    });
    const result = reconcileFirstSeen({
      state,
      recorded: [recorded('a', T1), recorded('b', T2)],
      now: NOW,
    });
    expect(result.state).toBe(state);
    expect(result.reports).toEqual([]);
  });
});
