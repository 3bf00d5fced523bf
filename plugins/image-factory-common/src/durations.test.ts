import fc from 'fast-check';
import {
  DurationError,
  formatDuration,
  MAX_POLICY_DURATION_MS,
  parseDuration,
  parsePolicyDuration,
} from './durations';

describe('parseDuration', () => {
  it.each([
    ['7d', 7 * 86_400_000],
    ['36h', 36 * 3_600_000],
    ['90m', 90 * 60_000],
    ['45s', 45_000],
    ['0', 0],
    ['1d12h', 36 * 3_600_000],
    ['1h30m15s', 5_415_000],
    ['250ms', 250],
    [' 7d ', 7 * 86_400_000],
  ])('reads %j as %d ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each([
    '',
    'one week',
    '7',
    '7 d',
    '12h1d',
    '1d1d',
    '-5m',
    '1.5h',
    '7D',
    'd',
  ])('rejects %j with a message that shows how to write a duration', text => {
    expect(() => parseDuration(text)).toThrow(DurationError);
    expect(() => parseDuration(text)).toThrow(/such as 7d, 36h/);
  });
});

describe('formatDuration', () => {
  it('writes the shortest spelling', () => {
    expect(formatDuration(7 * 86_400_000)).toBe('7d');
    expect(formatDuration(36 * 3_600_000)).toBe('1d12h');
    expect(formatDuration(90 * 60_000)).toBe('1h30m');
    expect(formatDuration(0)).toBe('0');
    expect(formatDuration(1_500)).toBe('1s500ms');
  });

  it('rejects negative and fractional milliseconds', () => {
    expect(() => formatDuration(-1)).toThrow(RangeError);
    expect(() => formatDuration(0.5)).toThrow(RangeError);
  });

  it('reads back every duration it writes', () => {
    fc.assert(
      fc.property(fc.nat({ max: 1_000 * 86_400_000 }), ms => {
        expect(parseDuration(formatDuration(ms))).toBe(ms);
      }),
    );
  });
});

describe('parsePolicyDuration', () => {
  it('reads a delay of up to 365 days', () => {
    expect(parsePolicyDuration('365d')).toBe(MAX_POLICY_DURATION_MS);
    expect(parsePolicyDuration('7d')).toBe(7 * 86_400_000);
  });

  it.each(['365d1ms', '366d', '99999999d'])(
    'refuses %j as longer than a year, naming the limit',
    text => {
      expect(() => parsePolicyDuration(text)).toThrow(DurationError);
      expect(() => parsePolicyDuration(text)).toThrow(/at most 365d/);
    },
  );
});
