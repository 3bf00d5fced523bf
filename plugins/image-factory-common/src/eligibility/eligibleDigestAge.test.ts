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
      offsets: fc.array(fc.integer({ min: 0, max: 60 * DAY }), {
        maxLength: 12,
      }),
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

/** Every way the decision breaks the rules, as sentences; empty when it keeps them. */
function findViolations(
  inputs: EligibilityBaseImageInput[],
  delayMs: number,
  now: number,
): string[] {
  const result = computeEligibility(
    input({ delayMs, baseImages: inputs }),
    new Date(now),
  );
  const violations: string[] = [];
  result.baseImages.forEach((decided, index) => {
    const { freight, builtDigest } = inputs[index];
    const seen = (d: string | null) => {
      const record = freight.find(f => f.digest === d);
      return record ? Date.parse(record.firstSeen) : Number.NEGATIVE_INFINITY;
    };
    const aged = (f: { firstSeen: string }) =>
      Date.parse(f.firstSeen) + delayMs <= now;
    if (decided.eligibleDigest === null) {
      const builtSeen = seen(builtDigest);
      if (freight.some(f => Date.parse(f.firstSeen) > builtSeen && aged(f))) {
        violations.push(
          `${decided.ref}: a newer digest has aged but none was chosen`,
        );
      }
      return;
    }
    const eligibleSeen = seen(decided.eligibleDigest);
    if (eligibleSeen + delayMs > now) {
      violations.push(`${decided.ref}: chose a digest younger than the delay`);
    }
    if (
      eligibleSeen < seen(builtDigest) ||
      decided.eligibleDigest === builtDigest
    ) {
      violations.push(
        `${decided.ref}: chose a digest that is not newer than the built one`,
      );
    }
    if (freight.some(f => Date.parse(f.firstSeen) > eligibleSeen && aged(f))) {
      violations.push(`${decided.ref}: skipped a newer digest that has aged`);
    }
  });
  const eligibleAt = result.eligibleAt
    ? Date.parse(result.eligibleAt)
    : undefined;
  if (
    result.state === 'eligible' &&
    !(eligibleAt !== undefined && eligibleAt <= now)
  ) {
    violations.push('eligible, but eligibleAt is not in the past');
  }
  if (
    result.state === 'pending' &&
    !(eligibleAt !== undefined && eligibleAt > now)
  ) {
    violations.push('pending, but eligibleAt is not in the future');
  }
  return violations;
}

describe('the eligible digest', () => {
  it('is never younger than the delay, newer than the built digest, and the newest such', () => {
    fc.assert(
      fc.property(scenarioArbitrary, ({ delayMs, nowOffset, baseImages }) => {
        const inputs = baseImages.map(toBaseImage);
        expect(findViolations(inputs, delayMs, EPOCH + nowOffset)).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });
});
