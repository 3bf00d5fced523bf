import type { StateTree } from './types';

/**
 * Every reference discovery must resolve, once each however many images use
 * it: the tags of base images, of managed images' published tags and of
 * external images (docs/architecture.md, "Discovery"). References pinned to a
 * digest without a tag never move and are left out. Sorted.
 *
 * @public
 */
export function listMonitoredRefs(state: StateTree): string[] {
  const refs = new Set<string>();
  const add = (tracked: { ref: string; tag: string | null }) => {
    if (tracked.tag !== null) {
      refs.add(tracked.ref);
    }
  };
  state.baseImages.forEach(add);
  for (const image of state.images) {
    if (image.kind === 'external') {
      add(image.monitored);
    } else {
      image.published.forEach(add);
    }
  }
  return [...refs].sort();
}
