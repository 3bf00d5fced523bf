import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { DatabaseImageFactoryStore } from '../DatabaseImageFactoryStore';

/** The engines the store supports; the CI scripts provide PostgreSQL 15. */
export const STORE_DATABASE_IDS: TestDatabaseId[] = ['SQLITE_3', 'POSTGRES_15'];

/** A migrated store on a fresh, empty database of the given engine. */
export async function createTestStore(
  databases: TestDatabases,
  databaseId: TestDatabaseId,
): Promise<{ knex: Knex; store: DatabaseImageFactoryStore }> {
  const knex = await databases.init(databaseId);
  const store = await DatabaseImageFactoryStore.create({
    database: { getClient: async () => knex },
  });
  return { knex, store };
}

/** Waits until the clock has moved past a timestamp, so a later write is later. */
export async function clockPast(iso: string): Promise<void> {
  while (new Date().toISOString() <= iso) {
    await new Promise(resolve => setImmediate(resolve));
  }
}
