import type { TriggerClock } from '../triggers/types';

// Test support: a clock that only moves when the code under test sleeps, so
// rate-limit waits are instant and their lengths can be asserted exactly.

/** A {@link TriggerClock} whose sleeps advance time at once and are recorded. */
export interface ManualClock extends TriggerClock {
  sleeps: number[];
  advance(ms: number): void;
}

/** Starts at `start` (epoch milliseconds). */
export function manualClock(start: number): ManualClock {
  let now = start;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    sleep: async ms => {
      sleeps.push(ms);
      now += ms;
    },
    advance: ms => {
      now += ms;
    },
  };
}
