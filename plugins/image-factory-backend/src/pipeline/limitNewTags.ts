import { DiscoveryTarget, freightKey } from '../discovery';

/**
 * Keeps every due tag that was asked before and the first `max` that never
 * were: a fleet enrolled at once is checked over a few runs instead of in one
 * storm of requests to its registries.
 */
export function limitNewTags(
  due: readonly DiscoveryTarget[],
  checkedBefore: ReadonlySet<string>,
  max: number,
): { due: DiscoveryTarget[]; waiting: number } {
  let fresh = 0;
  const kept = due.filter(
    target => checkedBefore.has(freightKey(target)) || ++fresh <= max,
  );
  return { due: kept, waiting: due.length - kept.length };
}
