import { RegistryError } from './RegistryError';
import {
  RegistryRetryOptions,
  RequestContext,
  sendWithRetries,
} from './sendWithRetries';

/** A bearer token and when to stop using it. */
export interface RegistryToken {
  token: string;
  expiresAt: number;
}

/** The token spec's default lifetime when the answer names none. */
const DEFAULT_TOKEN_SECONDS = 60;
/** Stop using a token a little early, so it does not expire in flight. */
const EXPIRY_MARGIN_MS = 10_000;

/**
 * Asks a token realm for a pull token, as the distribution token spec describes:
 * `GET <realm>?service=…&scope=…`, with basic credentials when the caller has
 * decided they may go to this realm. Redirects from a realm are not followed.
 */
export async function fetchRegistryToken(options: {
  fetchFn: typeof fetch;
  realm: URL;
  service?: string;
  scope: string;
  basicAuth?: string;
  retry: Required<RegistryRetryOptions>;
  context: RequestContext;
  now: number;
}): Promise<RegistryToken> {
  const { realm, service, scope, basicAuth, context } = options;
  const url = new URL(realm);
  if (service) {
    url.searchParams.set('service', service);
  }
  url.searchParams.set('scope', scope);
  const headers: Record<string, string> = { accept: 'application/json' };
  if (basicAuth) {
    headers.authorization = `Basic ${basicAuth}`;
  }
  const response = await sendWithRetries(
    options.fetchFn,
    url.toString(),
    { method: 'GET', headers },
    options.retry,
    { ...context, what: `a token for ${scope} from ${realm.host}` },
  );
  const fail = (problem: string, status?: number) =>
    new RegistryError({
      message: `registry ${context.registry}: token service ${realm.host} ${problem} for ${scope}`,
      registry: context.registry,
      repository: context.repository,
      status,
    });
  if (response.status !== 200) {
    throw fail(`answered HTTP ${response.status}`, response.status);
  }
  let answer: unknown;
  try {
    answer = JSON.parse(Buffer.from(response.body).toString('utf8'));
  } catch {
    throw fail('sent an answer that is not JSON');
  }
  const {
    token,
    access_token: accessToken,
    expires_in: expiresIn,
    issued_at: issuedAt,
  } = (answer ?? {}) as Record<string, unknown>;
  const value = typeof token === 'string' && token ? token : accessToken;
  if (typeof value !== 'string' || !value) {
    throw fail('sent no token');
  }
  const seconds =
    typeof expiresIn === 'number' && expiresIn > 0
      ? expiresIn
      : DEFAULT_TOKEN_SECONDS;
  const issued = typeof issuedAt === 'string' ? Date.parse(issuedAt) : NaN;
  // Trust the issue time only when it is near our clock; a skewed server must not
  // make every token look expired (or eternal).
  const start =
    Number.isFinite(issued) && Math.abs(issued - options.now) < 5 * 60_000
      ? issued
      : options.now;
  return {
    token: value,
    expiresAt: start + Math.max(0, seconds * 1000 - EXPIRY_MARGIN_MS),
  };
}
