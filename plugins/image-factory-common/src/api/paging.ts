/**
 * A page of a list: `offset` items skipped, at most `limit` returned.
 *
 * @public
 */
export interface PageQuery {
  offset?: number;
  limit?: number;
}

/**
 * Paging bounds of the list routes: a page holds at most `max` items, and
 * `default` when the query does not say.
 *
 * @public
 */
export const PAGE_LIMITS = {
  images: { default: 100, max: 500 },
  baseImages: { default: 100, max: 500 },
  graph: { default: 200, max: 500 },
} as const;
