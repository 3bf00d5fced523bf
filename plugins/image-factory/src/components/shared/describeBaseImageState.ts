import { ImageBaseImage } from '@internal/plugin-image-factory-common';

/** Where one base image of a managed image stands. */
export type BaseImageState =
  | 'up-to-date'
  | 'eligible'
  | 'pending'
  | 'unknown'
  | 'error';

/**
 * Compares the digest the image was built on with the newest and the newest
 * aged-past-the-delay freight of one base image.
 */
export function describeBaseImageState(
  baseImage: Pick<
    ImageBaseImage,
    'builtDigest' | 'latestDigest' | 'eligibleDigest' | 'error'
  >,
): { state: BaseImageState; label: string } {
  const { builtDigest, latestDigest, eligibleDigest, error } = baseImage;
  if (error) {
    return { state: 'error', label: 'Discovery failed' };
  }
  if (!latestDigest || !builtDigest) {
    return { state: 'unknown', label: 'No freight yet' };
  }
  if (builtDigest === latestDigest) {
    return { state: 'up-to-date', label: 'Up to date' };
  }
  if (eligibleDigest && eligibleDigest !== builtDigest) {
    return { state: 'eligible', label: 'Update eligible' };
  }
  return { state: 'pending', label: 'Update pending' };
}
