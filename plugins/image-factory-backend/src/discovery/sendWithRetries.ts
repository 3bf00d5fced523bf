import { LoggerService } from '@backstage/backend-plugin-api';
import { isError, isErrorWithName } from '@backstage/errors';
import { parseRetryAfter } from './parseRetryAfter';
import { readLimitedBody } from './readLimitedBody';
import { RegistryError } from './RegistryError';

/**
 * How hard to try one registry request.
 *
 * @public
 */
export interface RegistryRetryOptions {
  /** Tries per request, the first included. Default 3. */
  attempts?: number;
  /** Wait before the second try after a 5xx, timeout or network failure; doubles each time. Default 500 ms. */
  baseDelayMs?: number;
  /**
   * Longest `Retry-After` (on 429) worth waiting for inside one run; a longer one
   * fails the lookup at once and the next scheduled run tries again. Default 60 s.
   */
  maxRetryAfterMs?: number;
  /** Time limit for one try, from sending the request to the end of its body. Default 30 s. */
  timeoutMs?: number;
}

/** A registry answer with its body read in full (manifests and tokens are small). */
export interface RegistryResponse {
  status: number;
  headers: Headers;
  body: Uint8Array;
  /** The URL that answered. */
  url: string;
}

/** Who is asking, for log lines and error messages (never credentials). */
export interface RequestContext {
  registry: string;
  repository?: string;
  /** What is fetched, e.g. `manifest library/node:22`. */
  what: string;
  logger: LoggerService;
}

/** Manifests are at most 4 MiB by the OCI distribution spec; nothing we read is larger. */
const MAX_BODY_BYTES = 4 * 1024 * 1024;

/**
 * Sends one request with bounded retries: 429 waits for `Retry-After` (when it is
 * short enough), 5xx, timeouts and network failures back off exponentially. The
 * last answer is returned whatever its status, for the caller to judge; running
 * out of tries on timeouts or network failures throws a {@link RegistryError}.
 */
export async function sendWithRetries(
  fetchFn: typeof fetch,
  url: string,
  init: RequestInit,
  options: Required<RegistryRetryOptions>,
  context: RequestContext,
): Promise<RegistryResponse> {
  const { registry, repository, what, logger } = context;
  for (let attempt = 1; ; attempt++) {
    const last = attempt >= options.attempts;
    const backoff = options.baseDelayMs * 2 ** (attempt - 1);
    let response: RegistryResponse;
    try {
      const answer = await fetchFn(url, {
        ...init,
        redirect: 'manual',
        signal: AbortSignal.timeout(options.timeoutMs),
      });
      response = {
        status: answer.status,
        headers: answer.headers,
        body: await readLimitedBody(answer, MAX_BODY_BYTES),
        url,
      };
    } catch (error) {
      const reason = describeFailure(error, options.timeoutMs);
      // An oversized answer will not shrink on a second try.
      if (last || error instanceof RangeError) {
        throw new RegistryError({
          message: `registry ${registry} ${reason} for ${what} (${attempt} attempt${
            attempt > 1 ? 's' : ''
          })`,
          registry,
          repository,
        });
      }
      logger.debug(
        `Retrying ${what} on ${registry}: ${reason} (attempt ${attempt} of ${options.attempts})`,
      );
      await sleep(backoff);
      continue;
    }
    if (response.status === 429 && !last) {
      const wait =
        parseRetryAfter(response.headers.get('retry-after')) ?? backoff;
      if (wait > options.maxRetryAfterMs) {
        return response;
      }
      logger.info(
        `Registry ${registry} rate-limited ${what}; retrying in ${wait} ms`,
      );
      await sleep(wait);
      continue;
    }
    if (response.status >= 500 && !last) {
      logger.debug(
        `Retrying ${what} on ${registry} after HTTP ${response.status} (attempt ${attempt} of ${options.attempts})`,
      );
      await sleep(backoff);
      continue;
    }
    return response;
  }
}

function describeFailure(error: unknown, timeoutMs: number): string {
  // Errors from fetch may come from another realm (undici's), so no instanceof.
  if (isErrorWithName(error, 'TimeoutError')) {
    return `did not answer within ${timeoutMs} ms`;
  }
  if (error instanceof RangeError) {
    return `sent an oversized answer (${error.message})`;
  }
  // undici reports "fetch failed" with the socket error (ECONNREFUSED, ENOTFOUND) as cause.
  const cause = isError(error)
    ? (error as { cause?: { code?: unknown } }).cause
    : undefined;
  const code = typeof cause?.code === 'string' ? cause.code : undefined;
  return `could not be reached${code ? ` (${code})` : ''}`;
}

function sleep(ms: number): Promise<void> {
  return new Promise(resolve => setTimeout(resolve, ms));
}
