/** Response headers with lower-case names. */
export type HeaderRecord = Record<string, string | undefined>;

const ONE_MINUTE = 60_000;

function readRetryAfter(
  value: string | undefined,
  nowMs: number,
): number | undefined {
  if (value === undefined || value.trim() === '') {
    return undefined;
  }
  const text = value.trim();
  if (/^\d+$/.test(text)) {
    return Number(text) * 1000;
  }
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}

function readReset(
  remaining: string | undefined,
  reset: string | undefined,
  nowMs: number,
): number | undefined {
  if (
    remaining?.trim() !== '0' ||
    reset === undefined ||
    !/^\d+$/.test(reset.trim())
  ) {
    return undefined;
  }
  return Math.max(0, Number(reset.trim()) * 1000 - nowMs);
}

/**
 * How long to wait before asking again, when an answer says a rate limit was
 * hit; undefined for any other answer (a 403 without rate-limit headers is a
 * permission problem, not a reason to wait).
 *
 * Reads `retry-after` (seconds or HTTP date), GitHub's
 * `x-ratelimit-remaining: 0` with `x-ratelimit-reset`, GitLab's
 * `ratelimit-remaining: 0` with `ratelimit-reset`, and, as GitHub documents
 * for secondary limits without headers, waits a minute.
 */
export function readRateLimitWait(
  status: number,
  headers: HeaderRecord,
  message: string,
  nowMs: number,
): number | undefined {
  if (status !== 403 && status !== 429) {
    return undefined;
  }
  const wait =
    readRetryAfter(headers['retry-after'], nowMs) ??
    readReset(
      headers['x-ratelimit-remaining'],
      headers['x-ratelimit-reset'],
      nowMs,
    ) ??
    readReset(
      headers['ratelimit-remaining'],
      headers['ratelimit-reset'],
      nowMs,
    );
  if (wait !== undefined) {
    return wait;
  }
  if (status === 429 || /secondary rate limit/i.test(message)) {
    return ONE_MINUTE;
  }
  return undefined;
}
