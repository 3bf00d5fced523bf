import { holdEvidence } from './holdEvidence';
import { mergeState } from './mergeState';
import { parseStateTree } from './parseStateTree';
import { recordDigest } from './recordDigest';
import { renderStateTree } from './renderStateTree';
import { stateSettings } from './stateSettings';
import { emptyStateTree, type StateTree } from './types';
import {
  analyze,
  digestOf,
  enroll,
  managedEntity,
} from './__testUtils__/testData';

const T1 = '2026-01-01T00:00:00.000Z';
const T2 = '2026-01-02T00:00:00.000Z';
const NODE = 'docker.io/library/node:22';
const node = { registry: 'docker.io', repository: 'library/node' };
const VERIFIED = {
  state: 'verified' as const,
  detail: 'Signed with the key "release".',
};

const payments = enroll(managedEntity('payments'));

/** payments on node:22, whose tag had digest a then b. */
function fleet(): StateTree {
  let state = mergeState({
    previous: emptyStateTree(),
    enrollments: [payments],
    analyses: new Map([[payments.entityRef, analyze('FROM node:22\n', T1)]]),
    now: T1,
  }).state;
  state = recordDigest(state, NODE, { digest: digestOf('a'), seenAt: T1 });
  return recordDigest(state, NODE, { digest: digestOf('b'), seenAt: T2 });
}

const signaturesOf = (state: StateTree) =>
  state.baseImages[0].updates.map(update => update.signature?.state ?? null);

describe('holdEvidence', () => {
  it('writes the recorded signature of each digest, and returns the same tree when nothing differs', () => {
    const held = holdEvidence(fleet(), [
      { ...node, digest: digestOf('b'), signature: VERIFIED },
    ]);
    expect(signaturesOf(held)).toEqual([null, 'verified']);
    expect(
      holdEvidence(held, [
        { ...node, digest: digestOf('b'), signature: VERIFIED },
      ]),
    ).toBe(held);
  });

  it('removes a signature the database has no record of, so an edited state file cannot make a digest signed', () => {
    const edited = holdEvidence(fleet(), [
      { ...node, digest: digestOf('a'), signature: VERIFIED },
      { ...node, digest: digestOf('b'), signature: VERIFIED },
    ]);
    const held = holdEvidence(edited, [
      { ...node, digest: digestOf('b'), signature: VERIFIED },
      // Another repository's record of the same digest counts for nothing.
      {
        registry: 'ghcr.io',
        repository: 'acme/node',
        digest: digestOf('a'),
        signature: VERIFIED,
      },
    ]);
    expect(signaturesOf(held)).toEqual([null, 'verified']);
  });

  it('keeps signatures through the state files', () => {
    const held = holdEvidence(fleet(), [
      { ...node, digest: digestOf('b'), signature: VERIFIED },
    ]);
    const files = renderStateTree(held, stateSettings({}));
    const file = files.get('state/base-images/node-22.yaml');
    expect(file).toContain(
      `signature:\n      state: verified\n      detail: Signed with the key "release".`,
    );
    const read = parseStateTree(files);
    expect(read.invalid).toEqual([]);
    expect(signaturesOf(read.state)).toEqual([null, 'verified']);
  });
});
