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
  if (order === 'staleness') {
    // A portable "NULLS LAST": SQLite puts nulls first in ascending order.
    query
      .orderByRaw('CASE WHEN stale_since IS NULL THEN 1 ELSE 0 END')
      .orderBy('stale_since', 'asc');
  }
  const rows = await query
    .orderBy('entity_ref', 'asc')
    .offset(offset)
    .limit(limit)
    .select();
  return {
    items: rows.map(fromImageStatusRow),
    totalCount: fromDbCount(count),
  };
}
