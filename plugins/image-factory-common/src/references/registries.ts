/**
 * The canonical host of Docker Hub in normalized references.
 *
 * @public
 */
export const DOCKER_HUB_REGISTRY = 'docker.io';

/** The namespace of Docker Hub's official images (`node` is `library/node`). */
export const DOCKER_HUB_OFFICIAL_NAMESPACE = 'library';

// Other names of Docker Hub: the legacy index and the registry endpoint itself.
const DOCKER_HUB_ALIASES = new Set([
  DOCKER_HUB_REGISTRY,
  'index.docker.io',
  'registry-1.docker.io',
]);

// Well-known registries serving public images to anonymous clients.
const PUBLIC_REGISTRIES = new Set([
  ...DOCKER_HUB_ALIASES,
  'ghcr.io',
  'quay.io',
  'gcr.io',
  'registry.k8s.io',
  'public.ecr.aws',
  'mcr.microsoft.com',
]);

/**
 * Maps the other names of Docker Hub (`index.docker.io`, `registry-1.docker.io`)
 * to `docker.io`; other hosts are returned as written. Like Docker, the match is
 * exact: hosts are not lowercased.
 *
 * @public
 */
export function normalizeRegistry(host: string): string {
  return DOCKER_HUB_ALIASES.has(host) ? DOCKER_HUB_REGISTRY : host;
}

/**
 * A registry host as configuration and requests compare it: lower case,
 * without the default HTTPS port, Docker Hub's other names as `docker.io`.
 *
 * @public
 */
export function normalizeRegistryHost(host: string): string {
  return normalizeRegistry(host.trim().toLowerCase().replace(/:443$/, ''));
}

/**
 * Whether a registry host is a well-known public registry: Docker Hub (any of its
 * names), `ghcr.io`, `quay.io`, `gcr.io` and its regional mirrors (`*.gcr.io`),
 * `registry.k8s.io`, `public.ecr.aws` and `mcr.microsoft.com`. Case-insensitive;
 * a host with a port is never public.
 *
 * @remarks
 * Artifact Registry hosts (`*-docker.pkg.dev`) are not public: each repository
 * there belongs to one Google Cloud project and is private unless that project
 * opens it, so they are treated like any company registry.
 *
 * @public
 */
export function isPublicRegistry(host: string): boolean {
  const lower = host.toLowerCase();
  return PUBLIC_REGISTRIES.has(lower) || /^[a-z0-9-]+\.gcr\.io$/.test(lower);
}
