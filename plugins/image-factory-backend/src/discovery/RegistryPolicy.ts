import { NotAllowedError } from '@backstage/errors';
import {
  isPublicRegistry,
  normalizeRegistryHost,
} from '@image-factory/backstage-plugin-image-factory-common';
import type {
  RegistryCredentials,
  RegistryHostSettings,
  RegistrySettings,
} from '../config/readRegistrySettings';
import { hostMatches, publicRegistryHosts } from './publicRegistries';

export type { RegistryCredentials } from '../config/readRegistrySettings';

/** Docker Hub and friends rate-limit anonymous pulls; a day between checks of one tag is plenty. */
const PUBLIC_MIN_INTERVAL_MS = 24 * 60 * 60 * 1000;
/** Our own registries can be asked more often. */
const PRIVATE_MIN_INTERVAL_MS = 60 * 60 * 1000;

/**
 * How to reach one registry, as the policy allows it.
 *
 * @public
 */
export interface RegistryEndpoint {
  /** The registry host as images name it (`docker.io`, `localhost:5000`). */
  registry: string;
  /** The host actually contacted: the API host (`registry-1.docker.io`) or the configured mirror. */
  apiHost: string;
  /** `https://<apiHost>`, or `http://` for an insecure registry. */
  baseUrl: string;
  /** Credentials for `apiHost`; never sent anywhere but `apiHost` and its allowed token realms. */
  credentials?: RegistryCredentials;
  /** Minimum time between two checks of the same tag, in milliseconds. */
  minIntervalMs: number;
  /** Hosts (besides `apiHost` and other allowed registries) whose token realms may be used. */
  authHosts: string[];
  /** Hosts (besides allowed registries) that redirects may lead to; never sent credentials. */
  redirectHosts: string[];
}

/**
 * Decides which registry hosts the backend may contact and how, from
 * `imageFactory.registries` and `imageFactory.allowPublic` as
 * `readImageFactoryConfig` read them.
 *
 * Allowed are the listed hosts, plus the well-known public registries unless
 * `allowPublic` is false. Nothing an annotation says can widen this: asking for
 * any other host is a `NotAllowedError` before a request is made.
 *
 * Minimum interval between checks of one tag: `minInterval` when set, else 24h for
 * public registries (their anonymous rate limits are real) and 1h for others.
 *
 * @public
 */
export class RegistryPolicy {
  readonly #hosts: ReadonlyMap<string, RegistryHostSettings>;
  readonly #allowPublic: boolean;

  /** The policy of the checked settings (`readImageFactoryConfig(...).registries`). */
  static create(settings: RegistrySettings): RegistryPolicy {
    return new RegistryPolicy(
      new Map(
        settings.hosts.map(host => [normalizeRegistryHost(host.host), host]),
      ),
      settings.allowPublic,
    );
  }

  private constructor(
    hosts: ReadonlyMap<string, RegistryHostSettings>,
    allowPublic: boolean,
  ) {
    this.#hosts = hosts;
    this.#allowPublic = allowPublic;
  }

  /** Whether the backend may contact `host` (a registry host as images name it). */
  isAllowed(host: string): boolean {
    const normalized = normalizeRegistryHost(host);
    return (
      this.#hosts.has(normalized) ||
      (this.#allowPublic && isPublicRegistry(normalized))
    );
  }

  /** Minimum time between two checks of one tag on `host`, in milliseconds. */
  minIntervalFor(host: string): number {
    const normalized = normalizeRegistryHost(host);
    return (
      this.#hosts.get(normalized)?.minIntervalMs ??
      (isPublicRegistry(normalized)
        ? PUBLIC_MIN_INTERVAL_MS
        : PRIVATE_MIN_INTERVAL_MS)
    );
  }

  /**
   * How to reach `host`.
   *
   * @throws NotAllowedError when the host is not allowed.
   */
  endpointFor(host: string): RegistryEndpoint {
    const registry = normalizeRegistryHost(host);
    if (!this.isAllowed(registry)) {
      throw new NotAllowedError(
        `registry ${registry} is not in imageFactory.registries${
          isPublicRegistry(registry)
            ? ' (public registries are off: imageFactory.allowPublic is false)'
            : ''
        }`,
      );
    }
    const settings = this.#hosts.get(registry);
    const known = publicRegistryHosts(registry);
    if (settings?.mirror) {
      // A mirror is reached with its own settings: the registry's credentials are
      // meant for the registry and must not travel to the mirror.
      const mirror = this.#hosts.get(settings.mirror);
      return {
        registry,
        apiHost: settings.mirror,
        baseUrl: `${mirror?.insecure ? 'http' : 'https'}://${settings.mirror}`,
        credentials: mirror?.credentials,
        minIntervalMs: this.minIntervalFor(registry),
        authHosts: [],
        redirectHosts: [],
      };
    }
    const apiHost = known.apiHost ?? registry;
    return {
      registry,
      apiHost,
      baseUrl: `${settings?.insecure ? 'http' : 'https'}://${apiHost}`,
      credentials: settings?.credentials,
      minIntervalMs: this.minIntervalFor(registry),
      authHosts: known.authHosts,
      redirectHosts: known.redirectHosts,
    };
  }

  /**
   * Whether `host` may issue tokens for `endpoint`: its own API host, a token host
   * known for that public registry, or any registry host the policy allows (the
   * operator listed it, as GitLab's separate token host needs).
   */
  mayIssueTokens(endpoint: RegistryEndpoint, host: string): boolean {
    const lower = host.toLowerCase();
    return (
      lower === endpoint.apiHost ||
      hostMatches(lower, endpoint.authHosts) ||
      this.#hosts.has(normalizeRegistryHost(lower))
    );
  }

  /** Whether a redirect from `endpoint` may be followed to `host`. */
  mayRedirectTo(endpoint: RegistryEndpoint, host: string): boolean {
    const lower = host.toLowerCase();
    return (
      lower === endpoint.apiHost ||
      hostMatches(lower, endpoint.redirectHosts) ||
      this.isAllowed(lower)
    );
  }
}
