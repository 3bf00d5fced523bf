import { NotFoundError } from '@backstage/errors';
import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { checkInteger } from './checkQueryValues';
import {
  CreateRebuildResult,
  ImageFactoryStore,
  ListImageStatusesOptions,
} from './ImageFactoryStore';
import { listImageStatuses } from './listImageStatuses';
import {
  fromBaseImageStatusRow,
  fromDockerfileCacheRow,
  fromFreightRow,
  fromImageStatusRow,
  fromRegistryCheckRow,
  toBaseImageStatusRow,
  toDockerfileCacheRow,
  toFreightRow,
  toImageStatusRow,
  toRegistryCheckRow,
} from './mapStoreRows';
import { PipelineRunsTable } from './PipelineRunsTable';
import { RebuildsTable } from './RebuildsTable';
import { replaceRows } from './replaceRows';
import {
  BaseImageStatusRecord,
  DockerfileCacheRecord,
  FreightRecord,
  ImageStatusRecord,
  NewRebuild,
  PipelineRunRecord,
  RebuildPatch,
  RebuildRecord,
  RegistryCheckRecord,
  ReplaceResult,
} from './types';

const migrationsDir = resolvePackagePath(
  '@internal/plugin-image-factory-backend',
  'migrations',
);

/**
 * The {@link ImageFactoryStore} on the plugin's knex database (SQLite or
 * PostgreSQL).
 *
 * @public
 */
export class DatabaseImageFactoryStore implements ImageFactoryStore {
  private readonly rebuilds: RebuildsTable;
  private readonly runs: PipelineRunsTable;

  private constructor(private readonly db: Knex) {
    this.rebuilds = new RebuildsTable(db);
    this.runs = new PipelineRunsTable(db);
  }

  /** Connects to the plugin's database and brings its schema up to date. */
  static async create(options: {
    database: DatabaseService;
    skipMigrations?: boolean;
  }): Promise<DatabaseImageFactoryStore> {
    const client = await options.database.getClient();
    if (!options.database.migrations?.skip && !options.skipMigrations) {
      await client.migrate.latest({ directory: migrationsDir });
    }
    return new DatabaseImageFactoryStore(client);
  }

  async replaceImageStatuses(
    records: ReadonlyArray<Omit<ImageStatusRecord, 'updatedAt'>>,
  ): Promise<ReplaceResult> {
    return replaceRows({
      knex: this.db,
      table: 'image_status',
      key: 'entity_ref',
      rows: records.map(toImageStatusRow),
      timestampColumns: ['eligible_at', 'stale_since'],
      now: new Date().toISOString(),
    });
  }

  async updateImageStatus(
    record: Omit<ImageStatusRecord, 'updatedAt'>,
  ): Promise<void> {
    const row = toImageStatusRow(record);
    const updated = await this.db('image_status')
      .where('entity_ref', record.entityRef)
      .update({ ...row, updated_at: new Date().toISOString() });
    if (updated === 0) {
      throw new NotFoundError(`No image status for ${record.entityRef}`);
    }
  }

  async getImageStatus(
    entityRef: string,
  ): Promise<ImageStatusRecord | undefined> {
    const row = await this.db('image_status')
      .where('entity_ref', entityRef)
      .first();
    return row ? fromImageStatusRow(row) : undefined;
  }

  async listImageStatuses(
    options: ListImageStatusesOptions = {},
  ): Promise<{ items: ImageStatusRecord[]; totalCount: number }> {
    return listImageStatuses(this.db, options);
  }

  async replaceBaseImageStatuses(
    records: ReadonlyArray<Omit<BaseImageStatusRecord, 'updatedAt'>>,
  ): Promise<ReplaceResult> {
    return replaceRows({
      knex: this.db,
      table: 'base_image_status',
      key: 'name',
      rows: records.map(toBaseImageStatusRow),
      timestampColumns: [],
      now: new Date().toISOString(),
    });
  }

  async getBaseImageStatus(
    name: string,
  ): Promise<BaseImageStatusRecord | undefined> {
    const row = await this.db('base_image_status').where('name', name).first();
    return row ? fromBaseImageStatusRow(row) : undefined;
  }

  async listBaseImageStatuses(): Promise<BaseImageStatusRecord[]> {
    const rows = await this.db('base_image_status').orderBy('name').select();
    return rows.map(fromBaseImageStatusRow);
  }

  async addFreight(
    records: ReadonlyArray<
      Omit<FreightRecord, 'firstSeen'> & { firstSeen?: string }
    >,
  ): Promise<FreightRecord[]> {
    const now = new Date().toISOString();
    const rows = records.map(r =>
      toFreightRow({ ...r, firstSeen: r.firstSeen ?? now }),
    );
    const added: FreightRecord[] = [];
    for (let i = 0; i < rows.length; i += 100) {
      const inserted = await this.db('freight')
        .insert(rows.slice(i, i + 100))
        .onConflict(['registry', 'repository', 'tag', 'digest'])
        .ignore()
        .returning([
          'registry',
          'repository',
          'tag',
          'digest',
          'platform_digests',
          'first_seen',
          'source',
        ]);
      added.push(...inserted.map(fromFreightRow));
    }
    return added;
  }

  async listFreight(options: {
    registry: string;
    repository: string;
    tag?: string;
    limit?: number;
  }): Promise<FreightRecord[]> {
    const query = this.db('freight').where({
      registry: options.registry,
      repository: options.repository,
    });
    if (options.tag !== undefined) query.where('tag', options.tag);
    if (options.limit !== undefined) {
      checkInteger('limit', options.limit, 1, 10_000);
      query.limit(options.limit);
    }
    const rows = await query
      .orderBy('first_seen', 'desc')
      .orderBy('id', 'desc')
      .select();
    return rows.map(fromFreightRow);
  }

  async getRegistryChecks(): Promise<RegistryCheckRecord[]> {
    const rows = await this.db('registry_checks').orderBy('target').select();
    return rows.map(fromRegistryCheckRow);
  }

  // One transaction per batch: on SQLite each implicit transaction costs a sync to
  // disk, which dominated a 1,000-image pipeline run.
  async putRegistryChecks(
    records: readonly RegistryCheckRecord[],
  ): Promise<void> {
    await this.db.transaction(async tx => {
      for (const record of records) {
        await tx('registry_checks')
          .insert(toRegistryCheckRow(record))
          .onConflict('target')
          .merge();
      }
    });
  }

  async getDockerfileCaches(
    locations: readonly string[],
  ): Promise<Map<string, DockerfileCacheRecord>> {
    const found = new Map<string, DockerfileCacheRecord>();
    // Chunks stay under SQLite's limit on bound parameters.
    for (let i = 0; i < locations.length; i += 500) {
      const rows = await this.db('dockerfile_cache')
        .whereIn('location', locations.slice(i, i + 500))
        .select();
      for (const row of rows) {
        const record = fromDockerfileCacheRow(row);
        found.set(record.location, record);
      }
    }
    return found;
  }

  async putDockerfileCaches(
    records: readonly DockerfileCacheRecord[],
  ): Promise<void> {
    await this.db.transaction(async tx => {
      for (const record of records) {
        await tx('dockerfile_cache')
          .insert(toDockerfileCacheRow(record))
          .onConflict('location')
          .merge();
      }
    });
  }

  createRebuild(rebuild: NewRebuild): Promise<CreateRebuildResult> {
    return this.rebuilds.create(rebuild);
  }

  updateRebuild(id: string, patch: RebuildPatch): Promise<RebuildRecord> {
    return this.rebuilds.update(id, patch);
  }

  getRebuild(id: string): Promise<RebuildRecord | undefined> {
    return this.rebuilds.get(id);
  }

  listRebuilds(
    options: { entityRef?: string; active?: boolean; limit?: number } = {},
  ): Promise<RebuildRecord[]> {
    return this.rebuilds.list(options);
  }

  countEmergencyRebuilds(
    options: { entityRef?: string; since?: string } = {},
  ): Promise<number> {
    return this.rebuilds.countEmergencies(options);
  }

  startRun(): Promise<PipelineRunRecord> {
    return this.runs.start();
  }

  finishRun(
    id: string,
    result: { summary?: unknown; error?: string },
  ): Promise<PipelineRunRecord> {
    return this.runs.finish(id, result);
  }

  getLastRun(
    options: { finished?: boolean } = {},
  ): Promise<PipelineRunRecord | undefined> {
    return this.runs.getLast(options);
  }
}
