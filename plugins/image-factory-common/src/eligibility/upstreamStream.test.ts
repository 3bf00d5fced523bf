import { computeEligibility } from './computeEligibility';
import { DAY, digest, EPOCH, HOUR, input } from './testClock';
import type { EligibilityFreight } from './types';

const NODE = 'docker.io/library/node:22-bookworm-slim';
const DELAY = 7 * DAY;
const RUN_TAKES = 30 * 60_000;

interface Rebuild {
  at: number;
  digest: string;
  ageMs: number;
}

/**
 * Upstream publishes a new digest every day at 06:00 for 30 days; the factory
 * checks eligibility every `checkEveryMs` and triggers whenever the image is
 * eligible. A run takes 30 minutes; when it ends the image is built on the
 * digest it was given. Returns every rebuild.
 */
function simulateDailyReleases(checkEveryMs: number): Rebuild[] {
  const published: Array<EligibilityFreight & { seenAt: number }> = [
    {
      digest: digest('day-0'),
      firstSeen: new Date(EPOCH).toISOString(),
      seenAt: EPOCH,
    },
  ];
  for (let day = 1; day <= 30; day++) {
    const seenAt = EPOCH + day * DAY + 6 * HOUR;
    published.push({
      digest: digest(`day-${day}`),
      firstSeen: new Date(seenAt).toISOString(),
      seenAt,
    });
  }
  const end = EPOCH + 31 * DAY - 1;

  let built = digest('day-0');
  let running: { requestedAt: number; digest: string } | undefined;
  let lastTriggeredAt: number | undefined;
  const rebuilds: Rebuild[] = [];
  for (let now = EPOCH; now <= end; now += checkEveryMs) {
    if (running && now >= running.requestedAt + RUN_TAKES) {
      built = running.digest;
      running = undefined;
    }
    const freight = published
      .filter(record => record.seenAt <= now)
      .map(({ digest: d, firstSeen }) => ({ digest: d, firstSeen }));
    const result = computeEligibility(
      input({
        delayMs: DELAY,
        baseImages: [{ ref: NODE, builtDigest: built, freight }],
        activeRebuild: running && {
          requestedAt: new Date(running.requestedAt).toISOString(),
          status: 'running',
        },
        lastTriggeredAt:
          lastTriggeredAt === undefined
            ? undefined
            : new Date(lastTriggeredAt).toISOString(),
      }),
      new Date(now),
    );
    if (result.state === 'eligible') {
      const chosen = result.baseImages[0].eligibleDigest!;
      const seenAt = published.find(record => record.digest === chosen)!.seenAt;
      rebuilds.push({ at: now, digest: chosen, ageMs: now - seenAt });
      running = { requestedAt: now, digest: chosen };
      lastTriggeredAt = now;
    }
  }
  return rebuilds;
}

describe('a steady stream of upstream releases against a 7 day delay', () => {
  it('rebuilds every day on the digest that just aged when checked hourly', () => {
    const rebuilds = simulateDailyReleases(HOUR);
    // Digests of days 1..23 age by the end of day 30; later ones are too young.
    expect(rebuilds).toHaveLength(23);
    expect(rebuilds.map(r => r.digest)).toEqual(
      Array.from({ length: 23 }, (_, i) => digest(`day-${i + 1}`)),
    );
    for (const rebuild of rebuilds) {
      expect(rebuild.ageMs).toBeGreaterThanOrEqual(DELAY);
      // Hourly checks catch each digest in the hour it ages: never starved.
      expect(rebuild.ageMs).toBeLessThan(DELAY + HOUR);
    }
    expect(rebuilds[0].at).toBe(EPOCH + 8 * DAY + 6 * HOUR);
  });

  it('rebuilds once a day on the one aged digest when checked daily at midnight', () => {
    const rebuilds = simulateDailyReleases(DAY);
    expect(rebuilds).toHaveLength(22);
    expect(rebuilds.map(r => r.at)).toEqual(
      Array.from({ length: 22 }, (_, i) => EPOCH + (9 + i) * DAY),
    );
    expect(rebuilds.every(r => r.ageMs === DELAY + 18 * HOUR)).toBe(true);
  });

  it('skips to the newest aged digest when checks are three days apart', () => {
    const rebuilds = simulateDailyReleases(3 * DAY);
    // Checks on days 9, 12, …, 30 each take the newest digest aged by then.
    expect(rebuilds.map(r => r.digest)).toEqual(
      [1, 4, 7, 10, 13, 16, 19, 22].map(day => digest(`day-${day}`)),
    );
    for (const rebuild of rebuilds) {
      expect(rebuild.ageMs).toBeGreaterThanOrEqual(DELAY);
      expect(rebuild.ageMs).toBeLessThan(DELAY + DAY);
    }
  });
});
