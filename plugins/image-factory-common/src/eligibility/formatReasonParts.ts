import { formatDuration } from '../durations';
import { shortDigest } from '../references/shortDigest';

/** A digest for a reason sentence: {@link shortDigest}, or "an unknown digest". */
export function shortenDigest(digest: string | null): string {
  return digest === null ? 'an unknown digest' : shortDigest(digest);
}

// The range of a Date: 100,000,000 days either side of 1970.
const LAST_INSTANT_MS = 8.64e15;

/**
 * Epoch milliseconds in ISO 8601, clamped to the instants a `Date` can name, so
 * a far-off time (a huge delay from a hand-edited state file) reads as the last
 * instant instead of throwing a RangeError. An unknown time (NaN) is taken as
 * the last instant too: it must never make an image eligible early.
 */
export function toIsoInstant(ms: number): string {
  const clamped = Number.isNaN(ms)
    ? LAST_INSTANT_MS
    : Math.min(LAST_INSTANT_MS, Math.max(-LAST_INSTANT_MS, ms));
  return new Date(clamped).toISOString();
}

/**
 * Epoch milliseconds as `2024-05-01 10:00 UTC`, clamped to the instants an
 * ISO 8601 time can spell.
 *
 * @public
 */
export function formatInstant(ms: number): string {
  const [date, time] = toIsoInstant(ms).split('T');
  return `${date} ${time.slice(0, 5)} UTC`;
}

/** A delay as the annotation spells it (`7d`, `36h`). */
export function formatDelay(ms: number): string {
  return Number.isSafeInteger(ms) && ms >= 0 ? formatDuration(ms) : `${ms}ms`;
}
