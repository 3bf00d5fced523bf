import { NotFoundError } from '@backstage/errors';
import { mergeState } from './mergeState';
import { parseStateTree } from './parseStateTree';
import { recordDigest } from './recordDigest';
import { recordRebuild } from './recordRebuild';
import { renderStateTree } from './renderStateTree';
import {
  emptyStateTree,
  type ManagedImageState,
  type RebuildHistoryEntry,
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
const T3 = '2025-01-10T00:00:00.000Z';

const payments = enroll(managedEntity('payments'));

function built(): StateTree {
  let state = mergeState({
    previous: emptyStateTree(),
    enrollments: [payments],
    analyses: new Map([[payments.entityRef, analyze('FROM node:22\n', T1)]]),
    now: T1,
  }).state;
  state = recordDigest(state, 'node:22', {
    digest: digestOf('old'),
    seenAt: T1,
  });
  return recordDigest(state, 'node:22', {
    digest: digestOf('new'),
    seenAt: T2,
  });
}

const image = (state: StateTree) => state.images[0] as ManagedImageState;

const requested: RebuildHistoryEntry = {
  id: 'gh-1',
  trigger: 'emergency',
  requestedBy: 'user:default/ada',
  justification: 'CVE-2025-0001 in openssl of the base image',
  requestedAt: T3,
  provider: 'github',
  status: 'requested',
  baseDigests: {
    'docker.io/library/node:22': {
      before: digestOf('old'),
      after: digestOf('new'),
    },
  },
};

describe('recordRebuild', () => {
  it('records a rebuild and updates it in place as its run progresses', () => {
    let state = recordRebuild(built(), payments.entityRef, requested);
    state = recordRebuild(state, payments.entityRef, {
      ...requested,
      status: 'running',
      runUrl: 'https://github.com/acme/payments/actions/runs/1',
    });
    expect(image(state).rebuilds).toEqual([
      {
        ...requested,
        status: 'running',
        runUrl: 'https://github.com/acme/payments/actions/runs/1',
      },
    ]);
    expect(image(state).baseImages[0].builtDigest).toBe(digestOf('old'));
  });

  it('writes and reads back a rebuild sent whose run is not known yet', () => {
    const dispatched: RebuildHistoryEntry = {
      ...requested,
      status: 'dispatched',
      error: 'GitHub answered 502 when dispatching build.yml: Server Error',
    };
    const state = recordRebuild(built(), payments.entityRef, dispatched);

    const read = parseStateTree(renderStateTree(state));

    expect(read.invalid).toEqual([]);
    expect((read.state.images[0] as ManagedImageState).rebuilds).toEqual([
      dispatched,
    ]);
    expect(image(state).baseImages[0].builtDigest).toBe(digestOf('old'));
  });

  it('moves the built digests when the run succeeds', () => {
    const state = recordRebuild(built(), payments.entityRef, {
      ...requested,
      status: 'completed',
      conclusion: 'success',
    });
    expect(image(state).baseImages[0].builtDigest).toBe(digestOf('new'));
  });

  it('keeps the built digests when the run fails', () => {
    const state = recordRebuild(built(), payments.entityRef, {
      ...requested,
      status: 'completed',
      conclusion: 'failure',
    });
    expect(image(state).baseImages[0].builtDigest).toBe(digestOf('old'));
  });

  it('keeps a built digest the pushed image turned out not to be on, and writes the verification back', () => {
    const verified = (
      outcome: 'mismatch' | 'unverifiable',
    ): RebuildHistoryEntry => ({
      ...requested,
      status: 'completed',
      conclusion: 'success',
      verification: {
        outcome,
        checkedAt: T3,
        image: `ghcr.io/acme/payments:latest@${digestOf('pushed')}`,
        detail: 'What the registry said.',
        baseImages: [
          {
            ref: 'docker.io/library/node:22',
            outcome,
            method: outcome === 'mismatch' ? 'layers' : null,
            digest: outcome === 'mismatch' ? digestOf('old') : null,
          },
        ],
      },
    });
    const mismatch = recordRebuild(
      built(),
      payments.entityRef,
      verified('mismatch'),
    );
    expect(image(mismatch).baseImages[0].builtDigest).toBe(digestOf('old'));
    const read = parseStateTree(renderStateTree(mismatch));
    expect(read.invalid).toEqual([]);
    expect((read.state.images[0] as ManagedImageState).rebuilds).toEqual([
      verified('mismatch'),
    ]);

    // Nothing said which digest it is on: the digests move, as without a check.
    const unverifiable = recordRebuild(
      built(),
      payments.entityRef,
      verified('unverifiable'),
    );
    expect(image(unverifiable).baseImages[0].builtDigest).toBe(digestOf('new'));
  });

  it('keeps the history sorted by request time, oldest first', () => {
    let state = recordRebuild(built(), payments.entityRef, requested);
    state = recordRebuild(state, payments.entityRef, {
      ...requested,
      id: 'gh-0',
      requestedAt: T2,
    });
    expect(image(state).rebuilds.map(r => r.id)).toEqual(['gh-0', 'gh-1']);
  });

  it('returns the same tree when the entry is already recorded as given', () => {
    const state = recordRebuild(built(), payments.entityRef, requested);
    expect(recordRebuild(state, payments.entityRef, { ...requested })).toBe(
      state,
    );
  });

  it('refuses an entity without an enrolled managed image', () => {
    expect(() =>
      recordRebuild(built(), 'component:default/nobody', requested),
    ).toThrow(NotFoundError);
  });
});
