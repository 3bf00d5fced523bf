import { computeEligibility } from './computeEligibility';
import { listRelevantUpdates } from './relevantUpdates';
import { selectRebuildDigests } from './selectRebuildDigests';
import { at, digest, input, iso } from './testClock';
import type { EligibilityBaseImageInput, EligibilityFreight } from './types';

const NODE = 'docker.io/library/node:22';
const AMD64 = 'linux/amd64';
const ARM64 = 'linux/arm64';

function update(
  label: string,
  day: number,
  manifests?: { amd64: string; arm64: string },
): EligibilityFreight {
  return {
    digest: digest(label),
    firstSeen: iso(day),
    ...(manifests && {
      platformDigests: {
        [AMD64]: digest(manifests.amd64),
        [ARM64]: digest(manifests.arm64),
      },
    }),
  };
}

// node:22 is a multi-arch index; on day 10 only its linux/arm64 manifest is
// re-published, which moves the index digest.
const ARM_ONLY_MOVE: EligibilityBaseImageInput = {
  ref: NODE,
  builtDigest: digest('index-1'),
  freight: [
    update('index-1', 0, { amd64: 'amd-1', arm64: 'arm-1' }),
    update('index-2', 10, { amd64: 'amd-1', arm64: 'arm-2' }),
  ],
};

describe('eligibility by the platforms an image builds', () => {
  it('leaves an amd64-only image up to date when only the arm64 manifest of the index moved, and says so', () => {
    const result = computeEligibility(
      input({ platforms: [AMD64], baseImages: [ARM_ONLY_MOVE] }),
      at(20),
    );
    expect(result.state).toBe('up-to-date');
    expect(result.eligibleAt).toBeUndefined();
    expect(result.reasons).toEqual([
      'Every base image is on its newest digest for linux/amd64.',
    ]);
    expect(result.baseImages).toEqual([
      {
        ref: NODE,
        builtDigest: digest('index-1'),
        latestDigest: digest('index-2'),
        latestRelevantDigest: digest('index-1'),
        eligibleDigest: null,
        platformNote: `The index moved to ${digest('index-2').slice(
          0,
          19,
        )} on 2025-01-11 00:00 UTC; linux/amd64 is unchanged.`,
      },
    ]);
    expect(selectRebuildDigests(result.baseImages)).toEqual([
      { ref: NODE, digest: digest('index-1') },
    ]);
    expect(
      selectRebuildDigests(result.baseImages, { bypassDelay: true }),
    ).toEqual([{ ref: NODE, digest: digest('index-1') }]);
    expect(listRelevantUpdates(ARM_ONLY_MOVE, [AMD64])).toEqual([]);
  });

  it('makes an arm64 image of the same base pending, then eligible on the new index digest', () => {
    const given = input({ platforms: [ARM64], baseImages: [ARM_ONLY_MOVE] });
    const pending = computeEligibility(given, at(12));
    expect(pending.state).toBe('pending');
    expect(pending.eligibleAt).toBe(iso(17));
    expect(pending.baseImages[0].platformNote).toBeUndefined();
    expect(pending.baseImages[0].latestRelevantDigest).toBe(digest('index-2'));

    const eligible = computeEligibility(given, at(17));
    expect(eligible.state).toBe('eligible');
    // FROM pins the index digest, never the arm64 manifest's.
    expect(selectRebuildDigests(eligible.baseImages)).toEqual([
      { ref: NODE, digest: digest('index-2') },
    ]);
    expect(listRelevantUpdates(ARM_ONLY_MOVE, [ARM64])).toEqual([
      ARM_ONLY_MOVE.freight[1],
    ]);
  });

  it('counts the move for an image that builds both platforms', () => {
    const result = computeEligibility(
      input({ platforms: [AMD64, ARM64], baseImages: [ARM_ONLY_MOVE] }),
      at(12),
    );
    expect(result.state).toBe('pending');
  });

  it('compares index digests, as before, when the image names no platforms', () => {
    const result = computeEligibility(
      input({ baseImages: [ARM_ONLY_MOVE] }),
      at(12),
    );
    expect(result.state).toBe('pending');
    expect(result.baseImages[0].platformNote).toBeUndefined();
  });

  it('counts a move when the platform digests are unknown on either side (old state, single-platform image)', () => {
    const oldState: EligibilityBaseImageInput = {
      ...ARM_ONLY_MOVE,
      freight: [
        update('index-1', 0),
        update('index-2', 10, { amd64: 'amd-1', arm64: 'arm-2' }),
      ],
    };
    expect(
      computeEligibility(
        input({ platforms: [AMD64], baseImages: [oldState] }),
        at(12),
      ).state,
    ).toBe('pending');
    const single: EligibilityBaseImageInput = {
      ...ARM_ONLY_MOVE,
      freight: [update('single-1', 0), update('single-2', 10)],
      builtDigest: digest('single-1'),
    };
    expect(
      computeEligibility(
        input({ platforms: [AMD64], baseImages: [single] }),
        at(12),
      ).state,
    ).toBe('pending');
  });

  it('rebuilds on the newest index that changed amd64, not on a later one that only moved arm64', () => {
    const base: EligibilityBaseImageInput = {
      ref: NODE,
      builtDigest: digest('index-1'),
      freight: [
        update('index-1', 0, { amd64: 'amd-1', arm64: 'arm-1' }),
        update('index-2', 10, { amd64: 'amd-2', arm64: 'arm-1' }),
        update('index-3', 12, { amd64: 'amd-2', arm64: 'arm-2' }),
      ],
    };
    const result = computeEligibility(
      input({ platforms: [AMD64], baseImages: [base] }),
      at(18),
    );
    expect(result.state).toBe('eligible');
    expect(result.eligibleAt).toBe(iso(17));
    // The arm64-only move is no younger digest that waits for a later rebuild.
    expect(result.reasons.join(' ')).not.toContain('younger than the delay');
    expect(result.baseImages[0]).toMatchObject({
      latestDigest: digest('index-3'),
      latestRelevantDigest: digest('index-2'),
      eligibleDigest: digest('index-2'),
      platformNote: expect.stringMatching(
        /^The index moved to sha256:\w{12} on 2025-01-13 00:00 UTC; linux\/amd64 is unchanged since sha256:\w{12}\.$/,
      ),
    });
    expect(
      selectRebuildDigests(result.baseImages, { bypassDelay: true }),
    ).toEqual([{ ref: NODE, digest: digest('index-2') }]);
    expect(listRelevantUpdates(base, [AMD64])).toEqual([base.freight[1]]);

    // Once built on index-2, the arm64-only move leaves the image up to date.
    const rebuilt = computeEligibility(
      input({
        platforms: [AMD64],
        baseImages: [{ ...base, builtDigest: digest('index-2') }],
      }),
      at(30),
    );
    expect(rebuilt.state).toBe('up-to-date');
    expect(rebuilt.baseImages[0].platformNote).toMatch(
      /linux\/amd64 is unchanged\.$/,
    );
  });

  it('names every built platform in the note', () => {
    const base: EligibilityBaseImageInput = {
      ref: NODE,
      builtDigest: digest('index-1'),
      freight: [
        {
          digest: digest('index-1'),
          firstSeen: iso(0),
          platformDigests: {
            [AMD64]: digest('amd-1'),
            [ARM64]: digest('arm-1'),
            'linux/s390x': digest('s390x-1'),
          },
        },
        {
          digest: digest('index-2'),
          firstSeen: iso(3),
          platformDigests: {
            [AMD64]: digest('amd-1'),
            [ARM64]: digest('arm-1'),
            'linux/s390x': digest('s390x-2'),
          },
        },
      ],
    };
    const result = computeEligibility(
      input({ platforms: [AMD64, ARM64], baseImages: [base] }),
      at(20),
    );
    expect(result.state).toBe('up-to-date');
    expect(result.baseImages[0].platformNote).toMatch(
      /; linux\/amd64 and linux\/arm64 are unchanged\.$/,
    );
  });

  it('counts only the platforms the Dockerfile uses a base image for', () => {
    // FROM node:22 only for linux/amd64 (say, `FROM node-$TARGETARCH` stages):
    // an arm64-only move is no news, though the image also builds arm64.
    const amd64Only = { ...ARM_ONLY_MOVE, platforms: [AMD64] };
    const both = [AMD64, ARM64];
    const result = computeEligibility(
      input({ platforms: both, baseImages: [amd64Only] }),
      at(20),
    );
    expect(result.state).toBe('up-to-date');
    expect(result.baseImages[0]).toMatchObject({
      latestRelevantDigest: digest('index-1'),
      platformNote: expect.stringMatching(/; linux\/amd64 is unchanged\.$/),
    });
    expect(listRelevantUpdates(amd64Only, both)).toEqual([]);
    // Used for every platform, the same move is an update.
    expect(
      computeEligibility(
        input({ platforms: both, baseImages: [ARM_ONLY_MOVE] }),
        at(20),
      ).state,
    ).toBe('eligible');

    // Used for linux/arm64 only, the move is what the image builds on.
    const arm64Only = { ...ARM_ONLY_MOVE, platforms: [ARM64] };
    expect(
      computeEligibility(
        input({ platforms: both, baseImages: [arm64Only] }),
        at(20),
      ).state,
    ).toBe('eligible');
    expect(listRelevantUpdates(arm64Only, both)).toEqual([
      ARM_ONLY_MOVE.freight[1],
    ]);
  });

  it("keeps the image's platforms for a base image recorded for platforms it no longer builds", () => {
    const stale = { ...ARM_ONLY_MOVE, platforms: ['linux/s390x'] };
    expect(listRelevantUpdates(stale, [ARM64])).toEqual([
      ARM_ONLY_MOVE.freight[1],
    ]);
    expect(listRelevantUpdates(stale, [AMD64])).toEqual([]);
    expect(listRelevantUpdates(stale, undefined)).toEqual([
      ARM_ONLY_MOVE.freight[1],
    ]);
  });
});
