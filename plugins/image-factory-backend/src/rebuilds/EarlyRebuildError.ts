import { ConflictError } from '@backstage/errors';

/**
 * A rebuild asked for before the image is eligible: a 409 whose body carries
 * `error.eligibleAt` (the spec's `RebuildConflictErrorBody`), which Backstage's
 * error handler serializes from this own property.
 */
export class EarlyRebuildError extends ConflictError {
  /** When the image becomes eligible; absent when no time is known. */
  readonly eligibleAt?: string;

  constructor(message: string, eligibleAt: string | undefined) {
    super(message);
    if (eligibleAt !== undefined) {
      this.eligibleAt = eligibleAt;
    }
  }
}
