/**
 * Reads a `Retry-After` header (seconds, or an HTTP date) as milliseconds to wait
 * from `now`. Returns undefined when the header is missing or unreadable, so the
 * caller falls back to its own backoff.
 */
export function parseRetryAfter(
  header: string | null,
  now: number = Date.now(),
): number | undefined {
  if (header === null || header.trim() === '') {
    return undefined;
  }
  const text = header.trim();
  if (/^\d+$/.test(text)) {
    return Number(text) * 1000;
  }
  const date = Date.parse(text);
  if (Number.isNaN(date)) {
    return undefined;
  }
  return Math.max(0, date - now);
}
