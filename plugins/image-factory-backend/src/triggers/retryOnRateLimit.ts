import { HeaderRecord, readRateLimitWait } from './readRateLimitWait';
import type { TriggerClock } from './types';

/** The parts of a failed answer that say whether to wait. */
export interface HttpFailure {
  status: number;
  headers: HeaderRecord;
  message: string;
}

/** Options of {@link retryOnRateLimit}. */
export interface RetryOnRateLimitOptions {
  /** Reads a thrown error as an HTTP answer; undefined for anything else. */
  readFailure(error: unknown): HttpFailure | undefined;
  clock: TriggerClock;
  /** A limit that resets later than this is reported, not waited for. */
  maxWaitMs: number;
  /** Calls in all, the first included. */
  maxAttempts: number;
  /** Told before each wait, to log it. */
  onWait(waitMs: number, failure: HttpFailure): void;
}

/**
 * Runs `call`, and when the answer says a rate limit was hit, waits as long as
 * the answer asks and calls again. Any other failure, a wait longer than
 * `maxWaitMs`, or the last attempt is rethrown as it was.
 */
export async function retryOnRateLimit<T>(
  call: () => Promise<T>,
  options: RetryOnRateLimitOptions,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      const failure = options.readFailure(error);
      const waitMs =
        failure &&
        readRateLimitWait(
          failure.status,
          failure.headers,
          failure.message,
          options.clock.now(),
        );
      if (
        failure === undefined ||
        waitMs === undefined ||
        waitMs > options.maxWaitMs ||
        attempt >= options.maxAttempts
      ) {
        throw error;
      }
      options.onWait(waitMs, failure);
      await options.clock.sleep(waitMs);
    }
  }
}
