const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * A duration as its two largest units ("3d 4h", "5h 12m", "7m"), rounded down,
 * so a countdown never promises a moment earlier than the real one.
 */
export function formatDuration(milliseconds: number): string {
  const ms = Math.max(0, milliseconds);
  if (ms < MINUTE) {
    return 'less than a minute';
  }
  const days = Math.floor(ms / DAY);
  const hours = Math.floor((ms % DAY) / HOUR);
  const minutes = Math.floor((ms % HOUR) / MINUTE);
  if (days > 0) {
    return hours > 0 ? `${days}d ${hours}h` : `${days}d`;
  }
  if (hours > 0) {
    return minutes > 0 ? `${hours}h ${minutes}m` : `${hours}h`;
  }
  return `${minutes}m`;
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
