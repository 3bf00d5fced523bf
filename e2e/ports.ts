/** The local OCI registry of the browser tests (see app-config.e2e.yaml). */
export const REGISTRY = '127.0.0.1:5055';

/** Port of the local GitHub stand-in. */
export const GITHUB_PORT = 7077;
