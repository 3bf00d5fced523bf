import { InputError } from '@backstage/errors';
import { Knex } from 'knex';
import { createHash } from 'node:crypto';
import { ReplaceResult } from './types';

const CHUNK = 100;

/**
 * A row with its `content_hash`: the SHA-256 of its columns in the order given
 * (timestamps as ISO text), which {@link replaceRows} compares instead of the
 * columns. Every writer of a table with the column writes rows made by this.
 */
export function withContentHash(
  row: Record<string, unknown>,
): Record<string, unknown> {
  const content_hash = createHash('sha256')
    .update(JSON.stringify(Object.entries(row)))
    .digest('hex');
  return { ...row, content_hash };
}

/**
 * Makes a table hold exactly `rows` (keyed by `key`), in one transaction: inserts
 * new rows, updates rows whose content changed, deletes rows not given, and sets
 * `updated_at` only on rows it writes, so the column says when a row last changed.
 * What is stored is learnt from the keys and content hashes alone: a run over
 * the whole fleet does not read every document back.
 *
 * @param rows - rows made by {@link withContentHash}, with every column except `updated_at`
 */
export async function replaceRows(options: {
  knex: Knex;
  table: string;
  key: string;
  rows: ReadonlyArray<Record<string, unknown>>;
  now: string;
}): Promise<ReplaceResult> {
  const { knex, table, key, rows, now } = options;
  const given = new Map<unknown, Record<string, unknown>>();
  for (const row of rows) {
    if (given.has(row[key])) {
      throw new InputError(`Duplicate ${key} ${String(row[key])} in ${table}`);
    }
    given.set(row[key], row);
  }

  return knex.transaction(async tx => {
    const existing = new Map<unknown, unknown>();
    for (const row of await tx(table).select(key, 'content_hash')) {
      existing.set(row[key], row.content_hash);
    }
    const writes: Record<string, unknown>[] = [];
    let inserted = 0;
    for (const [id, row] of given) {
      if (!existing.has(id)) {
        inserted += 1;
      } else if (existing.get(id) === row.content_hash) {
        continue;
      }
      writes.push({ ...row, updated_at: now });
    }
    for (let i = 0; i < writes.length; i += CHUNK) {
      await tx(table)
        .insert(writes.slice(i, i + CHUNK))
        .onConflict(key)
        .merge();
    }

    const gone = [...existing.keys()].filter(id => !given.has(id));
    for (let i = 0; i < gone.length; i += CHUNK) {
      await tx(table)
        .whereIn(key, gone.slice(i, i + CHUNK) as string[])
        .delete();
    }
    return {
      inserted,
      updated: writes.length - inserted,
      unchanged: given.size - writes.length,
      deleted: gone.length,
    };
  });
}
