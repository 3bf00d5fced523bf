/**
 * What a public registry needs beyond its own host: where its API really lives,
 * which hosts issue its tokens, and where it redirects downloads. Only these extra
 * hosts are ever contacted on its behalf; a host pattern starting with `.` matches
 * any subdomain.
 */
export interface PublicRegistryHosts {
  /** The host the OCI distribution API answers on, when it is not the registry host. */
  apiHost?: string;
  /** Hosts whose token realms may be used (anonymous tokens, or the configured credentials). */
  authHosts: string[];
  /** Hosts downloads may be redirected to; requests there never carry credentials. */
  redirectHosts: string[];
}

/**
 * The public registries this plugin knows how to reach. Docker Hub is the odd one:
 * images are named `docker.io/…` but the API is `registry-1.docker.io`, tokens come
 * from `auth.docker.io` and blobs are served from Cloudflare.
 */
const PUBLIC_REGISTRY_HOSTS: Record<string, PublicRegistryHosts> = {
  'docker.io': {
    apiHost: 'registry-1.docker.io',
    authHosts: ['auth.docker.io'],
    redirectHosts: [
      'production.cloudflare.docker.com',
      '.cloudflare.docker.com',
      '.r2.cloudflarestorage.com',
    ],
  },
  'ghcr.io': {
    authHosts: ['ghcr.io'],
    redirectHosts: ['pkg-containers.githubusercontent.com'],
  },
  'quay.io': {
    authHosts: ['quay.io'],
    redirectHosts: ['.quay.io'],
  },
  'gcr.io': {
    authHosts: ['gcr.io'],
    redirectHosts: ['storage.googleapis.com'],
  },
  'registry.k8s.io': {
    // registry.k8s.io answers every request with a redirect to a regional
    // Artifact Registry, which hands out its own anonymous tokens.
    authHosts: ['registry.k8s.io', '.pkg.dev'],
    redirectHosts: ['.pkg.dev'],
  },
  'mcr.microsoft.com': {
    authHosts: ['mcr.microsoft.com'],
    redirectHosts: ['.data.mcr.microsoft.com'],
  },
  'public.ecr.aws': {
    authHosts: ['public.ecr.aws'],
    redirectHosts: ['.cloudfront.net'],
  },
};

/** The extra hosts of a known public registry; none for any other host. */
export function publicRegistryHosts(host: string): PublicRegistryHosts {
  return (
    PUBLIC_REGISTRY_HOSTS[host] ??
    // Regional Google registries (eu.gcr.io, europe-docker.pkg.dev) follow the same pattern.
    (host.endsWith('.gcr.io') || host.endsWith('.pkg.dev')
      ? { authHosts: [host], redirectHosts: ['storage.googleapis.com'] }
      : { authHosts: [], redirectHosts: [] })
  );
}

/** Whether `host` equals a pattern or, for a pattern starting with `.`, is a subdomain of it. */
export function hostMatches(
  host: string,
  patterns: readonly string[],
): boolean {
  const lower = host.toLowerCase();
  return patterns.some(pattern =>
    pattern.startsWith('.') ? lower.endsWith(pattern) : lower === pattern,
  );
}
