import {
  parsePlatform,
  Platform,
} from '@image-factory/backstage-plugin-image-factory-common';
/** The manifest media types the registry client accepts, image indexes first. */
export const MANIFEST_MEDIA_TYPES = {
  ociIndex: 'application/vnd.oci.image.index.v1+json',
  dockerManifestList:
    'application/vnd.docker.distribution.manifest.list.v2+json',
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
} as const;

/** Whether a media type is a multi-platform image index (OCI index or Docker manifest list). */
export function isImageIndex(mediaType: string | undefined): boolean {
  return (
    mediaType === MANIFEST_MEDIA_TYPES.ociIndex ||
    mediaType === MANIFEST_MEDIA_TYPES.dockerManifestList
  );
}

// arm64 images usually omit their v8 variant and 32-bit arm ones their v7, so an
// absent variant means the default one, as container runtimes treat it.
function normalizedVariant(platform: Platform): string {
  if (platform.variant) {
    return platform.variant;
  }
  if (platform.architecture === 'arm64') {
    return 'v8';
  }
  return platform.architecture === 'arm' ? 'v7' : '';
}

/**
 * Picks the manifest digest of each requested platform from an image index body.
 * Entries without a usable platform (such as BuildKit's attestation manifests,
 * `unknown/unknown`) are ignored; a platform the index does not offer is left out.
 * A request without a variant (`linux/amd64`) prefers an entry without one.
 *
 * @throws TypeError when the body is not an image index.
 */
export function selectPlatformDigests(
  index: unknown,
  platforms: readonly string[],
): Record<string, string> {
  const manifests = (index as { manifests?: unknown } | null)?.manifests;
  if (!Array.isArray(manifests)) {
    throw new TypeError('the image index has no manifests list');
  }
  const entries = manifests.flatMap(entry => {
    const { digest, platform } = (entry ?? {}) as {
      digest?: unknown;
      platform?: Partial<Platform>;
    };
    if (
      typeof digest !== 'string' ||
      typeof platform?.os !== 'string' ||
      typeof platform.architecture !== 'string'
    ) {
      return [];
    }
    const variant =
      typeof platform.variant === 'string'
        ? platform.variant.toLowerCase()
        : undefined;
    return [
      {
        digest,
        platform: {
          os: platform.os.toLowerCase(),
          architecture: platform.architecture.toLowerCase(),
          variant,
        },
      },
    ];
  });
  const result: Record<string, string> = {};
  for (const wanted of platforms) {
    const requested = parsePlatform(wanted);
    const candidates = entries.filter(
      ({ platform }) =>
        platform.os === requested.os &&
        platform.architecture === requested.architecture &&
        (requested.variant === undefined ||
          normalizedVariant(platform) === normalizedVariant(requested)),
    );
    const best =
      candidates.find(
        ({ platform }) =>
          normalizedVariant(platform) === normalizedVariant(requested),
      ) ?? candidates[0];
    if (best) {
      result[wanted] = best.digest;
    }
  }
  return result;
}
