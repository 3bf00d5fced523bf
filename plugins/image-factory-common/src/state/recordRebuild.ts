import { NotFoundError } from '@backstage/errors';
import { canonicalJson } from './canonicalJson';
import { monitorKey, tryParseStateRef } from './imageKeys';
import type {
  ManagedImageState,
  RebuildHistoryEntry,
  StateTree,
} from './types';
import { compareText } from './compareText';

function compareEntries(
  a: RebuildHistoryEntry,
  b: RebuildHistoryEntry,
): number {
  return compareText(a.requestedAt, b.requestedAt) || compareText(a.id, b.id);
}

function applyBuiltDigests(
  image: ManagedImageState,
  entry: RebuildHistoryEntry,
): ManagedImageState['baseImages'] {
  return image.baseImages.map(use => {
    const parsed = tryParseStateRef(use.ref);
    const key =
      entry.baseDigests[use.ref] !== undefined
        ? use.ref
        : parsed && monitorKey(parsed);
    const built = key ? entry.baseDigests[key] : undefined;
    // A base image the pushed image is not on keeps its built digest, so the
    // image stays stale.
    const mismatch = entry.verification?.baseImages.some(
      v => v.ref === key && v.outcome === 'mismatch',
    );
    return built && !mismatch ? { ...use, builtDigest: built.after } : use;
  });
}

/**
 * Adds a rebuild attempt to a managed image's history, or replaces the entry
 * with the same id (a rebuild is recorded when triggered, then again as its run
 * progresses). History stays sorted by request time. When the entry is a
 * successful completed run, the image's base images count as built on the
 * digests it used (`baseDigests[ref].after`, by the reference as the
 * Dockerfile writes it or as monitored), except those its verification found
 * the pushed image is not on.
 *
 * @returns the new tree; the same object when the entry is already recorded as given.
 * @throws NotFoundError when no enrolled managed image belongs to `entityRef`.
 * @public
 */
export function recordRebuild(
  state: StateTree,
  entityRef: string,
  entry: RebuildHistoryEntry,
): StateTree {
  const index = state.images.findIndex(
    image => image.kind === 'managed' && image.entityRef === entityRef,
  );
  if (index === -1) {
    throw new NotFoundError(`No managed image is enrolled by ${entityRef}`);
  }
  const image = state.images[index] as ManagedImageState;
  const existing = image.rebuilds.find(r => r.id === entry.id);
  if (existing && canonicalJson(existing) === canonicalJson(entry)) {
    return state;
  }
  const rebuilds = [
    ...image.rebuilds.filter(r => r.id !== entry.id),
    entry,
  ].sort(compareEntries);
  const succeeded =
    entry.status === 'completed' && entry.conclusion === 'success';
  const updated: ManagedImageState = {
    ...image,
    rebuilds,
    baseImages: succeeded ? applyBuiltDigests(image, entry) : image.baseImages,
  };
  const images = [...state.images];
  images[index] = updated;
  return { ...state, images };
}
