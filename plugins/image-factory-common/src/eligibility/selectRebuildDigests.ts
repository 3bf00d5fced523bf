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
 * The digests a rebuild builds on: per base image the eligible digest, or the
 * built one when nothing newer has aged (never a younger digest); with
 * `bypassDelay`, the newest digest. Base images with none of these are left
 * out: there is nothing to pin.
 *
 * @public
 */
export function selectRebuildDigests(
  baseImages: readonly BaseImageEligibility[],
  options: SelectRebuildDigestsOptions = {},
): RebuildBaseDigest[] {
  return baseImages.flatMap(
    ({ ref, eligibleDigest, builtDigest, latestDigest }) => {
      const digest = options.bypassDelay
        ? latestDigest ?? builtDigest
        : eligibleDigest ?? builtDigest;
      return digest === null ? [] : [{ ref, digest }];
    },
  );
}
