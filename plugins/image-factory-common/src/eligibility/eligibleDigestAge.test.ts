import fc from 'fast-check';
import { computeEligibility } from './computeEligibility';
import { DAY, digest, EPOCH, input } from './testClock';
import type { EligibilityBaseImageInput } from './types';

// Up to three base images, each with up to 12 freight records at random times
// in 60 days, each a distinct digest, built on one of them (index), on none
// (-1: `null`) or on a digest freight never saw (-2).
const scenarioArbitrary = fc.record({
  delayMs: fc.integer({ min: 0, max: 30 * DAY }),
  nowOffset: fc.integer({ min: 0, max: 90 * DAY }),
  baseImages: fc.array(
    fc.record({
      offsets: fc.array(fc.integer({ min: 0, max: 60 * DAY }), { maxLength: 12 }),
      built: fc.integer({ min: -2, max: 11 }),
    }),
    { minLength: 1, maxLength: 3 },
  ),
});

function toBaseImage(
  { offsets, built }: { offsets: number[]; built: number },
  index: number,
): EligibilityBaseImageInput {
  const freight = offsets.map((offset, i) => ({
    digest: digest(`${index}-${i}`),
    firstSeen: new Date(EPOCH + offset).toISOString(),
  }));
  let builtDigest: string | null = null;
  if (built === -2) {
    builtDigest = digest(`${index}-unknown`);
  } else if (built >= 0 && built < freight.length) {
    builtDigest = freight[built].digest;
  }
  return { ref: `registry.test/base-${index}:1`, builtDigest, freight };
}

describe('the eligible digest', () => {
  it('is never younger than the delay, newer than the built digest, and the newest such', () => {
    fc.assert(
      fc.property(scenarioArbitrary, ({ delayMs, nowOffset, baseImages }) => {
        const now = EPOCH + nowOffset;
        const inputs = baseImages.map(toBaseImage);
        const result = computeEligibility(
          input({ delayMs, baseImages: inputs }),
          new Date(now),
        );
        result.baseImages.forEach((decided, index) => {
          const { freight, builtDigest } = inputs[index];
          const seen = (d: string | null) => {
            const record = freight.find(f => f.digest === d);
            return record ? Date.parse(record.firstSeen) : Number.NEGATIVE_INFINITY;
          };
          if (decided.eligibleDigest === null) {
            // Nothing newer than the built digest may have aged.
            const builtSeen = seen(builtDigest);
            expect(
              freight.some(
                f =>
                  f.digest !== builtDigest &&
                  Date.parse(f.firstSeen) > builtSeen &&
                  Date.parse(f.firstSeen) + delayMs <= now,
              ),
            ).toBe(false);
            return;
          }
          const eligibleSeen = seen(decided.eligibleDigest);
          expect(eligibleSeen + delayMs).toBeLessThanOrEqual(now);
          expect(eligibleSeen).toBeGreaterThanOrEqual(seen(builtDigest));
          expect(decided.eligibleDigest).not.toBe(builtDigest);
          const newerAged = freight.filter(
            f =>
              Date.parse(f.firstSeen) > eligibleSeen &&
              Date.parse(f.firstSeen) + delayMs <= now,
          );
          expect(newerAged).toEqual([]);
        });
        if (result.state === 'eligible') {
          expect(Date.parse(result.eligibleAt!)).toBeLessThanOrEqual(now);
        }
        if (result.state === 'pending') {
          expect(Date.parse(result.eligibleAt!)).toBeGreaterThan(now);
        }
      }),
      { numRuns: 500 },
    );
  });
});
