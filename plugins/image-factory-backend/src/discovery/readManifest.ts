import { createHash } from 'node:crypto';
import { MANIFEST_MEDIA_TYPES } from './selectPlatformDigests';
import { RegistryResponse } from './sendWithRetries';

/** The `sha256:…` digest of a manifest body, as the registry computes it. */
export function sha256Digest(body: Uint8Array): string {
  return `sha256:${createHash('sha256').update(body).digest('hex')}`;
}

/** The media type a registry declared for its answer, without parameters. */
export function contentType(response: RegistryResponse): string | undefined {
  return (
    response.headers.get('content-type')?.split(';')[0].trim() || undefined
  );
}

/**
 * Parses a manifest or image index body, rejecting anything that is not JSON with
 * `schemaVersion: 2` (HTML error pages, truncated answers) through `fail`.
 */
export function parseManifest(
  response: RegistryResponse,
  fail: (message: string) => Error,
): unknown {
  let body: unknown;
  try {
    body = JSON.parse(Buffer.from(response.body).toString('utf8'));
  } catch {
    throw fail('the registry sent a manifest that is not JSON');
  }
  if (
    typeof body !== 'object' ||
    body === null ||
    (body as { schemaVersion?: unknown }).schemaVersion !== 2
  ) {
    throw fail(
      'the registry sent something that is not an image manifest (no schemaVersion 2)',
    );
  }
  return body;
}

/** The media type of a parsed manifest: its own `mediaType`, else what its shape and headers say. */
export function manifestMediaType(
  response: RegistryResponse,
  body: unknown,
): string | undefined {
  const declared = (body as { mediaType?: unknown }).mediaType;
  if (typeof declared === 'string') {
    return declared;
  }
  // OCI indexes may omit mediaType; a manifests list gives them away.
  return Array.isArray((body as { manifests?: unknown }).manifests)
    ? MANIFEST_MEDIA_TYPES.ociIndex
    : contentType(response);
}
