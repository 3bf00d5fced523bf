import { CustomErrorBase } from '@backstage/errors';
import type { RebuildProvider } from '@image-factory/backstage-plugin-image-factory-common';

/**
 * A rebuild trigger or follow-up that the CI provider refused or that could
 * not reach it. The message carries the HTTP status and the provider's own
 * message, scrubbed of credentials; there is deliberately no `cause`, since
 * the underlying request objects carry authorization headers.
 *
 * @public
 */
export class TriggerError extends CustomErrorBase {
  /** HTTP status of the provider's answer; undefined when there was none. */
  readonly status: number | undefined;
  readonly provider: RebuildProvider;
  /**
   * True when the provider may have acted on the request though no answer
   * said so: it answered 5xx, or the connection failed or timed out after the
   * request was sent. False for a refusal (4xx) and for anything that failed
   * before a request was sent. Of a trigger: the run may exist.
   */
  readonly outcomeUnknown: boolean;

  constructor(options: {
    provider: RebuildProvider;
    status?: number;
    message: string;
    outcomeUnknown?: boolean;
  }) {
    super(options.message);
    this.name = 'TriggerError';
    this.status = options.status;
    this.provider = options.provider;
    this.outcomeUnknown = options.outcomeUnknown ?? false;
  }
}

// Failures of the connection itself: no byte of the request reached anyone.
const NOT_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
]);

/**
 * Whether a request that got no answer may still have reached the provider:
 * true unless the error (or one of its causes) says the connection was never
 * made. A timeout or a connection lost mid-way may have come after the
 * provider acted.
 */
export function mayHaveBeenSent(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && NOT_SENT_CODES.has(code)) {
      return false;
    }
    current = (current as { cause?: unknown }).cause;
  }
  return true;
}

/**
 * The same failure, known to have started nothing: for the calls a trigger
 * makes before it sends the request that starts a run.
 */
export function startedNothing(error: unknown): unknown {
  return error instanceof TriggerError && error.outcomeUnknown
    ? new TriggerError({
        provider: error.provider,
        status: error.status,
        message: error.message,
      })
    : error;
}
