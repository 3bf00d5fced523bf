import type { ImageBaseImage } from '../api';

/**
 * The digest a rebuild pins instead of `digest` when the registry no longer
 * has it (a publisher deleted it): the newest older digest of the base image
 * that is not `gone` either and may be built on (verified, where signatures
 * are required), down to the digest the image is built on; undefined when
 * none is left. Any digest older than an eligible one has aged too, so the
 * delay holds.
 *
 * @public
 */
export function nextDigestBefore(
  baseImage: Pick<ImageBaseImage, 'builtDigest' | 'updates' | 'signatureMode'>,
  digest: string,
  gone: ReadonlySet<string>,
): string | undefined {
  const { updates, builtDigest, signatureMode } = baseImage;
  // Newest first, as the API lists them; a digest seen twice counts where it
  // was seen last.
  const from = updates.findIndex(update => update.digest === digest);
  if (from === -1) return undefined;
  for (const update of updates.slice(from + 1)) {
    const usable =
      !gone.has(update.digest) &&
      (signatureMode !== 'require' ||
        update.digest === builtDigest ||
        update.signature?.state === 'verified');
    if (usable) return update.digest;
    if (update.digest === builtDigest) return undefined;
  }
  return undefined;
}
