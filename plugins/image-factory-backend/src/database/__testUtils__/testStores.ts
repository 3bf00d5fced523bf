import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import knexFactory, { Knex } from 'knex';
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

/**
 * Two connections to one fresh database, as two backend replicas have: two pools
 * on PostgreSQL; on SQLite the same client twice, since an in-memory database
 * lives in one connection only. `close` ends the second pool.
 */
export async function openReplicaClients(
  databases: TestDatabases,
  databaseId: TestDatabaseId,
): Promise<{ clients: [Knex, Knex]; close(): Promise<void> }> {
  const knex = await databases.init(databaseId);
  const second = databaseId.startsWith('POSTGRES')
    ? knexFactory({ client: 'pg', connection: knex.client.config.connection })
    : knex;
  return {
    clients: [knex, second],
    close: async () => {
      if (second !== knex) await second.destroy();
    },
  };
}

/** Waits until the clock has moved past a timestamp, so a later write is later. */
export async function clockPast(iso: string): Promise<void> {
  while (new Date().toISOString() <= iso) {
    await new Promise(resolve => setImmediate(resolve));
  }
}
