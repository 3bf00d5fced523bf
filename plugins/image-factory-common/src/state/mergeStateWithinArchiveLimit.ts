import { imageKey } from './indexState';
import {
  mergeState,
  type MergeStateInput,
  type MergeStateResult,
} from './mergeState';
import type { ImageState } from './types';

/**
 * Fewest images a run must archive before {@link mergeStateWithinArchiveLimit}
 * may refuse: in a fleet of one or two, dropping one is not a mass archive.
 *
 * @public
 */
export const MIN_REFUSED_ARCHIVE_COUNT = 2;

/**
 * A merge that would have archived too many images at once, and did not.
 *
 * @public
 */
export interface ArchiveRefusal {
  /** The active images the merge would have archived, by name. */
  images: ImageState[];
  /** Active images before the run. */
  total: number;
}

/**
 * Result of {@link mergeStateWithinArchiveLimit}.
 *
 * @public
 */
export interface LimitedMergeResult extends MergeStateResult {
  /** Set when nothing was archived because too much would have been. */
  refused?: ArchiveRefusal;
}

function keyOf(image: ImageState): string | undefined {
  try {
    return imageKey(image.kind, image.image);
  } catch {
    return undefined;
  }
}

/**
 * {@link mergeState}, unless it would archive more than `maxArchiveRatio` of
 * the active images, and at least {@link MIN_REFUSED_ARCHIVE_COUNT} of them:
 * then it archives none. Every image it would have archived stays exactly as
 * it was (and so do its Warehouse and its base images), its entity's
 * enrollment, if any, left out of this run; everything else is merged as
 * usual. A catalog that answers with nothing (a permission change, an
 * outage) does not empty the state repository in one commit.
 *
 * @param maxArchiveRatio - from 0 to 1; 1 never refuses.
 * @public
 */
export function mergeStateWithinArchiveLimit(
  input: MergeStateInput,
  maxArchiveRatio: number,
): LimitedMergeResult {
  const merged = mergeState(input);
  const active = new Set(merged.state.images.map(keyOf));
  const archived = input.previous.images.filter(
    image => !active.has(keyOf(image)),
  );
  const total = input.previous.images.length;
  if (
    archived.length < MIN_REFUSED_ARCHIVE_COUNT ||
    archived.length <= maxArchiveRatio * total
  ) {
    return merged;
  }
  const hold = new Set([
    ...(input.hold ?? []),
    ...archived.map(image => image.entityRef),
  ]);
  return {
    ...mergeState({ ...input, hold }),
    refused: { images: archived, total },
  };
}
