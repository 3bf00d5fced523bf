import { ResponseError } from '@backstage/errors';
import { RebuildConflictErrorBody } from '@image-factory/backstage-plugin-image-factory-common';

/** The message a person should read for a failed request. */
export function describeRequestError(error: Error): string {
  if (ResponseError.is(error)) {
    return error.cause.message || error.message;
  }
  return error.message;
}

/**
 * The time a refused early rebuild becomes possible, when the backend answered
 * 409 with it; undefined for any other error.
 */
export function readEligibleAt(error: Error): string | undefined {
  if (!ResponseError.is(error) || error.statusCode !== 409) {
    return undefined;
  }
  const body = error.body as Partial<RebuildConflictErrorBody>;
  const eligibleAt = body.error?.eligibleAt;
  return typeof eligibleAt === 'string' ? eligibleAt : undefined;
}
