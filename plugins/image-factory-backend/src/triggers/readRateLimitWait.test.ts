import { readRateLimitWait } from './readRateLimitWait';

const NOW = Date.UTC(2025, 4, 1, 12, 0, 0);
const nowSeconds = Math.floor(NOW / 1000);

describe('readRateLimitWait', () => {
  it.each([
    ['retry-after in seconds', 403, { 'retry-after': '30' }, '', 30_000],
    [
      'retry-after as an HTTP date',
      429,
      { 'retry-after': new Date(NOW + 5_000).toUTCString() },
      '',
      5_000,
    ],
    [
      'a used-up GitHub limit until its reset',
      403,
      {
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset': String(nowSeconds + 90),
      },
      'API rate limit exceeded',
      90_000,
    ],
    [
      'a used-up GitLab limit until its reset',
      429,
      {
        'ratelimit-remaining': '0',
        'ratelimit-reset': String(nowSeconds + 12),
      },
      '',
      12_000,
    ],
    [
      'a reset already past as no wait',
      403,
      {
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset': String(nowSeconds - 5),
      },
      '',
      0,
    ],
    [
      'a secondary limit without headers as a minute',
      403,
      {},
      'You have exceeded a secondary rate limit.',
      60_000,
    ],
    ['a bare 429 as a minute', 429, {}, 'Too Many Requests', 60_000],
  ])('reads %s', (_, status, headers, message, wait) => {
    expect(readRateLimitWait(status, headers, message, NOW)).toBe(wait);
  });

  it.each([
    [
      'a 403 without rate-limit signs (a permission problem)',
      403,
      {},
      'Resource not accessible by integration',
    ],
    [
      'a limit with requests left',
      403,
      {
        'x-ratelimit-remaining': '12',
        'x-ratelimit-reset': String(nowSeconds + 90),
      },
      'Forbidden',
    ],
    [
      'a 500 even with retry-after',
      500,
      { 'retry-after': '3' },
      'Server Error',
    ],
  ])('does not wait for %s', (_, status, headers, message) => {
    expect(readRateLimitWait(status, headers, message, NOW)).toBeUndefined();
  });
});
