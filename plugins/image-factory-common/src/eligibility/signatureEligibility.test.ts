import type { SignatureCheck } from '../api';
import { computeEligibility } from './computeEligibility';
import { selectRebuildDigests } from './selectRebuildDigests';
import { at, digest, input, iso } from './testClock';
import type { EligibilityBaseImageInput } from './types';

const NODE = 'docker.io/library/node:22-bookworm-slim';
const VERIFIED: SignatureCheck = {
  state: 'verified',
  detail: 'Signed with the key "release".',
};
const UNSIGNED: SignatureCheck = {
  state: 'unsigned',
  detail: 'No signature: the registry has no tag sha256-….sig.',
};

// Built on `a` (day 0); `b` (day 1) is signed, `c` (day 2) is not; with the
// 7-day delay both have aged by day 10.
function node(
  signatureMode: EligibilityBaseImageInput['signatureMode'],
): EligibilityBaseImageInput {
  return {
    ref: NODE,
    builtDigest: digest('a'),
    freight: [
      { digest: digest('a'), firstSeen: iso(0), signature: VERIFIED },
      { digest: digest('b'), firstSeen: iso(1), signature: VERIFIED },
      { digest: digest('c'), firstSeen: iso(2), signature: UNSIGNED },
    ],
    ...(signatureMode && { signatureMode }),
  };
}

describe('eligibility with signatures', () => {
  it('builds on the newest aged digest whatever its signature, without a mode or with warn', () => {
    for (const mode of [undefined, 'warn'] as const) {
      const result = computeEligibility(
        input({ baseImages: [node(mode)] }),
        at(10),
      );
      expect(result.state).toBe('eligible');
      expect(result.baseImages[0].eligibleDigest).toBe(digest('c'));
    }
  });

  it('with require, skips an unsigned newer digest and builds on the last signed one aged past the delay', () => {
    const result = computeEligibility(
      input({ baseImages: [node('require')] }),
      at(10),
    );
    expect(result.state).toBe('eligible');
    expect(result.baseImages[0]).toMatchObject({
      latestDigest: digest('c'),
      latestRelevantDigest: digest('b'),
      eligibleDigest: digest('b'),
    });
    expect(result.reasons).toContain(
      `${NODE} has sha256:000000000000, first seen 2025-01-03 00:00 UTC, which is not built on because signatures are required: no signature: the registry has no tag sha256-….sig.`,
    );
  });

  it('with require, an emergency rebuild takes the newest verified digest, never an unsigned one', () => {
    const result = computeEligibility(
      input({ baseImages: [node('require')] }),
      at(3),
    );
    expect(result.state).toBe('pending');
    expect(
      selectRebuildDigests(result.baseImages, { bypassDelay: true }),
    ).toEqual([{ ref: NODE, digest: digest('b') }]);
  });

  it('with require, is up to date when only unverified digests are newer, and says why', () => {
    const base = node('require');
    const result = computeEligibility(
      input({
        baseImages: [
          {
            ...base,
            builtDigest: digest('b'),
            freight: [
              ...base.freight,
              // Not checked yet: no signature recorded.
              { digest: digest('d'), firstSeen: iso(3) },
            ],
          },
        ],
      }),
      at(20),
    );
    expect(result.state).toBe('up-to-date');
    expect(result.reasons).toEqual([
      'Every base image is on its newest digest that may be built on.',
      `${NODE} has sha256:000000000000, first seen 2025-01-04 00:00 UTC, which is not built on because signatures are required: its signature has not been checked yet (nor 1 older digest without a verified signature).`,
    ]);
  });
});
