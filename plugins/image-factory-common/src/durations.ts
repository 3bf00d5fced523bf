const UNITS = [
  { unit: 'd', ms: 86_400_000 },
  { unit: 'h', ms: 3_600_000 },
  { unit: 'm', ms: 60_000 },
  { unit: 's', ms: 1_000 },
  { unit: 'ms', ms: 1 },
] as const;

// Units must come largest first and at most once, so every duration has one
// spelling a reviewer recognises ("1d12h", never "12h1d").
const DURATION_PATTERN =
  /^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m(?!s))?(?:(\d+)s)?(?:(\d+)ms)?$/;

/**
 * Thrown by {@link parseDuration} for text that is not a duration.
 *
 * @public
 */
export class DurationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DurationError';
  }
}

/**
 * Parses a duration such as `7d`, `36h`, `90m`, `45s`, `0` or `1d12h` into
 * milliseconds. Units are `d`, `h`, `m`, `s` and `ms`, largest first, each at
 * most once.
 *
 * @throws {@link DurationError} when the text is not a duration.
 * @public
 */
export function parseDuration(text: string): number {
  const trimmed = text.trim();
  if (trimmed === '0') {
    return 0;
  }
  const match = DURATION_PATTERN.exec(trimmed);
  if (!trimmed || !match || match.slice(1).every(part => part === undefined)) {
    throw new DurationError(
      `"${text}" is not a duration: use a number with a unit, largest unit first, such as 7d, 36h, 90m, 45s or 1d12h`,
    );
  }
  let total = 0;
  UNITS.forEach(({ ms }, index) => {
    const part = match[index + 1];
    if (part !== undefined) {
      total += Number(part) * ms;
    }
  });
  if (!Number.isSafeInteger(total)) {
    throw new DurationError(`"${text}" is too long a duration`);
  }
  return total;
}

/**
 * The longest rebuild delay or coordination window: a year. Longer ones are
 * mistakes, and adding one to a first-seen time could pass the last instant a
 * `Date` can represent.
 *
 * @public
 */
export const MAX_POLICY_DURATION_MS = 365 * 86_400_000;

/**
 * Parses a rebuild delay or coordination window: {@link parseDuration}, at
 * most {@link MAX_POLICY_DURATION_MS}.
 *
 * @throws {@link DurationError} when the text is not a duration or is longer.
 * @public
 */
export function parsePolicyDuration(text: string): number {
  const ms = parseDuration(text);
  if (ms > MAX_POLICY_DURATION_MS) {
    throw new DurationError(
      `"${text.trim()}" is too long: a rebuild delay or coordination window is at most 365d`,
    );
  }
  return ms;
}

/**
 * Formats milliseconds as the shortest duration {@link parseDuration} reads
 * back to the same value: `604800000` gives `7d`, `129600000` gives `1d12h`,
 * `0` gives `0`.
 *
 * @throws RangeError when `ms` is negative or not a safe integer.
 * @public
 */
export function formatDuration(ms: number): string {
  if (!Number.isSafeInteger(ms) || ms < 0) {
    throw new RangeError(`${ms} is not a duration in whole milliseconds`);
  }
  if (ms === 0) {
    return '0';
  }
  let rest = ms;
  let text = '';
  for (const { unit, ms: size } of UNITS) {
    const count = Math.floor(rest / size);
    if (count > 0) {
      text += `${count}${unit}`;
      rest -= count * size;
    }
  }
  return text;
}
