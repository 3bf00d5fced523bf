import { statePath } from './statePaths';
import type { StateTree, TrackedImage } from './types';

/**
 * A tracked reference of the state, with the entities that depend on it and
 * the state file it is kept in.
 *
 * @public
 */
export interface TrackedPlace {
  tracked: TrackedImage;
  /** Entity refs of the images built on it (for an external image, itself). */
  dependents: string[];
  /** The state file, e.g. `state/base-images/node-22.yaml`. */
  path: string;
}

/**
 * Every tracked reference of the active state: base images, the tags managed
 * images publish, and external images. The one walk of the state tree that
 * discovery, first-seen reconciliation and {@link listMonitoredRefs} share.
 *
 * @public
 */
export function listTrackedImages(state: StateTree): TrackedPlace[] {
  const out: TrackedPlace[] = state.baseImages.map(b => ({
    tracked: b,
    dependents: b.dependents,
    path: statePath('base-images', b.name),
  }));
  for (const image of state.images) {
    const path = statePath('images', image.name);
    if (image.kind === 'external') {
      out.push({
        tracked: image.monitored,
        dependents: [image.entityRef],
        path,
      });
    } else {
      image.published.forEach(p =>
        out.push({ tracked: p, dependents: p.dependents, path }),
      );
    }
  }
  return out;
}
