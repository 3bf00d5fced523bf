import type { RebuildPriority } from '../api/imageStatus';

/**
 * Every {@link RebuildPriority}, highest first: the order rebuilds are triggered in.
 *
 * @public
 */
export const IMAGE_PRIORITIES: readonly RebuildPriority[] = [
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
  return IMAGE_PRIORITIES.indexOf(a) - IMAGE_PRIORITIES.indexOf(b);
}

/**
 * Whether a text names an {@link RebuildPriority}.
 *
 * @public
 */
export function isRebuildPriority(text: string): text is RebuildPriority {
  return (IMAGE_PRIORITIES as readonly string[]).includes(text);
}
