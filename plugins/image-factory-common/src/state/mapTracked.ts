import { statePath } from './statePaths';
import type { StateTree, TrackedImage } from './types';

/**
 * Applies `f` to every tracked reference of the active state (base images,
 * published tags, external images), with the state file it is kept in.
 * Returns the same tree when `f` returns every reference as it was.
 */
export function mapTracked(
  state: StateTree,
  f: (tracked: TrackedImage, path: string) => TrackedImage,
): StateTree {
  let changed = false;
  const baseImages = state.baseImages.map(b => {
    const next = f(b, statePath('base-images', b.name));
    if (next === b) return b;
    changed = true;
    return { ...b, ...next };
  });
  const images = state.images.map(image => {
    const path = statePath('images', image.name);
    if (image.kind === 'external') {
      const monitored = f(image.monitored, path);
      if (monitored === image.monitored) return image;
      changed = true;
      return { ...image, monitored };
    }
    let touched = false;
    const published = image.published.map(p => {
      const next = f(p, path);
      if (next === p) return p;
      touched = true;
      return { ...p, ...next };
    });
    if (!touched) return image;
    changed = true;
    return { ...image, published };
  });
  return changed ? { ...state, baseImages, images } : state;
}
