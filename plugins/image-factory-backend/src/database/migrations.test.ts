import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { TestDatabases } from '@backstage/backend-test-utils';
import { readdirSync } from 'node:fs';

jest.setTimeout(60_000);

const migrationsDir = resolvePackagePath(
  '@internal/plugin-image-factory-backend',
  'migrations',
);
const TABLES = [
  'image_status',
  'base_image_status',
  'freight',
  'registry_checks',
  'dockerfile_cache',
  'rebuilds',
  'pipeline_runs',
];

describe('migrations', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  it('are dated JavaScript files', () => {
    const files = readdirSync(migrationsDir);
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      expect(file).toMatch(/^\d{14}_[a-zA-Z]+\.js$/);
    }
  });

  it.each(databases.eachSupportedId())(
    'create every table, roll back to nothing and apply again, on %s',
    async databaseId => {
      const knex = await databases.init(databaseId);

      await knex.migrate.latest({ directory: migrationsDir });
      for (const table of TABLES) {
        expect(await knex.schema.hasTable(table)).toBe(true);
      }
      await knex('freight').insert({
        registry: 'docker.io',
        repository: 'library/node',
        tag: '22',
        digest: 'sha256:aaa',
        platform_digests: '{}',
        first_seen: '2026-01-01T00:00:00.000Z',
        source: 'registry',
      });
      // The unique version key holds at the schema level. Matched by message:
      // better-sqlite3's errors are not always seen as jest's Error.
      await expect(
        knex('freight').insert({
          registry: 'docker.io',
          repository: 'library/node',
          tag: '22',
          digest: 'sha256:aaa',
          platform_digests: '{}',
          first_seen: '2026-02-01T00:00:00.000Z',
          source: 'registry',
        }),
      ).rejects.toMatchObject({ message: expect.stringMatching(/unique/i) });

      await knex.migrate.rollback({ directory: migrationsDir }, true);
      for (const table of TABLES) {
        expect(await knex.schema.hasTable(table)).toBe(false);
      }

      await knex.migrate.latest({ directory: migrationsDir });
      expect(await knex('freight').select()).toEqual([]);
      expect(
        await knex.migrate.currentVersion({ directory: migrationsDir }),
      ).toBe(readdirSync(migrationsDir).sort().pop()!.split('_')[0]);
    },
  );
});
