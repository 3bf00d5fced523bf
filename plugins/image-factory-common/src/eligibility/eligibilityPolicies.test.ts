import { computeEligibility } from './computeEligibility';
import { computeRetryDelay } from './computeRetryDelay';
import { at, DAY, digest, HOUR, input, iso } from './testClock';
import type { EligibilityBaseImageInput } from './types';

const NODE = 'docker.io/library/node:22-bookworm-slim';

// Built on `a` (day 0); `b` appeared on day 1 and is eligible from day 8.
const staleNode: EligibilityBaseImageInput = {
  ref: NODE,
  builtDigest: digest('a'),
  freight: [
    { digest: digest('a'), firstSeen: iso(0) },
    { digest: digest('b'), firstSeen: iso(1) },
  ],
};

describe('rebuild policies on top of freight', () => {
  it('keeps a manual-only image eligible and says it waits for a person', () => {
    const result = computeEligibility(
      input({ autoRebuild: false, baseImages: [staleNode] }),
      at(10),
    );
    expect(result.state).toBe('eligible');
    expect(result.eligibleAt).toBe(iso(8));
    expect(result.reasons).toContain(
      'Auto-rebuild is off: the rebuild waits for a person to start it.',
    );
  });

  it('tells a pending manual-only image that it will wait for a person', () => {
    const result = computeEligibility(
      input({ autoRebuild: false, baseImages: [staleNode] }),
      at(3),
    );
    expect(result.state).toBe('pending');
    expect(result.reasons).toContain(
      'Auto-rebuild is off: once eligible, the rebuild waits for a person to start it.',
    );
  });

  it('blocks with the given reasons, overriding eligible and manual-only', () => {
    const reasons = [
      'No workflow is configured (image-factory.io/workflow): rebuilds are manual-only.',
      'Dockerfile analysis failed: Dockerfile not found at services/api/Dockerfile.',
    ];
    const result = computeEligibility(
      input({
        autoRebuild: false,
        blockedReasons: reasons,
        baseImages: [staleNode],
      }),
      at(10),
    );
    expect(result).toMatchObject({ state: 'blocked', reasons });
    expect(result.eligibleAt).toBeUndefined();
  });

  it('blocks even an image that has no freight yet', () => {
    const result = computeEligibility(
      input({
        blockedReasons: ['Dockerfile analysis failed.'],
        baseImages: [{ ref: NODE, builtDigest: null, freight: [] }],
      }),
      at(1),
    );
    expect(result.state).toBe('blocked');
  });

  it.each(['requested', 'running'] as const)(
    'is rebuilding while a %s rebuild is in flight',
    status => {
      const result = computeEligibility(
        input({
          baseImages: [staleNode],
          activeRebuild: { requestedAt: iso(9, 3), status },
          lastTriggeredAt: iso(9, 3),
        }),
        at(9, 4),
      );
      expect(result.state).toBe('rebuilding');
      expect(result.reasons).toEqual([
        'A rebuild requested at 2025-01-10 03:00 UTC is running.',
      ]);
      expect(result.baseImages[0].eligibleDigest).toBe(digest('b'));
    },
  );

  it('is rebuilding while a dispatch whose answer was lost waits for its run', () => {
    const result = computeEligibility(
      input({
        baseImages: [staleNode],
        activeRebuild: { requestedAt: iso(9, 3), status: 'dispatched' },
        lastTriggeredAt: iso(9, 3),
      }),
      at(9, 4),
    );
    expect(result.state).toBe('rebuilding');
    expect(result.reasons).toEqual([
      'A rebuild requested at 2025-01-10 03:00 UTC was sent; waiting for its run to appear.',
    ]);
  });

  it('holds an eligible image back for the coordination window after a trigger', () => {
    const given = input({
      baseImages: [staleNode],
      lastTriggeredAt: iso(9, 0),
      lastRebuild: {
        status: 'completed',
        conclusion: 'success',
        finishedAt: iso(9, 0),
      },
    });
    const during = computeEligibility(given, at(9, 0.5));
    expect(during.state).toBe('pending');
    expect(during.eligibleAt).toBe(iso(9, 1));
    expect(during.reasons[0]).toBe(
      'A rebuild was triggered at 2025-01-10 00:00 UTC; the next one waits for the 1h coordination window, until 2025-01-10 01:00 UTC.',
    );
    expect(computeEligibility(given, at(9, 1)).state).toBe('eligible');
  });

  it('reports a failed trigger with its error and the backoff moment of the retry', () => {
    const given = input({
      baseImages: [staleNode],
      lastTriggeredAt: iso(9),
      lastRebuild: {
        status: 'failed',
        finishedAt: iso(9),
        error: 'GitHub answered 404: workflow build.yml not found',
        attempt: 1,
      },
    });
    const result = computeEligibility(given, at(9, 0.5));
    expect(result.state).toBe('failed');
    expect(result.eligibleAt).toBe(iso(9, 1));
    expect(result.reasons.slice(0, 2)).toEqual([
      'The last rebuild failed at 2025-01-10 00:00 UTC: GitHub answered 404: workflow build.yml not found',
      'After 1 failed attempt the next try waits for the backoff, until 2025-01-10 01:00 UTC.',
    ]);
    const retry = computeEligibility(given, at(9, 1));
    expect(retry.state).toBe('eligible');
    expect(retry.reasons).toContain(
      'The backoff after 1 failed attempt is over; the next rebuild is attempt 2.',
    );
  });

  it.each([
    [1, 1 * HOUR],
    [2, 2 * HOUR],
    [3, 4 * HOUR],
    [5, 16 * HOUR],
    [6, 24 * HOUR],
    [40, 24 * HOUR],
  ])('backs off exponentially: failure %i waits %i ms', (attempt, waitMs) => {
    expect(computeRetryDelay(attempt)).toBe(waitMs);
    const failedAt = at(20).getTime();
    const result = computeEligibility(
      input({
        baseImages: [staleNode],
        lastRebuild: {
          status: 'completed',
          conclusion: 'failure',
          finishedAt: new Date(failedAt).toISOString(),
          error: 'run failed',
          attempt,
        },
      }),
      new Date(failedAt + waitMs - 1),
    );
    expect(result.state).toBe('failed');
    expect(result.eligibleAt).toBe(new Date(failedAt + waitMs).toISOString());
  });

  it('uses the configured backoff', () => {
    const result = computeEligibility(
      input({
        baseImages: [staleNode],
        retryBackoff: { initialMs: 10 * 60_000, maxMs: DAY },
        lastRebuild: { status: 'failed', finishedAt: iso(20), attempt: 2 },
      }),
      at(20),
    );
    expect(result.eligibleAt).toBe(
      new Date(at(20).getTime() + 20 * 60_000).toISOString(),
    );
    expect(result.reasons[0]).toBe(
      'The last rebuild failed at 2025-01-21 00:00 UTC: no error was recorded',
    );
  });

  it('waits for both the backoff and the freight delay after a failed early rebuild', () => {
    const result = computeEligibility(
      input({
        baseImages: [staleNode],
        lastRebuild: { status: 'failed', finishedAt: iso(2), error: 'boom' },
      }),
      at(2, 0.5),
    );
    expect(result.state).toBe('failed');
    expect(result.eligibleAt).toBe(iso(8));
  });

  it('counts a cancelled run as failed and a successful one as not', () => {
    const failed = computeEligibility(
      input({
        baseImages: [staleNode],
        lastRebuild: {
          status: 'completed',
          conclusion: 'cancelled',
          finishedAt: iso(10),
        },
      }),
      at(10, 0.5),
    );
    expect(failed.state).toBe('failed');
    const succeeded = computeEligibility(
      input({
        baseImages: [staleNode],
        lastRebuild: {
          status: 'completed',
          conclusion: 'success',
          finishedAt: iso(10),
        },
      }),
      at(10, 0.5),
    );
    expect(succeeded.state).toBe('eligible');
  });

  it('forgets a failure once every base image is on its newest digest', () => {
    const result = computeEligibility(
      input({
        baseImages: [{ ...staleNode, builtDigest: digest('b') }],
        lastRebuild: { status: 'failed', finishedAt: iso(10), error: 'boom' },
      }),
      at(10, 0.5),
    );
    expect(result.state).toBe('up-to-date');
  });
});
