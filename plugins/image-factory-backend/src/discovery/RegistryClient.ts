import { LoggerService } from '@backstage/backend-plugin-api';
import { InputError, isError } from '@backstage/errors';
import { mapWithConcurrency } from './mapWithConcurrency';
import { RegistryError } from './RegistryError';
import { RegistryEndpoint, RegistryPolicy } from './RegistryPolicy';
import { RegistryTransport, TransportRequest } from './RegistryTransport';
import {
  isImageIndex,
  MANIFEST_MEDIA_TYPES,
  selectPlatformDigests,
} from './selectPlatformDigests';
import { parseRetryAfter } from './parseRetryAfter';
import { RegistryResponse, RegistryRetryOptions } from './sendWithRetries';
import { describeRegistryStatus } from './describeRegistryStatus';
import {
  contentType,
  manifestMediaType,
  parseManifest,
  sha256Digest,
} from './readManifest';
import { DiscoveryTarget } from './types';

const ACCEPT = Object.values(MANIFEST_MEDIA_TYPES);
// A 429 without a readable Retry-After: wait this long before asking again.
const DEFAULT_RATE_LIMIT_WAIT_MS = 10 * 60_000;
const DIGEST_PATTERN = /^sha256:[a-f0-9]{64}$/;
// The distribution spec's grammar for repository names and tags; anything else
// could reshape the request path.
const REPOSITORY_PATTERN =
  /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/;
const TAG_PATTERN = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;

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
/**
 * Registry lookups in flight at once on one host. Most are a `HEAD` answered
 * in one round trip, so a run waits on latency: 8 at a time check 2,500 tags
 * on a host 100 ms away in about half a minute, well below what public
 * registries allow.
 */
export const LOOKUPS_PER_HOST = 8;

// What each kind of read is called in messages, and the media types it accepts.
const READS = {
  manifests: { what: 'manifest', accept: ACCEPT },
  blobs: { what: 'blob', accept: ['*/*'] },
  referrers: { what: 'referrers of', accept: [MANIFEST_MEDIA_TYPES.ociIndex] },
};

interface OpenTarget {
  endpoint: RegistryEndpoint;
  fail: (message: string, status?: number, retryAt?: string) => RegistryError;
}

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
    return new RegistryClient(
      options.policy,
      new RegistryTransport({
        policy: options.policy,
        logger: options.logger,
        fetch: options.fetch ?? globalThis.fetch,
        retry: {
          attempts: Math.max(1, options.retry?.attempts ?? 3),
          baseDelayMs: options.retry?.baseDelayMs ?? 500,
          maxRetryAfterMs: options.retry?.maxRetryAfterMs ?? 60_000,
          timeoutMs: options.retry?.timeoutMs ?? 30_000,
        },
      }),
    );
  }

  // A registry that answered 429, until when: every repository on it waits,
  // for the rest of this run and for later runs of this process. The pipeline
  // persists the wait too (see `discoverFreight`), so a restart honours it.
  readonly #holds = new Map<string, { until: number; reason: string }>();

  private hold(
    registry: string,
    response: RegistryResponse,
    fail: (message: string, status?: number, retryAt?: string) => RegistryError,
  ): RegistryError {
    const wait =
      parseRetryAfter(response.headers.get('retry-after')) ??
      DEFAULT_RATE_LIMIT_WAIT_MS;
    const until = Date.now() + wait;
    const retryAt = new Date(until).toISOString();
    const reason = `${describeRegistryStatus(
      response,
      false,
    )}; not asked again before ${retryAt}`;
    this.#holds.set(registry, { until, reason });
    return fail(reason, 429, retryAt);
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
   * @throws InputError for a malformed repository or tag (nothing is sent).
   * @throws NotAllowedError when the registry host is not allowed (nothing is sent).
   * @throws RegistryError for HTTP errors, unreadable answers and network failures.
   */
  async resolveDigest(request: ResolveDigestRequest): Promise<ResolvedDigest> {
    const { repository, tag } = request;
    if (!REPOSITORY_PATTERN.test(repository) || !TAG_PATTERN.test(tag)) {
      throw new InputError(
        `"${repository.slice(0, 256)}:${tag.slice(
          0,
          128,
        )}" is not a valid repository and tag`,
      );
    }
    const target = this.#open(request.registry, repository, `:${tag}`);
    const { fail } = target;
    const manifest = async (method: 'GET' | 'HEAD', reference: string) =>
      (await this.#send(target, {
        method,
        path: `/v2/${repository}/manifests/${reference}`,
        accept: ACCEPT,
        repository,
        what: `manifest ${repository}:${tag}`,
      }))!;

    const head = await manifest('HEAD', tag);
    let digest = head.headers.get('docker-content-digest') ?? undefined;
    let mediaType = contentType(head);
    let body: unknown;
    if (digest === undefined) {
      const got = await manifest('GET', tag);
      digest = sha256Digest(got.body);
      body = parseManifest(got, fail);
      mediaType = manifestMediaType(got, body);
    } else if (!DIGEST_PATTERN.test(digest)) {
      throw fail(
        `the registry sent an unreadable digest "${digest.slice(0, 80)}"`,
      );
    }

    const platforms = request.platforms ?? [];
    // Without a Content-Type on the HEAD answer, only the body tells whether this is an index.
    if (
      platforms.length === 0 ||
      (body === undefined &&
        mediaType !== undefined &&
        !isImageIndex(mediaType))
    ) {
      return {
        digest,
        mediaType: mediaType ?? '',
        platformDigests: {},
        unchanged: digest === request.previous?.digest,
      };
    }
    const previous = request.previous;
    if (
      body === undefined &&
      previous?.digest === digest &&
      platforms.every(
        platform => previous.platformDigests?.[platform] !== undefined,
      )
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
      if (sha256Digest(got.body) !== digest) {
        throw fail(`the manifest body does not match its digest ${digest}`);
      }
      body = parseManifest(got, fail);
      mediaType = manifestMediaType(got, body);
    }
    if (!isImageIndex(mediaType)) {
      return {
        digest,
        mediaType: mediaType ?? '',
        platformDigests: {},
        unchanged: digest === previous?.digest,
      };
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
   * Whether the registry still serves a manifest by digest: a `HEAD`, false
   * for 404 (a publisher deleted it). Within the same allow-list, credentials
   * and rate-limit holds as {@link RegistryClient.resolveDigest}.
   *
   * @throws RegistryError for other HTTP errors and network failures.
   */
  async hasManifest(request: {
    registry: string;
    repository: string;
    digest: string;
  }): Promise<boolean> {
    const { registry, repository, digest } = request;
    if (!REPOSITORY_PATTERN.test(repository) || !DIGEST_PATTERN.test(digest)) {
      throw new InputError(
        `"${repository.slice(0, 256)}@${digest.slice(
          0,
          128,
        )}" is not a valid repository and digest`,
      );
    }
    const target = this.#open(registry, repository, `@${digest}`);
    const response = await this.#send(
      target,
      {
        method: 'HEAD',
        path: `/v2/${repository}/manifests/${digest}`,
        accept: ACCEPT,
        repository,
        what: `manifest ${repository}@${digest}`,
      },
      { missingIsNull: true },
    );
    return response !== null;
  }

  /**
   * Reads a manifest by tag or digest, as JSON, for the artifacts stored next
   * to an image (cosign's `sha256-….sig` tags); null when the registry has
   * none (404). Within the same allow-list, credentials and rate-limit holds
   * as {@link RegistryClient.resolveDigest}.
   *
   * @throws RegistryError for other HTTP errors, unreadable answers and network failures.
   */
  async readManifest(request: {
    registry: string;
    repository: string;
    reference: string;
  }): Promise<{ digest: string; manifest: unknown } | null> {
    const { registry, repository, reference } = request;
    const read = await this.#read(registry, repository, 'manifests', reference);
    if (read === null) {
      return null;
    }
    return {
      digest: sha256Digest(read.response.body),
      manifest: parseManifest(read.response, read.fail),
    };
  }

  /**
   * Reads a blob by digest and checks it against the digest; null when the
   * registry has none (404).
   *
   * @throws RegistryError for other HTTP errors, a body that does not match the digest and network failures.
   */
  async readBlob(request: {
    registry: string;
    repository: string;
    digest: string;
  }): Promise<Uint8Array | null> {
    const { registry, repository, digest } = request;
    const read = await this.#read(registry, repository, 'blobs', digest);
    if (read !== null && sha256Digest(read.response.body) !== digest) {
      throw read.fail('the blob does not match its digest');
    }
    return read?.response.body ?? null;
  }

  /**
   * Lists the manifests that refer to a digest through the OCI referrers API
   * (`GET /v2/<repository>/referrers/<digest>`), those of `artifactType` only;
   * null when the registry does not offer the API or knows none (404).
   *
   * @throws RegistryError for other HTTP errors, unreadable answers and network failures.
   */
  async readReferrers(request: {
    registry: string;
    repository: string;
    digest: string;
    artifactType: string;
  }): Promise<string[] | null> {
    const { registry, repository, digest, artifactType } = request;
    const read = await this.#read(
      registry,
      repository,
      'referrers',
      digest,
      `?artifactType=${encodeURIComponent(artifactType)}`,
    );
    if (read === null) {
      return null;
    }
    const index = parseManifest(read.response, read.fail) as {
      manifests?: unknown;
    };
    if (!Array.isArray(index.manifests)) {
      throw read.fail('the registry sent an image index without manifests');
    }
    // A registry may ignore the filter, so it is applied here too.
    return index.manifests.flatMap(entry => {
      const { digest: referrer, artifactType: type } = (entry ?? {}) as {
        digest?: unknown;
        artifactType?: unknown;
      };
      return typeof referrer === 'string' &&
        DIGEST_PATTERN.test(referrer) &&
        type === artifactType
        ? [referrer]
        : [];
    });
  }

  // A GET of a repository's manifest, blob or referrers, with how its errors
  // read: null for 404.
  async #read(
    registry: string,
    repository: string,
    kind: 'manifests' | 'blobs' | 'referrers',
    reference: string,
    query = '',
  ): Promise<{ response: RegistryResponse; fail: OpenTarget['fail'] } | null> {
    // Only a manifest is read by tag; blobs and referrers by digest.
    const byTag = kind === 'manifests' && !DIGEST_PATTERN.test(reference);
    if (
      !REPOSITORY_PATTERN.test(repository) ||
      !(byTag ? TAG_PATTERN : DIGEST_PATTERN).test(reference)
    ) {
      throw new InputError(
        `"${repository.slice(0, 256)}" and "${reference.slice(
          0,
          128,
        )}" are not a valid repository and reference`,
      );
    }
    const named = `${byTag ? ':' : '@'}${reference}`;
    const { what, accept } = READS[kind];
    const target = this.#open(registry, repository, named);
    const response = await this.#send(
      target,
      {
        method: 'GET',
        path: `/v2/${repository}/${kind}/${reference}${query}`,
        accept,
        repository,
        what: `${what} ${repository}${named}`,
      },
      { missingIsNull: true },
    );
    return response && { response, fail: target.fail };
  }

  // The endpoint of a request and how its errors read, once the registry is
  // known to be allowed and not held after a 429.
  #open(registry: string, repository: string, named: string): OpenTarget {
    const endpoint = this.#policy.endpointFor(registry);
    const fail = (message: string, status?: number, retryAt?: string) =>
      new RegistryError({
        message: `${endpoint.registry}/${repository}${named}: ${message}`,
        registry: endpoint.registry,
        repository,
        status,
        retryAt,
      });
    const held = this.#holds.get(endpoint.registry);
    if (held && held.until > Date.now()) {
      throw fail(held.reason, 429, new Date(held.until).toISOString());
    }
    return { endpoint, fail };
  }

  // Sends a request: a 429 holds the host, any answer but 200 fails (404 is
  // null when it only means "none").
  async #send(
    { endpoint, fail }: OpenTarget,
    request: TransportRequest,
    options: { missingIsNull?: boolean } = {},
  ): Promise<RegistryResponse | null> {
    const response = await this.#transport.send(endpoint, request);
    if (response.status === 404 && options.missingIsNull) {
      return null;
    }
    if (response.status === 429) {
      throw this.hold(endpoint.registry, response, fail);
    }
    if (response.status !== 200) {
      throw fail(
        describeRegistryStatus(response, endpoint.credentials !== undefined),
        response.status,
      );
    }
    return response;
  }

  /**
   * Resolves many tags, at most `concurrency` (default
   * {@link LOOKUPS_PER_HOST}) at a time on each registry host. Every request gets an outcome, in the order given; one
   * failure never stops the others.
   */
  async resolveMany(
    requests: readonly ResolveDigestRequest[],
    options: { concurrency?: number } = {},
  ): Promise<ResolveOutcome[]> {
    // A limit per host, not one over all: a fleet's base images live on many
    // registries, and a slow or rate-limited one must not hold up the others,
    // while none sees more than `concurrency` lookups at once.
    const byHost = new Map<string, number[]>();
    requests.forEach((request, index) => {
      const host = byHost.get(request.registry);
      if (host) host.push(index);
      else byHost.set(request.registry, [index]);
    });
    const outcomes = new Array<ResolveOutcome>(requests.length);
    await Promise.all(
      [...byHost.values()].map(indices =>
        mapWithConcurrency(
          indices,
          options.concurrency ?? LOOKUPS_PER_HOST,
          async index => {
            outcomes[index] = await this.#resolveOutcome(requests[index]);
          },
        ),
      ),
    );
    return outcomes;
  }

  async #resolveOutcome(
    request: ResolveDigestRequest,
  ): Promise<ResolveOutcome> {
    try {
      return { ok: true, request, ...(await this.resolveDigest(request)) };
    } catch (error) {
      return { ok: false, request, error: toError(error) };
    }
  }
}

function pick(
  record: Record<string, string>,
  keys: readonly string[],
): Record<string, string> {
  return Object.fromEntries(
    keys.filter(key => key in record).map(key => [key, record[key]]),
  );
}

function toError(error: unknown): Error {
  return isError(error) ? (error as Error) : new Error(String(error));
}
