/**
 * A digest of a base image as {@link updateMatters} reads it: the digest the
 * tag points at (for a multi-platform image, the image index) and, for an
 * index, the manifest digest of each platform inside it.
 *
 * @public
 */
export interface PlatformDigestRecord {
  digest: string;
  /** Per platform (`linux/amd64`), the image manifest digest inside the index. */
  platformDigests?: Record<string, string>;
}

/**
 * Whether a base image moving from `previous` to `update` changes what an image
 * built for `platforms` is built from. The one rule that eligibility, staleness,
 * the digests of a rebuild and the status page's platform note all follow, so
 * that an upstream index re-published for a platform the image does not build
 * (linux/arm64 for a linux/amd64 image) never looks like news to it.
 *
 * - The same digest never matters.
 * - Without `platforms`, or without anything to compare with (`previous`
 *   unknown), every new digest matters: the index digest decides, as it did
 *   before platforms were tracked.
 * - Otherwise the update matters unless every platform in `platforms` has a
 *   manifest digest on both sides and it is the same on both. Platform
 *   digests missing on either side (a single-platform image, state recorded
 *   before platform digests were, a platform the index lacks) make the update
 *   matter: when in doubt, rebuild.
 *
 * @public
 */
export function updateMatters(
  update: PlatformDigestRecord,
  previous: PlatformDigestRecord | undefined,
  platforms: readonly string[] | undefined,
): boolean {
  if (previous === undefined) {
    return true;
  }
  if (update.digest === previous.digest) {
    return false;
  }
  if (!platforms || platforms.length === 0) {
    return true;
  }
  return platforms.some(platform => {
    const now = update.platformDigests?.[platform];
    const before = previous.platformDigests?.[platform];
    return now === undefined || before === undefined || now !== before;
  });
}
