import type { EligibilityLastRebuild, RetryBackoff } from './types';

/**
 * Backoff used when the input gives none: the first retry after an hour,
 * doubling up to a day.
 *
 * @public
 */
export const DEFAULT_RETRY_BACKOFF: RetryBackoff = {
  initialMs: 3_600_000,
  maxMs: 86_400_000,
};

/**
 * How long to wait before retrying after the `attempt`-th failed rebuild in a
 * row: `initialMs * 2^(attempt - 1)`, at most `maxMs`.
 *
 * @public
 */
export function computeRetryDelay(
  attempt: number,
  backoff: RetryBackoff = DEFAULT_RETRY_BACKOFF,
): number {
  const exponent = Math.max(0, Math.floor(attempt) - 1);
  // 2^exponent overflows to Infinity long before it matters; min() caps it.
  return Math.min(backoff.initialMs * 2 ** exponent, backoff.maxMs);
}

/**
 * Whether a finished rebuild failed: its trigger failed, its run ended with
 * any conclusion but success, or the image it pushed is not on the digests
 * asked for.
 *
 * @public
 */
export function isFailedRebuild(rebuild: EligibilityLastRebuild): boolean {
  return (
    rebuild.status === 'failed' ||
    rebuild.verification === 'mismatch' ||
    (rebuild.status === 'completed' &&
      rebuild.conclusion !== undefined &&
      rebuild.conclusion !== 'success')
  );
}
