import { Config, readDurationFromConfig } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { durationToMilliseconds } from '@backstage/types';
import { parseDuration } from '@image-factory/backstage-plugin-image-factory-common';

/** Bounds of a duration key, checked after it is read. */
export interface DurationBounds {
  /** Longest allowed, in milliseconds, and how the error says so. */
  max?: { ms: number; text: string };
  /** Whether 0 is refused (a timeout that would expire at once). */
  positive?: boolean;
}

/**
 * Reads the duration at `key` of `config` in milliseconds, or `undefined` when
 * it is not set. Accepted are the plugin's own syntax (`30m`, `1d12h`, `0`),
 * and what `readDurationFromConfig` reads: `ms`-style text (`2 hours`), ISO
 * 8601 (`PT30M`) and an object (`{ minutes: 30 }`). Any text both read, they
 * read alike; the plugin's syntax is tried first so `1d12h` and `0`, which
 * `ms` refuses, keep working.
 *
 * @param name - the full key, as errors name it (`imageFactory.rebuilds.runTimeout`).
 * @throws InputError naming `name` for anything else, or a value out of `bounds`.
 */
export function readConfigDuration(
  config: Config | undefined,
  key: string,
  name: string,
  bounds: DurationBounds = {},
): number | undefined {
  const value = config?.getOptional(key);
  if (config === undefined || value === undefined) {
    return undefined;
  }
  const shown =
    typeof value === 'string' ? `"${value}"` : JSON.stringify(value);
  const ms = readMilliseconds(config, key, value, name);
  if (!Number.isSafeInteger(ms)) {
    throw new InputError(`Invalid ${name}: ${shown} is too long a duration`);
  }
  if (ms < 0) {
    throw new InputError(`Invalid ${name}: ${shown} is negative`);
  }
  if (bounds.positive && ms === 0) {
    throw new InputError(`Invalid ${name}: ${shown} must be longer than 0`);
  }
  if (bounds.max && ms > bounds.max.ms) {
    throw new InputError(
      `Invalid ${name}: ${shown} is too long: at most ${bounds.max.text}`,
    );
  }
  return ms;
}

function readMilliseconds(
  config: Config,
  key: string,
  value: unknown,
  name: string,
): number {
  if (typeof value === 'string') {
    try {
      return parseDuration(value);
    } catch {
      // Not the plugin's syntax: perhaps `ms`'s or ISO 8601.
    }
  }
  try {
    return Math.round(
      durationToMilliseconds(readDurationFromConfig(config, { key })),
    );
  } catch (error) {
    if (typeof value === 'number') {
      throw new InputError(
        `Invalid ${name}: ${value} has no unit: use a duration such as 30m, PT30M or { minutes: 30 }`,
      );
    }
    if (typeof value === 'string') {
      throw new InputError(
        `Invalid ${name}: "${value}" is not a duration: use a number with a unit such as 30m, 36h or 1d12h, an ISO 8601 duration such as PT30M, or an object such as { minutes: 30 }`,
      );
    }
    // Its message names the key relative to the section read; `name` says it whole.
    const reason = String((error as Error).message ?? error).replace(
      /^Failed to read duration from config(?: at '[^']*')?, (?:\w*Error: )?/,
      '',
    );
    throw new InputError(`Invalid ${name}: ${reason}`);
  }
}
