import { CustomErrorBase } from '@backstage/errors';

/**
 * A registry lookup failed: an HTTP error status, an unreadable answer, a refused
 * redirect or token realm, or a network failure after the retries ran out.
 *
 * The message names the registry, the repository and what went wrong; it never
 * carries credentials, tokens or response bodies (a hostile server could echo a
 * secret back), only the registry's own error codes such as `MANIFEST_UNKNOWN`.
 *
 * @public
 */
export class RegistryError extends CustomErrorBase {
  /** The HTTP status the registry answered with, when the failure was one. */
  readonly status?: number;
  /** The registry host as referenced, e.g. `docker.io`. */
  readonly registry: string;
  /** The repository, e.g. `library/node`. */
  readonly repository?: string;
  /** After a 429: when the registry may be asked again (ISO 8601). */
  readonly retryAt?: string;

  constructor(options: {
    message: string;
    registry: string;
    repository?: string;
    status?: number;
    retryAt?: string;
    cause?: unknown;
  }) {
    super(options.message, options.cause);
    this.name = 'RegistryError';
    this.status = options.status;
    this.registry = options.registry;
    this.repository = options.repository;
    this.retryAt = options.retryAt;
  }
}
