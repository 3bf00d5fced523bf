import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import {
  fromDbCount,
  toDbJson,
  toDbTimestamp,
  toNullableDbTimestamp,
} from './convertDbValues';
import {
  CreateRebuildResult,
  ImageFactoryStore,
  ListImageStatusesOptions,
} from './ImageFactoryStore';
import {
  fromBaseImageStatusRow,
  fromDockerfileCacheRow,
  fromFreightRow,
  fromImageStatusRow,
  fromPipelineRunRow,
  fromRebuildRow,
  fromRegistryCheckRow,
  toBaseImageStatusRow,
  toDockerfileCacheRow,
  toFreightRow,
  toImageStatusRow,
  toRebuildRow,
  toRegistryCheckRow,
} from './mapStoreRows';
import { replaceRows } from './replaceRows';
import {
  ACTIVE_REBUILD_STATUSES,
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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function checkInteger(name: string, value: number, min: number, max: number) {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new InputError(`${name} must be an integer from ${min} to ${max}`);
  }
}

/** Escapes LIKE wildcards so a search matches its text literally. */
function likePattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, c => `\\${c}`)}%`;
}

/**
 * The {@link ImageFactoryStore} on the plugin's knex database (SQLite or
 * PostgreSQL).
 *
 * @public
 */
export class DatabaseImageFactoryStore implements ImageFactoryStore {
  private constructor(private readonly db: Knex) {}

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
    const { offset = 0, limit = 100, order = 'name' } = options;
    checkInteger('offset', offset, 0, Number.MAX_SAFE_INTEGER);
    checkInteger('limit', limit, 1, 1000);
    const query = this.db('image_status');
    if (options.state !== undefined) {
      query.whereIn(
        'eligibility_state',
        ([] as string[]).concat(options.state),
      );
    }
    if (options.owner !== undefined) query.where('owner', options.owner);
    if (options.kind !== undefined) query.where('kind', options.kind);
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
      // Portable "NULLS LAST": SQLite sorts nulls first in ascending order.
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

  async putRegistryCheck(record: RegistryCheckRecord): Promise<void> {
    await this.db('registry_checks')
      .insert(toRegistryCheckRow(record))
      .onConflict('target')
      .merge();
  }

  async getDockerfileCache(
    location: string,
  ): Promise<DockerfileCacheRecord | undefined> {
    const row = await this.db('dockerfile_cache')
      .where('location', location)
      .first();
    return row ? fromDockerfileCacheRow(row) : undefined;
  }

  async putDockerfileCache(record: DockerfileCacheRecord): Promise<void> {
    await this.db('dockerfile_cache')
      .insert(toDockerfileCacheRow(record))
      .onConflict('location')
      .merge();
  }

  async createRebuild(rebuild: NewRebuild): Promise<CreateRebuildResult> {
    const now = new Date().toISOString();
    const row = toRebuildRow({
      ...rebuild,
      id: randomUUID(),
      status: rebuild.status ?? 'requested',
      requestedAt: rebuild.requestedAt ?? now,
      updatedAt: now,
    });
    // One statement: the unique index decides between racing replicas.
    const inserted = await this.db('rebuilds')
      .insert(row)
      .onConflict('trigger_key')
      .ignore()
      .returning('id');
    if (inserted.length === 1) {
      return { created: true, rebuild: (await this.getRebuild(row.id as string))! };
    }
    const existing = await this.db('rebuilds')
      .where('trigger_key', rebuild.triggerKey)
      .first();
    return { created: false, existing: fromRebuildRow(existing) };
  }

  async updateRebuild(id: string, patch: RebuildPatch): Promise<RebuildRecord> {
    const changes: Record<string, unknown> = {
      updated_at: new Date().toISOString(),
    };
    const columns = {
      status: 'status',
      runId: 'run_id',
      runUrl: 'run_url',
      conclusion: 'conclusion',
      error: 'error',
      provider: 'provider',
    } as const;
    for (const [field, column] of Object.entries(columns)) {
      const value = patch[field as keyof typeof columns];
      if (value !== undefined) changes[column] = value;
    }
    if (patch.finishedAt !== undefined) {
      changes.finished_at = toNullableDbTimestamp(patch.finishedAt, 'finishedAt');
    }
    const count = UUID.test(id)
      ? await this.db('rebuilds').where('id', id).update(changes)
      : 0;
    if (count === 0) {
      throw new NotFoundError(`No rebuild with id ${id}`);
    }
    return (await this.getRebuild(id))!;
  }

  async getRebuild(id: string): Promise<RebuildRecord | undefined> {
    if (!UUID.test(id)) return undefined;
    const row = await this.db('rebuilds').where('id', id).first();
    return row ? fromRebuildRow(row) : undefined;
  }

  async listRebuilds(
    options: { entityRef?: string; active?: boolean; limit?: number } = {},
  ): Promise<RebuildRecord[]> {
    const query = this.db('rebuilds');
    if (options.entityRef !== undefined) {
      query.where('entity_ref', options.entityRef);
    }
    if (options.active === true) {
      query.whereIn('status', ACTIVE_REBUILD_STATUSES);
    } else if (options.active === false) {
      query.whereNotIn('status', ACTIVE_REBUILD_STATUSES);
    }
    if (options.limit !== undefined) {
      checkInteger('limit', options.limit, 1, 10_000);
      query.limit(options.limit);
    }
    const rows = await query
      .orderBy('requested_at', 'desc')
      .orderBy('id', 'desc')
      .select();
    return rows.map(fromRebuildRow);
  }

  async countEmergencyRebuilds(
    options: { entityRef?: string; since?: string } = {},
  ): Promise<number> {
    const query = this.db('rebuilds').where('trigger', 'emergency');
    if (options.entityRef !== undefined) {
      query.where('entity_ref', options.entityRef);
    }
    if (options.since !== undefined) {
      query.where('requested_at', '>=', toDbTimestamp(options.since, 'since'));
    }
    const [{ count }] = await query.count({ count: '*' });
    return fromDbCount(count);
  }

  async startRun(): Promise<PipelineRunRecord> {
    const run = { id: randomUUID(), startedAt: new Date().toISOString() };
    await this.db('pipeline_runs').insert({
      id: run.id,
      started_at: run.startedAt,
    });
    return run;
  }

  async finishRun(
    id: string,
    result: { summary?: unknown; error?: string },
  ): Promise<PipelineRunRecord> {
    const count = UUID.test(id)
      ? await this.db('pipeline_runs')
          .where('id', id)
          .update({
            finished_at: new Date().toISOString(),
            summary: result.summary === undefined ? null : toDbJson(result.summary),
            error: result.error ?? null,
          })
      : 0;
    if (count === 0) {
      throw new NotFoundError(`No pipeline run with id ${id}`);
    }
    return fromPipelineRunRow(
      await this.db('pipeline_runs').where('id', id).first(),
    );
  }

  async getLastRun(
    options: { finished?: boolean } = {},
  ): Promise<PipelineRunRecord | undefined> {
    const query = this.db('pipeline_runs');
    if (options.finished) {
      query.whereNotNull('finished_at').orderBy('finished_at', 'desc');
    }
    const row = await query
      .orderBy('started_at', 'desc')
      .orderBy('id', 'desc')
      .first();
    return row ? fromPipelineRunRow(row) : undefined;
  }
}
