import { InputError } from '@backstage/errors';

/** What the drivers return for a timestamp column: `Date` from pg, text from SQLite. */
export type DbTimestamp = Date | string | number | null | undefined;

/**
 * Normalizes a timestamp to the ISO-8601 UTC form stored on every engine. On
 * SQLite that text is what sorts and compares, so every value must have it.
 *
 * @throws InputError when the value is not a timestamp
 */
export function toDbTimestamp(value: string | Date, field: string): string {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) {
    throw new InputError(`${field} is not a valid timestamp: ${String(value)}`);
  }
  return date.toISOString();
}

/** Same as {@link toDbTimestamp} for an optional value; absent becomes null. */
export function toNullableDbTimestamp(
  value: string | undefined,
  field: string,
): string | null {
  return value === undefined ? null : toDbTimestamp(value, field);
}

/** Reads a timestamp column back as ISO-8601 UTC text. */
export function fromDbTimestamp(value: DbTimestamp): string | undefined {
  if (value === null || value === undefined) {
    return undefined;
  }
  return new Date(value).toISOString();
}

/** Serializes a JSON document for a text column. */
export function toDbJson(value: unknown): string {
  return JSON.stringify(value ?? null);
}

/** Parses a JSON text column; null stays absent. */
export function fromDbJson<T>(value: string | null | undefined): T | undefined {
  if (value === null || value === undefined) {
    return undefined;
  }
  return JSON.parse(value) as T;
}

/** Reads an optional text column. */
export function fromDbText(
  value: string | null | undefined,
): string | undefined {
  return value === null || value === undefined ? undefined : value;
}

/** Reads a count, which pg returns as text. */
export function fromDbCount(value: string | number | undefined): number {
  return Number(value ?? 0);
}
