import type { BaseImageEligibility } from './types';

/**
 * A base image and the digest a rebuild pins it to.
 *
 * @public
 */
export interface RebuildBaseDigest {
  ref: string;
  digest: string;
}

/**
 * Options of {@link selectRebuildDigests}.
 *
 * @public
 */
export interface SelectRebuildDigestsOptions {
  /**
   * An emergency rebuild bypasses the delay and takes the newest digest of
   * every base image.
   */
  bypassDelay?: boolean;
}

/**
 * A base image as {@link selectRebuildDigests} reads it: the digests
 * eligibility decided on. A status document written before platforms were
 * tracked has no `latestRelevantDigest`; its `latestDigest` stands in.
 *
 * @public
 */
export type RebuildDigestInput = Omit<
  BaseImageEligibility,
  'latestRelevantDigest' | 'platformNote'
> &
  Partial<Pick<BaseImageEligibility, 'latestRelevantDigest'>>;

/**
 * The digests a rebuild builds on: per base image the eligible digest, or the
 * built one when nothing newer has aged (never a younger digest); with
 * `bypassDelay`, the newest digest that matters to the image's platforms.
 * Base images with none of these are left out: there is nothing to pin.
 *
 * Which digest is chosen is decided on the platform manifests (an index moved
 * only for linux/arm64 is never chosen for a linux/amd64 image, see
 * `updateMatters`), but what is pinned is always the image index digest the
 * tag pointed at, never a platform manifest's: the Dockerfile's FROM gets the
 * index, so that the build still picks the manifest of each platform it builds
 * (a pinned linux/amd64 manifest would break a linux/arm64 or multi-platform
 * build), and the pinned digest is one the registry serves behind the tag.
 *
 * @public
 */
export function selectRebuildDigests(
  baseImages: readonly RebuildDigestInput[],
  options: SelectRebuildDigestsOptions = {},
): RebuildBaseDigest[] {
  return baseImages.flatMap(
    ({
      ref,
      eligibleDigest,
      builtDigest,
      latestDigest,
      latestRelevantDigest,
    }) => {
      const newest = latestRelevantDigest ?? latestDigest;
      const digest = options.bypassDelay
        ? newest ?? builtDigest
        : eligibleDigest ?? builtDigest;
      return digest === null ? [] : [{ ref, digest }];
    },
  );
}
