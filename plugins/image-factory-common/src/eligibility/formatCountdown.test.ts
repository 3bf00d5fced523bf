import { formatCountdown } from './formatCountdown';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describe('formatCountdown', () => {
  it.each([
    [3 * DAY + 4 * HOUR + 59 * MINUTE, '3d 4h'],
    [3 * DAY + 30 * MINUTE, '3d'],
    [5 * HOUR + 10 * MINUTE + 59_000, '5h 10m'],
    [5 * HOUR, '5h'],
    [DAY - 1, '23h 59m'],
    [42 * MINUTE, '42m'],
    [MINUTE, '1m'],
    [59_999, '<1m'],
    [1, '<1m'],
    [0, 'now'],
    [-5 * MINUTE, 'now'],
    [Number.NaN, 'now'],
  ])('shows %d ms as "%s"', (ms, text) => {
    expect(formatCountdown(ms)).toBe(text);
  });
});
