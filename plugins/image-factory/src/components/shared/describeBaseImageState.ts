import { ImageBaseImage } from '@image-factory/backstage-plugin-image-factory-common';

/** Where one base image of a managed image stands. */
export type BaseImageState =
  | 'up-to-date'
  | 'eligible'
  | 'pending'
  | 'unknown'
  | 'error';

/**
 * Compares the digest the image was built on with the newest and the newest
 * aged-past-the-delay freight of one base image. An index that moved only for
 * platforms the image does not build is no update: the newest digest that
 * matters to the image (`latestRelevantDigest`) is what counts.
 */
export function describeBaseImageState(
  baseImage: Pick<
    ImageBaseImage,
    | 'builtDigest'
    | 'latestDigest'
    | 'latestRelevantDigest'
    | 'eligibleDigest'
    | 'error'
  >,
): { state: BaseImageState; label: string } {
  const { builtDigest, eligibleDigest, error } = baseImage;
  const latestDigest = baseImage.latestRelevantDigest ?? baseImage.latestDigest;
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
