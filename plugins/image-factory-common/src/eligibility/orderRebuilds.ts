import type { RebuildPriority } from '../api';
import { comparePriority } from '../enrollment/priorities';
import { compareText } from '../state/compareText';

/**
 * An eligible image waiting for its rebuild.
 *
 * @public
 */
export interface RebuildCandidate {
  entityRef: string;
  priority: RebuildPriority;
  /** ISO 8601: when the image became eligible (`eligibleAt` of its eligibility). */
  eligibleAt: string;
}

/**
 * Options of {@link orderRebuilds}.
 *
 * @public
 */
export interface OrderRebuildsOptions {
  /** At most this many rebuilds per run; no cap when absent. */
  maxPerRun?: number;
}

function eligibleTime(candidate: RebuildCandidate): number {
  const ms = Date.parse(candidate.eligibleAt);
  // An unreadable time sorts last: it cannot claim to have waited longest.
  return Number.isFinite(ms) ? ms : Number.POSITIVE_INFINITY;
}

/**
 * Puts eligible images in the order they are triggered (docs/eligibility.md,
 * "Order and cap"): priority first (critical, high, normal, low), then the one
 * eligible longest, then by entity ref so the order never depends on the
 * input's; then keeps the first `maxPerRun`.
 *
 * @public
 */
export function orderRebuilds<T extends RebuildCandidate>(
  candidates: readonly T[],
  options: OrderRebuildsOptions = {},
): T[] {
  const ordered = [...candidates].sort(
    (a, b) =>
      comparePriority(a.priority, b.priority) ||
      eligibleTime(a) - eligibleTime(b) ||
      compareText(a.entityRef, b.entityRef),
  );
  const cap = options.maxPerRun;
  return cap === undefined
    ? ordered
    : ordered.slice(0, Math.max(0, Math.floor(cap)));
}
