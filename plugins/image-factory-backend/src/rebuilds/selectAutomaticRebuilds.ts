import {
  ImageStatus,
  orderRebuilds,
} from '@image-factory/backstage-plugin-image-factory-common';

/**
 * The images a run rebuilds by itself: managed, eligible, enrolled with
 * `auto-rebuild`, in priority order and oldest eligibility first, at most
 * `maxPerRun` (docs/eligibility.md, "Order and cap").
 */
export function selectAutomaticRebuilds(
  statuses: readonly ImageStatus[],
  maxPerRun: number,
): ImageStatus[] {
  const candidates = statuses
    .filter(s => s.kind === 'managed' && s.eligibility.state === 'eligible')
    .filter(s => s.enrollment.autoRebuild)
    .map(s => ({
      status: s,
      entityRef: s.entityRef,
      priority: s.enrollment.priority,
      eligibleAt: s.eligibility.eligibleAt ?? '',
    }));
  return orderRebuilds(candidates, { maxPerRun }).map(c => c.status);
}
