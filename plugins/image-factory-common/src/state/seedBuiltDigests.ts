import { listTrackedImages } from './listTrackedImages';
import { monitorKey, repositoryKey, tryParseStateRef } from './imageKeys';
import type { BaseImageUsage, StateTree, TrackedImage } from './types';

const DIGEST = /^sha256:[a-f0-9]{64}$/;

/**
 * What a managed image's own metadata says it was built on: the
 * `org.opencontainers.image.base.name` and `.base.digest` annotations or
 * labels of its pushed image.
 *
 * @public
 */
export interface BuiltImageSeed {
  baseName?: string;
  baseDigest: string;
}

/**
 * Sets the built digest of each base image a managed image uses for the
 * first time (absent from `previous`) from what the image's own metadata
 * says, so enrolling a stale image shows it stale at once instead of up to
 * date. The digest the metadata names is taken as the freight record it
 * belongs to (an image index, or one of its platform manifests); a digest
 * the freight does not know stays as named, older than all of it.
 *
 * The metadata names one base image, the final stage's: the use of the same
 * repository, and of the same tag when several uses share the repository.
 * A use pinned by digest keeps its pin.
 *
 * @public
 */
export function seedBuiltDigests(
  state: StateTree,
  previous: StateTree,
  seeds: ReadonlyMap<string, BuiltImageSeed>,
): StateTree {
  if (seeds.size === 0) return state;
  const fresh = newBaseImageRefs(state, previous);
  const tracked = new Map(
    listTrackedImages(state).map(p => [p.tracked.ref, p.tracked]),
  );
  let changed = false;
  const images = state.images.map(image => {
    const seed = seeds.get(image.entityRef);
    // The metadata is the image publisher's word: only a digest goes in.
    if (image.kind !== 'managed' || !seed || !DIGEST.test(seed.baseDigest)) {
      return image;
    }
    const use = seededUse(image.baseImages, seed);
    if (!use || !fresh.get(image.entityRef)?.has(use.ref)) return image;
    const parsed = tryParseStateRef(use.ref);
    if (!parsed || parsed.digest) return image;
    const digest = freightDigestOf(
      tracked.get(monitorKey(parsed)),
      seed.baseDigest,
    );
    if (digest === use.builtDigest) return image;
    changed = true;
    return {
      ...image,
      baseImages: image.baseImages.map(b =>
        b === use ? { ...b, builtDigest: digest } : b,
      ),
    };
  });
  return changed ? { ...state, images } : state;
}

/**
 * Per managed image of `state`, the references of the base images it uses
 * that it did not use in `previous`: those whose built digest is set this
 * run. Images with none are left out.
 *
 * @public
 */
export function newBaseImageRefs(
  state: StateTree,
  previous: StateTree,
): Map<string, Set<string>> {
  const known = new Map(
    previous.images.flatMap(image =>
      image.kind === 'managed'
        ? [[image.entityRef, new Set(image.baseImages.map(b => b.ref))]]
        : [],
    ),
  );
  const fresh = new Map<string, Set<string>>();
  for (const image of state.images) {
    if (image.kind !== 'managed') continue;
    const seen = known.get(image.entityRef);
    const refs = image.baseImages.map(b => b.ref).filter(r => !seen?.has(r));
    if (refs.length > 0) fresh.set(image.entityRef, new Set(refs));
  }
  return fresh;
}

function seededUse(
  uses: readonly BaseImageUsage[],
  seed: BuiltImageSeed,
): BaseImageUsage | undefined {
  const named = seed.baseName ? tryParseStateRef(seed.baseName) : undefined;
  if (!named) return undefined;
  const sameRepository = uses.filter(use => {
    const parsed = tryParseStateRef(use.ref);
    return parsed && repositoryKey(parsed) === repositoryKey(named);
  });
  if (sameRepository.length <= 1) return sameRepository[0];
  return sameRepository.find(
    use => tryParseStateRef(use.ref)?.tag === named.tag,
  );
}

function freightDigestOf(
  tracked: TrackedImage | undefined,
  digest: string,
): string {
  const update = tracked?.updates.find(
    u =>
      u.digest === digest ||
      Object.values(u.platformDigests ?? {}).includes(digest),
  );
  return update?.digest ?? digest;
}
