import { DispatchLimiter } from './DispatchLimiter';
import { manualClock } from '../__testUtils__/manualClock';

describe('DispatchLimiter', () => {
  it('lets the limit through at once and holds the next until the oldest leaves the window', async () => {
    const clock = manualClock(0);
    const limiter = new DispatchLimiter({
      limit: 3,
      intervalMs: 60_000,
      clock,
    });
    const starts: number[] = [];
    for (let i = 0; i < 3; i++) {
      await limiter.acquire();
      starts.push(clock.now());
      clock.advance(10_000);
    }
    await limiter.acquire();
    starts.push(clock.now());
    expect(starts).toEqual([0, 10_000, 20_000, 60_000]);
    expect(clock.sleeps).toEqual([30_000]);
  });

  it('refuses a limit below one', () => {
    expect(() => new DispatchLimiter({ limit: 0, intervalMs: 60_000 })).toThrow(
      RangeError,
    );
  });
});
