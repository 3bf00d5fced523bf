import { formatDuration } from '../durations';

/**
 * `sha256:0123456789abcdef…` shortened to the algorithm and 12 hex characters,
 * enough to tell digests apart in a sentence.
 */
export function shortenDigest(digest: string | null): string {
  if (digest === null) {
    return 'an unknown digest';
  }
  const [algorithm, hex] = digest.split(':', 2);
  return hex === undefined ? digest : `${algorithm}:${hex.slice(0, 12)}`;
}

/** Epoch milliseconds as `2024-05-01 10:00 UTC`. */
export function formatInstant(ms: number): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/** A delay as the annotation spells it (`7d`, `36h`). */
export function formatDelay(ms: number): string {
  return Number.isSafeInteger(ms) && ms >= 0 ? formatDuration(ms) : `${ms}ms`;
}
