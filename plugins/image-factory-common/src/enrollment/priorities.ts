import type { RebuildPriority } from '../api';

/**
 * Every {@link RebuildPriority}, highest first: the order rebuilds are triggered in.
 *
 * @public
 */
export const REBUILD_PRIORITIES: readonly RebuildPriority[] = [
  'critical',
  'high',
  'normal',
  'low',
];

/**
 * Sort comparator placing higher priorities first.
 *
 * @public
 */
export function comparePriority(
  a: RebuildPriority,
  b: RebuildPriority,
): number {
  return REBUILD_PRIORITIES.indexOf(a) - REBUILD_PRIORITIES.indexOf(b);
}

/**
 * Whether a text names a {@link RebuildPriority}.
 *
 * @public
 */
export function isRebuildPriority(text: string): text is RebuildPriority {
  return (REBUILD_PRIORITIES as readonly string[]).includes(text);
}
