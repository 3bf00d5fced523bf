import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { TestDatabases } from '@backstage/backend-test-utils';
import { readdirSync } from 'node:fs';

jest.setTimeout(60_000);

const migrationsDir = resolvePackagePath(
  '@image-factory/backstage-plugin-image-factory-backend',
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

  it.each(databases.eachSupportedId())(
    'rewrites the queued and in-progress rebuilds as running, and back, on %s',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const before = readdirSync(migrationsDir)
        .sort()
        .filter(file => file < '20261202000000_rebuildStatusRunning.js');
      for (const name of before) {
        await knex.migrate.up({ directory: migrationsDir, name });
      }
      const rebuild = (id: string, status: string) => ({
        id,
        entity_ref: 'component:default/payments',
        trigger_key: `component:default/payments|${id}`,
        trigger: 'auto',
        requested_by: 'image-factory',
        requested_at: '2026-01-01T00:00:00.000Z',
        provider: 'github',
        status,
        base_digests: '{}',
        updated_at: '2026-01-01T00:00:00.000Z',
      });
      const ids = {
        queued: '00000000-0000-4000-8000-000000000001',
        in_progress: '00000000-0000-4000-8000-000000000002',
        dispatched: '00000000-0000-4000-8000-000000000003',
        completed: '00000000-0000-4000-8000-000000000004',
      };
      await knex('rebuilds').insert(
        Object.entries(ids).map(([status, id]) => rebuild(id, status)),
      );
      const statuses = async () =>
        Object.fromEntries(
          (await knex('rebuilds').select('id', 'status')).map(row => [
            row.id,
            row.status,
          ]),
        );

      await knex.migrate.up({
        directory: migrationsDir,
        name: '20261202000000_rebuildStatusRunning.js',
      });
      expect(await statuses()).toEqual({
        [ids.queued]: 'running',
        [ids.in_progress]: 'running',
        [ids.dispatched]: 'dispatched',
        [ids.completed]: 'completed',
      });

      await knex.migrate.down({
        directory: migrationsDir,
        name: '20261202000000_rebuildStatusRunning.js',
      });
      expect(await statuses()).toEqual({
        [ids.queued]: 'in_progress',
        [ids.in_progress]: 'in_progress',
        [ids.dispatched]: 'dispatched',
        [ids.completed]: 'completed',
      });
    },
  );
});
