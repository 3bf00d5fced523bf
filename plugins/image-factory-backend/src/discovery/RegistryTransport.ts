import { LoggerService } from '@backstage/backend-plugin-api';
import { fetchRegistryToken, RegistryToken } from './fetchRegistryToken';
import { AuthChallenge, parseAuthChallenge } from './parseAuthChallenge';
import { RegistryError } from './RegistryError';
import { RegistryEndpoint, RegistryPolicy } from './RegistryPolicy';
import {
  RegistryResponse,
  RegistryRetryOptions,
  RequestContext,
  sendWithRetries,
} from './sendWithRetries';

const MAX_REDIRECTS = 5;

/** One registry API request. */
export interface TransportRequest {
  method: 'GET' | 'HEAD';
  /** Path below the API root, e.g. `/v2/library/node/manifests/22`. */
  path: string;
  accept: string[];
  repository: string;
  /** What is fetched, for messages: `manifest library/node:22`. */
  what: string;
}

/**
 * Speaks HTTP to registries on behalf of the policy: authentication (configured
 * basic or bearer credentials, and the anonymous or credentialed token flow that
 * Docker Hub and GHCR require), redirects, and retries.
 *
 * The rules that keep secrets in place: configured credentials are sent only to
 * the endpoint's API host and to token realms the policy allows for it; a token is
 * sent only to the host that asked for it; a redirect is followed only to a host
 * the policy allows, never to plain HTTP from HTTPS, and never with credentials
 * unless it stays on the same host. Nothing secret is logged.
 */
export class RegistryTransport {
  readonly #policy: RegistryPolicy;
  readonly #logger: LoggerService;
  readonly #fetch: typeof fetch;
  readonly #retry: Required<RegistryRetryOptions>;
  /** Tokens by `<host>|<scope>`; a pending promise lets concurrent lookups share one token request. */
  readonly #tokens = new Map<string, Promise<RegistryToken>>();
  /** Hosts that answered a Basic challenge, so later requests send basic credentials at once. */
  readonly #basicHosts = new Set<string>();

  constructor(options: {
    policy: RegistryPolicy;
    logger: LoggerService;
    fetch: typeof fetch;
    retry: Required<RegistryRetryOptions>;
  }) {
    this.#policy = options.policy;
    this.#logger = options.logger;
    this.#fetch = options.fetch;
    this.#retry = options.retry;
  }

  /** Sends a request, following allowed redirects, and returns the final answer. */
  async send(
    endpoint: RegistryEndpoint,
    request: TransportRequest,
  ): Promise<RegistryResponse> {
    const context: RequestContext = {
      registry: endpoint.registry,
      repository: request.repository,
      what: request.what,
      logger: this.#logger,
    };
    let url = new URL(`${endpoint.baseUrl}${request.path}`);
    for (let hop = 0; ; hop++) {
      const response = await this.#sendAuthenticated(
        endpoint,
        url,
        request,
        context,
      );
      const location = response.headers.get('location');
      if (response.status < 300 || response.status >= 400 || !location) {
        return response;
      }
      let next: URL;
      try {
        next = new URL(location, url);
      } catch {
        throw new RegistryError({
          message: `registry ${endpoint.registry} redirected ${request.what} to an unreadable location`,
          registry: endpoint.registry,
          repository: request.repository,
          status: response.status,
        });
      }
      const refuse = (why: string) =>
        new RegistryError({
          message: `registry ${endpoint.registry} redirected ${request.what} to ${next.host}, ${why}`,
          registry: endpoint.registry,
          repository: request.repository,
          status: response.status,
        });
      if (hop >= MAX_REDIRECTS) {
        throw refuse(`more than ${MAX_REDIRECTS} redirects`);
      }
      if (
        next.protocol !== 'https:' &&
        (next.protocol !== 'http:' || url.protocol === 'https:')
      ) {
        throw refuse(`which downgrades or leaves HTTP(S) (${next.protocol})`);
      }
      if (!this.#policy.mayRedirectTo(endpoint, next.host)) {
        throw refuse('which is not an allowed registry host');
      }
      url = next;
    }
  }

  async #sendAuthenticated(
    endpoint: RegistryEndpoint,
    url: URL,
    request: TransportRequest,
    context: RequestContext,
  ): Promise<RegistryResponse> {
    // Credentials belong to the API host; anywhere else gets at most a token that
    // host asked for itself.
    const ownHost = url.host === endpoint.apiHost;
    const scopeKey = `${url.host}|repository:${request.repository}:pull`;
    const tokenUsed = this.#tokens.get(scopeKey);
    let authorization = await this.#initialAuthorization(
      endpoint,
      url,
      scopeKey,
      ownHost,
    );
    const response = await this.#sendOnce(url, request, authorization, context);
    if (response.status !== 401) {
      return response;
    }
    const challenge = parseAuthChallenge(
      response.headers.get('www-authenticate'),
    );
    const staticToken = ownHost && endpoint.credentials?.type === 'bearer';
    if (challenge?.scheme === 'bearer' && !staticToken) {
      // Another lookup may have fetched a fresh token while this one was refused.
      const current = this.#tokens.get(scopeKey);
      const token = await (current && current !== tokenUsed
        ? current
        : this.#token(
            endpoint,
            challenge,
            request,
            scopeKey,
            ownHost,
            context,
          ));
      authorization = `Bearer ${token.token}`;
    } else if (
      challenge?.scheme === 'basic' &&
      ownHost &&
      endpoint.credentials?.type === 'basic' &&
      !this.#basicHosts.has(url.host)
    ) {
      this.#basicHosts.add(url.host);
      authorization = basicAuthorization(endpoint);
    } else {
      return response;
    }
    return this.#sendOnce(url, request, authorization, context);
  }

  async #initialAuthorization(
    endpoint: RegistryEndpoint,
    url: URL,
    scopeKey: string,
    ownHost: boolean,
  ): Promise<string | undefined> {
    const cached = this.#tokens.get(scopeKey);
    if (cached) {
      const token = await cached.catch(() => undefined);
      if (token && token.expiresAt > Date.now()) {
        return `Bearer ${token.token}`;
      }
      if (this.#tokens.get(scopeKey) === cached) {
        this.#tokens.delete(scopeKey);
      }
    }
    if (!ownHost || !endpoint.credentials) {
      return undefined;
    }
    if (endpoint.credentials.type === 'bearer') {
      return `Bearer ${endpoint.credentials.token}`;
    }
    return this.#basicHosts.has(url.host)
      ? basicAuthorization(endpoint)
      : undefined;
  }

  #token(
    endpoint: RegistryEndpoint,
    challenge: AuthChallenge,
    request: TransportRequest,
    scopeKey: string,
    ownHost: boolean,
    context: RequestContext,
  ): Promise<RegistryToken> {
    const refuse = (why: string) =>
      new RegistryError({
        message: `registry ${endpoint.registry} asked for a token from ${why}`,
        registry: endpoint.registry,
        repository: request.repository,
        status: 401,
      });
    let realm: URL;
    try {
      realm = new URL(challenge.params.realm ?? '');
    } catch {
      return Promise.reject(refuse('an unreadable realm'));
    }
    if (
      realm.protocol !== 'https:' &&
      !(realm.protocol === 'http:' && endpoint.baseUrl.startsWith('http:'))
    ) {
      return Promise.reject(
        refuse(`${realm.host} over ${realm.protocol} from an HTTPS registry`),
      );
    }
    if (!this.#policy.mayIssueTokens(endpoint, realm.host)) {
      return Promise.reject(
        refuse(`${realm.host}, which is not an allowed token host`),
      );
    }
    const pending = fetchRegistryToken({
      fetchFn: this.#fetch,
      realm,
      service: challenge.params.service,
      scope: challenge.params.scope ?? `repository:${request.repository}:pull`,
      basicAuth:
        ownHost && endpoint.credentials?.type === 'basic'
          ? basicCredentials(endpoint)
          : undefined,
      retry: this.#retry,
      context,
      now: Date.now(),
    });
    this.#tokens.set(scopeKey, pending);
    pending.catch(() => {
      if (this.#tokens.get(scopeKey) === pending) {
        this.#tokens.delete(scopeKey);
      }
    });
    return pending;
  }

  #sendOnce(
    url: URL,
    request: TransportRequest,
    authorization: string | undefined,
    context: RequestContext,
  ): Promise<RegistryResponse> {
    const headers: Record<string, string> = {
      accept: request.accept.join(', '),
      'user-agent': 'backstage-plugin-image-factory',
    };
    if (authorization) {
      headers.authorization = authorization;
    }
    return sendWithRetries(
      this.#fetch,
      url.toString(),
      { method: request.method, headers },
      this.#retry,
      context,
    );
  }
}

function basicCredentials(endpoint: RegistryEndpoint): string | undefined {
  const credentials = endpoint.credentials;
  return credentials?.type === 'basic'
    ? Buffer.from(`${credentials.username}:${credentials.password}`).toString(
        'base64',
      )
    : undefined;
}

function basicAuthorization(endpoint: RegistryEndpoint): string {
  return `Basic ${basicCredentials(endpoint)}`;
}
