/**
 * Backstage's standard error body, as written by the backend's error handler.
 *
 * @public
 */
export interface ImageFactoryErrorBody {
  error: {
    name: string;
    message: string;
    /** Own properties of the thrown error are serialized here too. */
    [key: string]: unknown;
  };
  request?: { method: string; url: string };
  response: { statusCode: number };
}

/**
 * The 409 answer to a rebuild asked for before the image is eligible. The
 * standard error handler serializes the error's own `eligibleAt` property into
 * `error`; a handler that writes the body itself puts it at the top level.
 *
 * @public
 */
export interface EarlyRebuildErrorBody extends ImageFactoryErrorBody {
  error: ImageFactoryErrorBody['error'] & { eligibleAt?: string };
  /** ISO 8601 time the image becomes eligible. */
  eligibleAt?: string;
}
