import { parseImageReference } from '../references';
import { sortRecord } from './formatYamlFile';
import { monitorKey, tryParseStateRef } from './imageKeys';
import type { ImageState, StateTree, TrackedImage } from './types';

/**
 * A digest resolved behind a monitored tag.
 *
 * @public
 */
export interface DigestObservation {
  digest: string;
  /** Per platform (`linux/amd64`), the manifest digest inside the image index. */
  platformDigests?: Record<string, string>;
  /** ISO 8601 time the digest was seen. */
  seenAt: string;
}

function observe<T extends TrackedImage>(
  tracked: T,
  key: string,
  { digest, platformDigests, seenAt }: DigestObservation,
): T {
  if (tracked.ref !== key) {
    return tracked;
  }
  const platforms =
    platformDigests && Object.keys(platformDigests).length > 0
      ? sortRecord(platformDigests)
      : undefined;
  if (tracked.currentDigest === digest) {
    // The platforms of a digest never change, so learning them late (or
    // learning more of them, once an image asks for another platform) is safe;
    // those already recorded stay as they are.
    const last = tracked.updates[tracked.updates.length - 1];
    const learned =
      platforms &&
      Object.keys(platforms).filter(
        platform => last?.platformDigests?.[platform] === undefined,
      );
    if (learned && learned.length > 0 && last?.digest === digest) {
      return {
        ...tracked,
        updates: [
          ...tracked.updates.slice(0, -1),
          {
            ...last,
            platformDigests: sortRecord({
              ...platforms,
              ...last.platformDigests,
            }),
          },
        ],
      };
    }
    return tracked;
  }
  return {
    ...tracked,
    previousDigest: tracked.currentDigest,
    currentDigest: digest,
    lastUpdated: seenAt,
    updates: [
      ...tracked.updates,
      {
        digest,
        firstSeen: seenAt,
        ...(platforms && { platformDigests: platforms }),
      },
    ],
  };
}

function fillBuiltDigests(
  image: ImageState,
  key: string,
  digest: string,
): ImageState {
  if (image.kind !== 'managed') {
    return image;
  }
  let changed = false;
  const baseImages = image.baseImages.map(use => {
    const parsed = tryParseStateRef(use.ref);
    if (
      use.builtDigest !== null ||
      !parsed ||
      parsed.digest ||
      monitorKey(parsed) !== key
    ) {
      return use;
    }
    changed = true;
    return { ...use, builtDigest: digest };
  });
  return changed ? { ...image, baseImages } : image;
}

/**
 * Records the digest discovery found behind a monitored reference, in every
 * active place that tracks it: base images, published tags of managed images
 * and external images (archived ones are not monitored). A digest that differs
 * from the current one appends an update (freight); the same digest changes
 * nothing, except that platform digests missing from its update are added.
 * A managed image that does not know what it was built on yet
 * (`builtDigest: null`) counts as built on the recorded digest, so enrolling
 * never triggers a rebuild by itself.
 *
 * @param ref - the reference, in any spelling Docker accepts (`node:22`).
 * @returns the new tree; the same object when nothing changed.
 * @public
 */
export function recordDigest(
  state: StateTree,
  ref: string,
  observation: DigestObservation,
): StateTree {
  const key = monitorKey(parseImageReference(ref));
  const baseImages = state.baseImages.map(b => observe(b, key, observation));
  let images = state.images.map(image => {
    if (image.kind === 'external') {
      const monitored = observe(image.monitored, key, observation);
      return monitored === image.monitored ? image : { ...image, monitored };
    }
    const published = image.published.map(p => observe(p, key, observation));
    return published.every((p, i) => p === image.published[i])
      ? image
      : { ...image, published };
  });
  images = images.map(image =>
    fillBuiltDigests(image, key, observation.digest),
  );
  const unchanged =
    baseImages.every((b, i) => b === state.baseImages[i]) &&
    images.every((image, i) => image === state.images[i]);
  return unchanged ? state : { ...state, baseImages, images };
}
