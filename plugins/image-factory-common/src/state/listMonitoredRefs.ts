import { listTrackedImages } from './listTrackedImages';
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
  const refs = listTrackedImages(state)
    .filter(({ tracked }) => tracked.tag !== null)
    .map(({ tracked }) => tracked.ref);
  return [...new Set(refs)].sort();
}
