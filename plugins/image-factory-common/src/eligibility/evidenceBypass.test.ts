import type { VulnerabilitySummary } from '../api';
import { computeEligibility } from './computeEligibility';
import { selectRebuildDigests } from './selectRebuildDigests';
import { at, digest, input, iso } from './testClock';
import type { EligibilityBaseImageInput } from './types';

const NODE = 'docker.io/library/node:22-bookworm-slim';

const scan = (ids: VulnerabilitySummary['ids']): VulnerabilitySummary => ({
  state: 'reported',
  detail: 'Scanned by trivy 0.58.1 on 2025-01-02.',
  ids,
});

// Built on `a` (day 0), which has a critical and a medium vulnerability;
// `b` appears on day 5, inside the 7-day delay, with what the test says.
function node(b: VulnerabilitySummary | undefined): EligibilityBaseImageInput {
  return {
    ref: NODE,
    builtDigest: digest('a'),
    freight: [
      {
        digest: digest('a'),
        firstSeen: iso(0),
        vulnerabilities: scan({
          critical: ['CVE-2025-0001'],
          medium: ['CVE-2025-0003'],
        }),
      },
      {
        digest: digest('b'),
        firstSeen: iso(5),
        ...(b && { vulnerabilities: b }),
      },
    ],
  };
}

const DAY_6 = at(6);

describe('the evidence-based bypass', () => {
  it('makes an image eligible before the delay, on the digest that fixes a critical vulnerability the built one has', () => {
    const result = computeEligibility(
      input({
        baseImages: [node(scan({ medium: ['CVE-2025-0003'] }))],
        bypassSeverity: 'critical',
      }),
      DAY_6,
    );
    expect(result).toMatchObject({
      state: 'eligible',
      eligibleAt: iso(5),
      fixes: ['CVE-2025-0001'],
    });
    expect(result.baseImages[0].eligibleDigest).toBe(digest('b'));
    expect(selectRebuildDigests(result.baseImages)).toEqual([
      { ref: NODE, digest: digest('b') },
    ]);
    expect(result.reasons[0]).toBe(
      `${NODE} moves from sha256:000000000000 to sha256:000000000000, first seen 2025-01-06 00:00 UTC, before the 7d delay: it fixes CVE-2025-0001, which the built digest has.`,
    );
  });

  it('waits out the delay when the newer digest fixes only a medium one', () => {
    const result = computeEligibility(
      input({
        baseImages: [node(scan({ critical: ['CVE-2025-0001'] }))],
        bypassSeverity: 'critical',
      }),
      DAY_6,
    );
    expect(result.state).toBe('pending');
    expect(result.fixes).toBeUndefined();
  });

  it('never chooses a digest that adds a critical vulnerability, and flags it', () => {
    const result = computeEligibility(
      input({
        baseImages: [node(scan({ critical: ['CVE-2025-0002'] }))],
        bypassSeverity: 'critical',
      }),
      DAY_6,
    );
    expect(result.state).toBe('pending');
    expect(result.reasons).toContain(
      `${NODE} has sha256:000000000000, which adds CVE-2025-0002: it is never chosen to skip the delay.`,
    );
  });

  it('is off without a bypass severity, and needs a current scan of both digests', () => {
    const fixed = scan({ medium: ['CVE-2025-0003'] });
    expect(
      computeEligibility(input({ baseImages: [node(fixed)] }), DAY_6).state,
    ).toBe('pending');
    for (const b of [undefined, { ...fixed, state: 'expired' as const }]) {
      expect(
        computeEligibility(
          input({ baseImages: [node(b)], bypassSeverity: 'critical' }),
          DAY_6,
        ).state,
      ).toBe('pending');
    }
  });

  it('with signatures required, takes only a verified digest', () => {
    const base = node(scan({ medium: ['CVE-2025-0003'] }));
    const result = computeEligibility(
      input({
        baseImages: [{ ...base, signatureMode: 'require' }],
        bypassSeverity: 'critical',
      }),
      DAY_6,
    );
    expect(result.state).toBe('up-to-date');
  });
});
