import { TestDatabases } from '@backstage/backend-test-utils';
import { migrateWhenFree } from './migrateWhenFree';

jest.setTimeout(60_000);

// knex's migration lock is the one row of `knex_migrations_lock`. Two
// replicas starting together on a fresh database can both find the lock
// table empty and both insert its row; knex then never takes the lock again
// ("Migration table is already locked": its update must touch exactly one
// row), and every replica would wait for it until it gives up.
describe('migrateWhenFree', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  it.each(databases.eachSupportedId())(
    'migrates a database whose lock table two starting replicas both filled, on %s',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await knex.schema.createTable('knex_migrations_lock', table => {
        table.increments('index').primary();
        table.integer('is_locked');
      });
      await knex('knex_migrations_lock').insert([
        { is_locked: 0 },
        { is_locked: 0 },
      ]);

      await migrateWhenFree(knex, { waitMs: 2_000, pollMs: 50 });

      expect(await knex.schema.hasTable('image_status')).toBe(true);
      expect(await knex('knex_migrations_lock').select('is_locked')).toEqual([
        { is_locked: 0 },
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'still waits for a lock another process really holds, on %s',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await migrateWhenFree(knex);
      await knex('knex_migrations_lock').update({ is_locked: 1 });
      // A migration added since, so there is something to run.
      const newest = await knex('knex_migrations').max({ id: 'id' }).first();
      await knex('knex_migrations').where('id', newest!.id).delete();

      await expect(
        migrateWhenFree(knex, { waitMs: 300, pollMs: 50 }),
      ).rejects.toThrow(
        'The Image Factory database migrations stayed locked by another process',
      );
    },
  );
});
