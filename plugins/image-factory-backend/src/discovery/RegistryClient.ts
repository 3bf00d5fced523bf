import { LoggerService } from '@backstage/backend-plugin-api';
import { isError } from '@backstage/errors';
import { createHash } from 'node:crypto';
import { mapWithConcurrency } from './mapWithConcurrency';
import { RegistryError } from './RegistryError';
import { RegistryPolicy } from './RegistryPolicy';
import { RegistryTransport } from './RegistryTransport';
import {
  isImageIndex,
  MANIFEST_MEDIA_TYPES,
  selectPlatformDigests,
} from './selectPlatformDigests';
import { RegistryResponse, RegistryRetryOptions } from './sendWithRetries';
import { DiscoveryTarget } from './types';

const ACCEPT = Object.values(MANIFEST_MEDIA_TYPES);
const DIGEST_PATTERN = /^sha256:[a-f0-9]{64}$/;

/**
 * One digest lookup.
 *
 * @public
 */
export interface ResolveDigestRequest extends DiscoveryTarget {
  /** Platforms whose manifest digests to report when the tag is an image index, e.g. `linux/amd64`. */
  platforms?: readonly string[];
  /**
   * What the last lookup returned. When the tag still points at `digest` and
   * `platformDigests` covers every requested platform, the index body is not
   * fetched and these platform digests are returned as they are.
   */
  previous?: { digest: string; platformDigests?: Record<string, string> };
}

/**
 * The digest behind a tag.
 *
 * @public
 */
export interface ResolvedDigest {
  /** Digest of the manifest or image index the tag points at. */
  digest: string;
  /** Its media type, e.g. `application/vnd.oci.image.index.v1+json`. */
  mediaType: string;
  /**
   * Per requested platform, the digest of its manifest inside the image index.
   * Empty for a single-platform manifest or when no platforms were requested.
   */
  platformDigests: Record<string, string>;
  /** True when the digest equals `previous.digest` and the previous platform digests were reused. */
  unchanged: boolean;
}

/**
 * The outcome of one lookup in {@link RegistryClient.resolveMany}.
 *
 * @public
 */
export type ResolveOutcome =
  | ({ ok: true; request: ResolveDigestRequest } & ResolvedDigest)
  | { ok: false; request: ResolveDigestRequest; error: Error };

/**
 * Resolves image tags to digests over the OCI distribution API, within what the
 * {@link RegistryPolicy} allows.
 *
 * @public
 */
export class RegistryClient {
  readonly #policy: RegistryPolicy;
  readonly #transport: RegistryTransport;

  /**
   * Creates a client. `fetch` defaults to the global one; `retry` bounds tries,
   * backoff, `Retry-After` waits and the per-try timeout (see {@link RegistryRetryOptions}).
   */
  static create(options: {
    policy: RegistryPolicy;
    logger: LoggerService;
    fetch?: typeof fetch;
    retry?: RegistryRetryOptions;
  }): RegistryClient {
    return new RegistryClient(options.policy, new RegistryTransport({
      policy: options.policy,
      logger: options.logger,
      fetch: options.fetch ?? globalThis.fetch,
      retry: {
        attempts: Math.max(1, options.retry?.attempts ?? 3),
        baseDelayMs: options.retry?.baseDelayMs ?? 500,
        maxRetryAfterMs: options.retry?.maxRetryAfterMs ?? 60_000,
        timeoutMs: options.retry?.timeoutMs ?? 30_000,
      },
    }));
  }

  private constructor(policy: RegistryPolicy, transport: RegistryTransport) {
    this.#policy = policy;
    this.#transport = transport;
  }

  /**
   * Resolves the digest behind a tag: `HEAD` the manifest, and `GET` it only when
   * the registry sends no `Docker-Content-Digest` or when the platform digests of
   * a changed image index are needed.
   *
   * @throws NotAllowedError when the registry host is not allowed (nothing is sent).
   * @throws RegistryError for HTTP errors, unreadable answers and network failures.
   */
  async resolveDigest(request: ResolveDigestRequest): Promise<ResolvedDigest> {
    const endpoint = this.#policy.endpointFor(request.registry);
    const { repository, tag } = request;
    const fail = (message: string, status?: number) =>
      new RegistryError({
        message: `${endpoint.registry}/${repository}:${tag}: ${message}`,
        registry: endpoint.registry,
        repository,
        status,
      });
    const manifest = async (method: 'GET' | 'HEAD', reference: string) => {
      const response = await this.#transport.send(endpoint, {
        method,
        path: `/v2/${repository}/manifests/${reference}`,
        accept: ACCEPT,
        repository,
        what: `manifest ${repository}:${tag}`,
      });
      if (response.status !== 200) {
        throw fail(describeStatus(response, endpoint.credentials !== undefined), response.status);
      }
      return response;
    };

    const head = await manifest('HEAD', tag);
    let digest = head.headers.get('docker-content-digest') ?? undefined;
    let mediaType = contentType(head);
    let body: unknown;
    if (digest === undefined) {
      const got = await manifest('GET', tag);
      digest = `sha256:${createHash('sha256').update(got.body).digest('hex')}`;
      body = parseManifest(got, fail);
      mediaType = manifestMediaType(got, body);
    } else if (!DIGEST_PATTERN.test(digest)) {
      throw fail(`the registry sent an unreadable digest "${digest.slice(0, 80)}"`);
    }

    const platforms = request.platforms ?? [];
    // Without a Content-Type on the HEAD answer, only the body tells whether this is an index.
    if (platforms.length === 0 || (body === undefined && mediaType !== undefined && !isImageIndex(mediaType))) {
      return { digest, mediaType: mediaType ?? '', platformDigests: {}, unchanged: digest === request.previous?.digest };
    }
    const previous = request.previous;
    if (
      body === undefined &&
      previous?.digest === digest &&
      platforms.every(platform => previous.platformDigests?.[platform] !== undefined)
    ) {
      return {
        digest,
        mediaType: mediaType ?? '',
        platformDigests: pick(previous.platformDigests ?? {}, platforms),
        unchanged: true,
      };
    }
    if (body === undefined) {
      // Fetch by digest, not by tag: the tag may move between the two requests.
      const got = await manifest('GET', digest);
      const actual = `sha256:${createHash('sha256').update(got.body).digest('hex')}`;
      if (actual !== digest) {
        throw fail(`the manifest body does not match its digest ${digest}`);
      }
      body = parseManifest(got, fail);
      mediaType = manifestMediaType(got, body);
    }
    if (!isImageIndex(mediaType)) {
      return { digest, mediaType: mediaType ?? '', platformDigests: {}, unchanged: digest === previous?.digest };
    }
    try {
      return {
        digest,
        mediaType: mediaType ?? '',
        platformDigests: selectPlatformDigests(body, platforms),
        unchanged: digest === previous?.digest,
      };
    } catch (error) {
      throw fail(`unreadable image index (${(error as Error).message})`);
    }
  }

  /**
   * Resolves many tags, at most `concurrency` (default 4) at a time. Every request
   * gets an outcome, in the order given; one failure never stops the others.
   */
  async resolveMany(
    requests: readonly ResolveDigestRequest[],
    options: { concurrency?: number } = {},
  ): Promise<ResolveOutcome[]> {
    return mapWithConcurrency(requests, options.concurrency ?? 4, async request => {
      try {
        return { ok: true as const, request, ...(await this.resolveDigest(request)) };
      } catch (error) {
        return { ok: false as const, request, error: toError(error) };
      }
    });
  }
}

function describeStatus(response: RegistryResponse, hasCredentials: boolean): string {
  const codes = registryErrorCodes(response.body);
  const suffix = codes.length ? ` ${codes.join(', ')}` : '';
  switch (response.status) {
    case 401:
      return `the registry refused access (HTTP 401${suffix})${hasCredentials ? '' : '; no credentials are configured for it'}`;
    case 403:
      return `the registry denied access (HTTP 403${suffix})`;
    case 404:
      return `no such tag or repository (HTTP 404${suffix})`;
    case 429: {
      const after = response.headers.get('retry-after');
      return `rate limited by the registry (HTTP 429${suffix})${after ? `; retry after ${after.slice(0, 40)}` : ''}`;
    }
    default:
      return `the registry answered HTTP ${response.status}${suffix}`;
  }
}

/**
 * The registry's own error codes (`MANIFEST_UNKNOWN`, `DENIED`), which are safe to
 * show; messages are left out because a server may echo what it was sent.
 */
function registryErrorCodes(body: Uint8Array): string[] {
  try {
    const parsed = JSON.parse(Buffer.from(body).toString('utf8')) as { errors?: Array<{ code?: unknown }> };
    return (parsed.errors ?? [])
      .map(error => error?.code)
      .filter((code): code is string => typeof code === 'string' && /^[A-Z_]{1,40}$/.test(code))
      .slice(0, 3);
  } catch {
    return [];
  }
}

function contentType(response: RegistryResponse): string | undefined {
  return response.headers.get('content-type')?.split(';')[0].trim() || undefined;
}

function parseManifest(response: RegistryResponse, fail: (message: string) => Error): unknown {
  let body: unknown;
  try {
    body = JSON.parse(Buffer.from(response.body).toString('utf8'));
  } catch {
    throw fail('the registry sent a manifest that is not JSON');
  }
  if (typeof body !== 'object' || body === null || (body as { schemaVersion?: unknown }).schemaVersion !== 2) {
    throw fail('the registry sent something that is not an image manifest (no schemaVersion 2)');
  }
  return body;
}

function manifestMediaType(response: RegistryResponse, body: unknown): string | undefined {
  const declared = (body as { mediaType?: unknown }).mediaType;
  if (typeof declared === 'string') {
    return declared;
  }
  // OCI indexes may omit mediaType; a manifests list gives them away.
  return Array.isArray((body as { manifests?: unknown }).manifests)
    ? MANIFEST_MEDIA_TYPES.ociIndex
    : contentType(response);
}

function pick(record: Record<string, string>, keys: readonly string[]): Record<string, string> {
  return Object.fromEntries(keys.filter(key => key in record).map(key => [key, record[key]]));
}

function toError(error: unknown): Error {
  return isError(error) ? (error as Error) : new Error(String(error));
}
