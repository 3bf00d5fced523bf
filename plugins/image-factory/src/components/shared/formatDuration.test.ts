import { formatAge, formatDuration } from './formatDuration';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describe('formatDuration', () => {
  it('shows the two largest units', () => {
    expect(formatDuration(3 * DAY + 4 * HOUR + 59 * MINUTE)).toBe('3d 4h');
    expect(formatDuration(5 * HOUR + 12 * MINUTE + 30_000)).toBe('5h 12m');
    expect(formatDuration(7 * MINUTE)).toBe('7m');
  });

  it('drops a zero second unit', () => {
    expect(formatDuration(2 * DAY + 10 * MINUTE)).toBe('2d');
    expect(formatDuration(HOUR)).toBe('1h');
  });

  it('rounds down so a countdown never promises an earlier moment', () => {
    expect(formatDuration(DAY - 1)).toBe('23h 59m');
  });

  it('says less than a minute for short and negative spans', () => {
    expect(formatDuration(59_999)).toBe('less than a minute');
    expect(formatDuration(-5 * MINUTE)).toBe('less than a minute');
  });
});

describe('formatAge', () => {
  const now = Date.parse('2025-03-10T12:00:00Z');

  it('says how long ago a time was', () => {
    expect(formatAge('2025-03-08T08:00:00Z', now)).toBe('2d 4h ago');
    expect(formatAge('2025-03-10T11:59:30Z', now)).toBe('just now');
  });

  it('does not invent an age for an unreadable time', () => {
    expect(formatAge('not a time', now)).toBe('at an unknown time');
  });
});
