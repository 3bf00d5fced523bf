import { InputError } from '@backstage/errors';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Whether an id can be a row id. PostgreSQL rejects a malformed value for a
 * `uuid` column with an error, so a malformed id is answered as not found first.
 */
export function isUuid(id: string): boolean {
  return UUID.test(id);
}

/**
 * Checks a paging or limit value.
 *
 * @throws InputError when it is not an integer in the range
 */
export function checkInteger(
  name: string,
  value: number,
  min: number,
  max: number,
): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new InputError(`${name} must be an integer from ${min} to ${max}`);
  }
}
