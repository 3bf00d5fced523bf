import {
  BaseImageFacts,
  DigestFacts,
  formatInstant,
  judgeRebuildImage,
  RebuildVerification,
  unverifiableRebuild,
} from '@image-factory/backstage-plugin-image-factory-common';
import { RebuildRecord } from '../database';
import { ImageReader, readBuiltImage, readDigestFacts } from './readImageFacts';

/**
 * Checks, once a rebuild's run succeeded, that the image it pushed to
 * `image:tag` is built on the digests the rebuild asked for (see
 * `judgeRebuildImage` for the methods). An image the registry cannot show,
 * or one built before the rebuild was sent, is `unverifiable` with the
 * reason: the check never fails a rebuild for want of an answer.
 */
export async function verifyRebuild(options: {
  registry: ImageReader;
  rebuild: RebuildRecord;
  /** The managed image's repository. */
  image: string;
  tag: string;
  platforms: readonly string[];
  /** Per base image reference, the digest the image was built on before. */
  builtDigests: ReadonlyMap<string, string | null>;
  now: Date;
}): Promise<RebuildVerification> {
  const { registry, rebuild, image, tag, platforms, now } = options;
  const refs = Object.keys(rebuild.baseDigests).map(ref => ({ ref }));
  const checkedAt = now.toISOString();
  const unverifiable = (detail: string, read: string | null = null) =>
    unverifiableRebuild({ bases: refs, checkedAt, image: read, detail });

  let built;
  try {
    built = await readBuiltImage(registry, image, tag, platforms);
  } catch (error) {
    return unverifiable(
      `${image}:${tag} could not be read: ${(error as Error).message}`,
    );
  }
  if (!built) {
    return unverifiable(
      `Nothing is tagged ${image}:${tag}; image-factory.io/image-tag names the tag the workflow pushes.`,
    );
  }
  const sentAt = rebuild.dispatchedAt ?? rebuild.requestedAt;
  if (built.createdAt && built.createdAt < sentAt) {
    return unverifiable(
      `${built.image} was built at ${formatInstant(
        Date.parse(built.createdAt),
      )}, before the rebuild was sent: the run pushed no new image to ${tag}.`,
      built.image,
    );
  }
  if (built.platforms.length === 0) {
    return unverifiable(
      `${built.image} has none of the platforms ${platforms.join(', ')}.`,
      built.image,
    );
  }

  const bases: BaseImageFacts[] = [];
  for (const [ref, asked] of Object.entries(rebuild.baseDigests)) {
    const before = options.builtDigests.get(ref) ?? null;
    bases.push({
      ref,
      asked: (await readOrNull(registry, ref, asked, platforms)) ?? {
        digest: asked,
        digests: [asked],
        layers: {},
      },
      before:
        before && before !== asked
          ? await readOrNull(registry, ref, before, platforms)
          : null,
    });
  }
  return judgeRebuildImage({
    image: built.image,
    platforms: built.platforms,
    bases,
    checkedAt,
  });
}

// A base image digest that cannot be read leaves the annotations and the
// provenance to decide; only its layers are missing.
async function readOrNull(
  registry: ImageReader,
  ref: string,
  digest: string,
  platforms: readonly string[],
): Promise<DigestFacts | null> {
  try {
    return await readDigestFacts(registry, ref, digest, platforms);
  } catch {
    return null;
  }
}
