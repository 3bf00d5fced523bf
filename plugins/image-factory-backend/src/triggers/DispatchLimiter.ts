import { systemClock, TriggerClock } from './types';

/**
 * Caps how many runs are started per interval. GitHub asks integrations to
 * stay under 80 content-creating requests a minute (its secondary rate
 * limit); a sliding window keeps bursts of eligible images below that.
 */
export class DispatchLimiter {
  readonly #limit: number;
  readonly #intervalMs: number;
  readonly #clock: TriggerClock;
  readonly #starts: number[] = [];

  constructor(options: {
    limit: number;
    intervalMs: number;
    clock?: TriggerClock;
  }) {
    if (!(options.limit >= 1) || !(options.intervalMs > 0)) {
      throw new RangeError(
        'A dispatch limit needs a limit of at least 1 and a positive interval',
      );
    }
    this.#limit = Math.floor(options.limit);
    this.#intervalMs = options.intervalMs;
    this.#clock = options.clock ?? systemClock;
  }

  /** Resolves when one more dispatch fits in the window, and counts it. */
  async acquire(): Promise<void> {
    for (;;) {
      const now = this.#clock.now();
      while (
        this.#starts.length > 0 &&
        this.#starts[0] <= now - this.#intervalMs
      ) {
        this.#starts.shift();
      }
      if (this.#starts.length < this.#limit) {
        this.#starts.push(now);
        return;
      }
      await this.#clock.sleep(this.#starts[0] + this.#intervalMs - now);
    }
  }
}
