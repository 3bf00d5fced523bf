import { InputError } from '@backstage/errors';
import { Knex } from 'knex';
import { ReplaceResult } from './types';
import { fromDbTimestamp } from './convertDbValues';

const CHUNK = 100;

/**
 * Makes a table hold exactly `rows` (keyed by `key`), in one transaction: inserts
 * new rows, updates rows whose columns differ, deletes rows not given, and sets
 * `updated_at` only on rows it writes, so the column says when a row last changed.
 *
 * @param rows - rows with every column except `updated_at`, timestamps as ISO text
 * @param timestampColumns - columns to compare as time (pg returns them as `Date`)
 */
export async function replaceRows(options: {
  knex: Knex;
  table: string;
  key: string;
  rows: ReadonlyArray<Record<string, unknown>>;
  timestampColumns: readonly string[];
  now: string;
}): Promise<ReplaceResult> {
  const { knex, table, key, rows, timestampColumns, now } = options;
  const given = new Map<unknown, Record<string, unknown>>();
  for (const row of rows) {
    if (given.has(row[key])) {
      throw new InputError(`Duplicate ${key} ${String(row[key])} in ${table}`);
    }
    given.set(row[key], row);
  }

  return knex.transaction(async tx => {
    const existing = new Map<unknown, Record<string, unknown>>();
    for (const row of await tx(table).select()) {
      existing.set(row[key], row);
    }
    const same = (a: Record<string, unknown>, b: Record<string, unknown>) =>
      Object.keys(a).every(column =>
        timestampColumns.includes(column)
          ? fromDbTimestamp(a[column] as string) ===
            fromDbTimestamp(b[column] as string)
          : (a[column] ?? null) === (b[column] ?? null),
      );

    const writes: Record<string, unknown>[] = [];
    let inserted = 0;
    for (const [id, row] of given) {
      const current = existing.get(id);
      if (!current) {
        inserted += 1;
      } else if (same(row, current)) {
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
