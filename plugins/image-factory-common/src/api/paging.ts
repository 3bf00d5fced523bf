import { operations } from '../schema/openapi';

/**
 * A page of a list: `offset` items skipped, at most `limit` returned.
 *
 * @public
 */
export type PageQuery = NonNullable<
  operations['listBaseImages']['parameters']['query']
>;

/**
 * Query of `GET /images`; every field is optional and sent as a query parameter.
 *
 * @public
 */
export type ImageListQuery = NonNullable<
  operations['listImages']['parameters']['query']
>;

/**
 * Query of `GET /graph`: a page of images and the filters of `GET /images`
 * that apply to a graph.
 *
 * @public
 */
export type GraphQuery = NonNullable<
  operations['getGraph']['parameters']['query']
>;

/**
 * Paging bounds of the list routes: a page holds at most `max` items, and
 * `default` when the query does not say. The spec states the same maxima;
 * each operation's router test holds the two together.
 *
 * @public
 */
export const PAGE_LIMITS = {
  images: { default: 100, max: 500 },
  baseImages: { default: 100, max: 500 },
  graph: { default: 200, max: 500 },
} as const;
