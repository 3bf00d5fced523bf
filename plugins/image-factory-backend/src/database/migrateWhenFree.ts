import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';

const migrationsDir = resolvePackagePath(
  '@image-factory/backstage-plugin-image-factory-backend',
  'migrations',
);

/**
 * Brings the schema up to date. Replicas that start together race for knex's
 * migration lock; the losers wait for the winner instead of failing to start.
 * A lock still held after `waitMs` is reported: a process killed mid-migration
 * leaves it behind, and only a person can tell that it is safe to clear. On a
 * fresh database knex creates its own tables before it locks, so the loser of
 * that race fails once; it is retried twice before its error counts. That
 * race can also leave knex's lock table with two rows (both replicas found it
 * empty and filled it), a lock knex can never take again: it is repaired.
 */
export async function migrateWhenFree(
  knex: Knex,
  options: { waitMs?: number; pollMs?: number } = {},
): Promise<void> {
  const deadline = Date.now() + (options.waitMs ?? 120_000);
  for (let failures = 0; ; ) {
    try {
      await knex.migrate.latest({ directory: migrationsDir });
      return;
    } catch (error) {
      if ((error as Error).name !== 'MigrationLocked' && ++failures > 2) {
        throw error;
      }
      if ((error as Error).name === 'MigrationLocked') {
        await removeDuplicateLockRows(knex);
      }
      if (Date.now() >= deadline) {
        throw new Error(
          'The Image Factory database migrations stayed locked by another process; if none is running, clear the lock in the knex_migrations_lock table',
        );
      }
      await new Promise(resolve => setTimeout(resolve, options.pollMs ?? 250));
    }
  }
}

// knex takes its lock by setting `is_locked` on exactly one row, and fills
// the table by "select, and insert when empty", which two replicas can both
// do. With two rows (or none) nobody can hold the lock: when every row is
// unlocked, all but the first are the race's leftovers, and deleting them is
// safe. A lock really held (a row set to 1) is left to its holder.
async function removeDuplicateLockRows(knex: Knex): Promise<void> {
  const table = 'knex_migrations_lock';
  const rows: Array<{ index: number; is_locked: number }> = await knex(table)
    .select('index', 'is_locked')
    .orderBy('index');
  if (rows.length > 1 && rows.every(row => Number(row.is_locked) === 0)) {
    await knex(table).where('index', '>', rows[0].index).delete();
  }
}
