import { ImageReference } from '@image-factory/backstage-plugin-image-factory-common';
import { normalizeRegistryHost } from '@image-factory/backstage-plugin-image-factory-common';
import { DiscoveryTarget, freightKey } from './types';

/**
 * An image discovery watches: a base image, an external image, or a managed
 * image's own repository, with whoever depends on it.
 *
 * @public
 */
export interface MonitoredImage {
  /** The reference as tracked; its tag is what discovery resolves. */
  ref: ImageReference;
  /** Entity refs of the images that depend on it (for reporting; order does not matter). */
  dependents: readonly string[];
  /** The platforms those images build, whose manifest digests to record. */
  platforms?: readonly string[];
}

/**
 * A repository+tag due for a check, with all images that depend on it.
 *
 * @public
 */
export interface PlannedTarget extends DiscoveryTarget {
  /** Every dependent of every monitored image with this repository+tag, sorted, once each. */
  dependents: string[];
  /** When it was last checked, if ever. */
  lastChecked?: Date;
}

/**
 * What one discovery run should do.
 *
 * @public
 */
export interface DiscoveryPlan {
  /** Targets to check now: never-checked first, then the longest unchecked. */
  due: PlannedTarget[];
  /** Targets checked too recently, with the earliest time they may be checked again. */
  waiting: Array<PlannedTarget & { nextCheck: Date }>;
  /** Images pinned by digest alone: no tag can move, so there is nothing to check. */
  uncheckable: Array<{
    ref: ImageReference;
    dependents: string[];
    reason: string;
  }>;
}

/**
 * Plans a discovery run: one target per distinct repository+tag, however many
 * images depend on it (asking for every platform they build), due only when its registry's minimum interval has passed
 * since the last check. Pure: the caller brings the last check times (keyed by
 * {@link freightKey}), the interval per registry and the time.
 *
 * A reference with both a tag and a digest (`node:22@sha256:…`) is checked on its
 * tag, so a move of the tag is still noticed.
 *
 * @public
 */
export function planDiscovery(input: {
  images: readonly MonitoredImage[];
  lastChecked: ReadonlyMap<string, Date>;
  minIntervalFor: (registry: string) => number;
  now: Date;
}): DiscoveryPlan {
  const targets = new Map<
    string,
    { target: DiscoveryTarget; dependents: Set<string>; platforms: Set<string> }
  >();
  const uncheckable: DiscoveryPlan['uncheckable'] = [];
  for (const image of input.images) {
    if (image.ref.tag === null) {
      uncheckable.push({
        ref: image.ref,
        dependents: [...new Set(image.dependents)].sort(),
        reason: 'pinned by digest without a tag, so there is no tag to watch',
      });
      continue;
    }
    const target = {
      registry: normalizeRegistryHost(image.ref.registry),
      repository: image.ref.repository,
      tag: image.ref.tag,
    };
    const key = freightKey(target);
    const entry = targets.get(key) ?? {
      target,
      dependents: new Set<string>(),
      platforms: new Set<string>(),
    };
    image.dependents.forEach(dependent => entry.dependents.add(dependent));
    image.platforms?.forEach(platform => entry.platforms.add(platform));
    targets.set(key, entry);
  }

  const due: PlannedTarget[] = [];
  const waiting: DiscoveryPlan['waiting'] = [];
  for (const [key, { target, dependents, platforms }] of targets) {
    const lastChecked = input.lastChecked.get(key);
    const planned: PlannedTarget = {
      ...target,
      ...(platforms.size > 0 ? { platforms: [...platforms].sort() } : {}),
      dependents: [...dependents].sort(),
      ...(lastChecked ? { lastChecked } : {}),
    };
    const nextCheck = lastChecked
      ? lastChecked.getTime() + input.minIntervalFor(target.registry)
      : -Infinity;
    if (nextCheck <= input.now.getTime()) {
      due.push(planned);
    } else {
      waiting.push({ ...planned, nextCheck: new Date(nextCheck) });
    }
  }
  due.sort(
    (a, b) =>
      (a.lastChecked?.getTime() ?? -Infinity) -
        (b.lastChecked?.getTime() ?? -Infinity) ||
      freightKey(a).localeCompare(freightKey(b)),
  );
  waiting.sort(
    (a, b) =>
      a.nextCheck.getTime() - b.nextCheck.getTime() ||
      freightKey(a).localeCompare(freightKey(b)),
  );
  return { due, waiting, uncheckable };
}
