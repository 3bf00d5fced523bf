const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * Time left until a moment, for a live countdown ("eligible in 3d 4h"): the
 * two largest units, rounded down, the second one left out when it is zero.
 * `now` once the moment has come; `<1m` in its last minute.
 *
 * @example
 * formatCountdown(3 * 86_400_000 + 4 * 3_600_000) // "3d 4h"
 * formatCountdown(5 * 3_600_000 + 10 * 60_000)    // "5h 10m"
 * formatCountdown(0)                               // "now"
 *
 * @public
 */
export function formatCountdown(ms: number): string {
  if (!(ms > 0)) {
    return 'now';
  }
  if (ms < MINUTE) {
    return '<1m';
  }
  const pair = (
    major: number,
    majorUnit: string,
    minor: number,
    minorUnit: string,
  ) =>
    minor > 0
      ? `${major}${majorUnit} ${minor}${minorUnit}`
      : `${major}${majorUnit}`;
  if (ms >= DAY) {
    return pair(Math.floor(ms / DAY), 'd', Math.floor((ms % DAY) / HOUR), 'h');
  }
  if (ms >= HOUR) {
    return pair(
      Math.floor(ms / HOUR),
      'h',
      Math.floor((ms % HOUR) / MINUTE),
      'm',
    );
  }
  return `${Math.floor(ms / MINUTE)}m`;
}
