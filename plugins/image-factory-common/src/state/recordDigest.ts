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
  { digest, platformDigests, seenAt }: DigestObservation,
): T {
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
  digestFor: (key: string) => string | undefined,
): ImageState {
  if (image.kind !== 'managed') {
    return image;
  }
  let changed = false;
  const baseImages = image.baseImages.map(use => {
    if (use.builtDigest !== null) {
      return use;
    }
    const parsed = tryParseStateRef(use.ref);
    const digest = parsed && !parsed.digest && digestFor(monitorKey(parsed));
    if (!digest) {
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
  return recordDigests(state, new Map([[ref, observation]]));
}

/**
 * {@link recordDigest} for many references at once, in one pass over the tree:
 * a discovery run records every reference it checked without going over the
 * fleet once per reference.
 *
 * @param observations - by reference, in any spelling Docker accepts; two
 *   spellings of one reference must carry the same observation.
 * @returns the new tree; the same object when nothing changed.
 * @public
 */
export function recordDigests(
  state: StateTree,
  observations: ReadonlyMap<string, DigestObservation>,
): StateTree {
  const byKey = new Map(
    [...observations].map(([ref, observation]) => [
      monitorKey(parseImageReference(ref)),
      observation,
    ]),
  );
  const record = <T extends TrackedImage>(tracked: T): T => {
    const observation = byKey.get(tracked.ref);
    return observation ? observe(tracked, observation) : tracked;
  };
  const baseImages = state.baseImages.map(record);
  const images = state.images
    .map(image => {
      if (image.kind === 'external') {
        const monitored = record(image.monitored);
        return monitored === image.monitored ? image : { ...image, monitored };
      }
      const published = image.published.map(record);
      return published.every((p, i) => p === image.published[i])
        ? image
        : { ...image, published };
    })
    .map(image => fillBuiltDigests(image, key => byKey.get(key)?.digest));
  const unchanged =
    baseImages.every((b, i) => b === state.baseImages[i]) &&
    images.every((image, i) => image === state.images[i]);
  return unchanged ? state : { ...state, baseImages, images };
}
