import { Knex } from 'knex';
import { checkInteger } from './checkQueryValues';
import { fromDbCount } from './convertDbValues';
import { ListImageStatusesOptions } from './ImageFactoryStore';
import { fromImageStatusRow } from './mapStoreRows';
import { ImageStatusRecord } from './types';

/** Escapes LIKE wildcards so a search matches its text literally. */
function likePattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, c => `\\${c}`)}%`;
}

/**
 * Queries one page of image statuses and the number of all that match.
 *
 * @throws InputError when the offset or limit is out of range
 */
export async function listImageStatuses(
  db: Knex,
  options: ListImageStatusesOptions,
): Promise<{ items: ImageStatusRecord[]; totalCount: number }> {
  const { offset = 0, limit = 100, order = 'name' } = options;
  checkInteger('offset', offset, 0, Number.MAX_SAFE_INTEGER);
  checkInteger('limit', limit, 1, 1000);
  const query = db('image_status');
  if (options.state !== undefined) {
    query.whereIn('eligibility_state', ([] as string[]).concat(options.state));
  }
  if (options.owner !== undefined) query.where('owner', options.owner);
  const hidden = options.hidden ?? [];
  // Batches keep each list of bound values under SQLite's limit.
  for (let i = 0; i < hidden.length; i += 1000) {
    query.whereNotIn('entity_ref', hidden.slice(i, i + 1000));
  }
  if (options.kind !== undefined) query.where('kind', options.kind);
  const only = options.entityRefs;
  if (only !== undefined) {
    // An empty list matches nothing (knex writes `1 = 0`).
    query.where(q => {
      q.whereIn('entity_ref', only.slice(0, 1000));
      for (let i = 1000; i < only.length; i += 1000) {
        q.orWhereIn('entity_ref', only.slice(i, i + 1000));
      }
    });
  }
  if (options.search) {
    const pattern = likePattern(options.search);
    query.where(q =>
      q
        .whereRaw(`LOWER(entity_ref) LIKE ? ESCAPE '\\'`, [pattern])
        .orWhereRaw(`LOWER(image) LIKE ? ESCAPE '\\'`, [pattern]),
    );
  }
  const [{ count }] = await query.clone().count({ count: '*' });
  // Only keys are sorted, and the page's rows joined to them: SQLite sorts
  // whole rows, so ordering every status document to keep a hundred took
  // ~30 ms at 10,000 images.
  const page = ordered(query.select('entity_ref'), order, '')
    .offset(offset)
    .limit(limit);
  const rows = await ordered(
    db({ s: 'image_status' })
      .join(page.as('p'), 's.entity_ref', 'p.entity_ref')
      .select('s.*'),
    order,
    's.',
  );
  return {
    items: rows.map(fromImageStatusRow),
    totalCount: fromDbCount(count),
  };
}

// The list's order, applied to a query whose `image_status` columns carry
// `prefix`, so a page's keys and its rows come back in the same order.
function ordered(
  query: Knex.QueryBuilder,
  order: NonNullable<ListImageStatusesOptions['order']>,
  prefix: '' | 's.',
): Knex.QueryBuilder {
  if (order === 'staleness') {
    // The most critical fixes waiting upstream first; then a portable "NULLS
    // LAST": SQLite puts nulls first in ascending order.
    query
      .orderBy(`${prefix}upstream_critical_fixes`, 'desc')
      .orderByRaw(`CASE WHEN ${prefix}stale_since IS NULL THEN 1 ELSE 0 END`)
      .orderBy(`${prefix}stale_since`, 'asc');
  }
  return query.orderBy(`${prefix}entity_ref`, 'asc');
}
