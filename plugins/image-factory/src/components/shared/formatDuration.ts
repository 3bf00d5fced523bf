import { formatCountdown } from '@image-factory/backstage-plugin-image-factory-common';

const MINUTE = 60_000;

/**
 * A duration as its two largest units ("3d 4h", "5h 12m", "7m"), rounded down,
 * so a countdown never promises a moment earlier than the real one: the
 * shared `formatCountdown`, with "less than a minute" for short and negative
 * spans.
 */
export function formatDuration(milliseconds: number): string {
  return milliseconds >= MINUTE
    ? formatCountdown(milliseconds)
    : 'less than a minute';
}

/** How long ago an ISO 8601 time was, e.g. "3d 4h ago". */
export function formatAge(iso: string, now: number): string {
  const elapsed = now - Date.parse(iso);
  if (Number.isNaN(elapsed)) {
    return 'at an unknown time';
  }
  return elapsed < 60_000 ? 'just now' : `${formatDuration(elapsed)} ago`;
}

/** An ISO 8601 time in the reader's locale, for tooltips and tables. */
export function formatTimestamp(iso: string): string {
  const time = Date.parse(iso);
  return Number.isNaN(time) ? iso : new Date(time).toLocaleString();
}
