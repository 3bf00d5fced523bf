import { NotFoundError } from '@backstage/errors';
import { DatabaseService } from '@backstage/backend-plugin-api';
import type {
  FreightRecord,
  SignatureCheck,
  VulnerabilitySummary,
} from '@image-factory/backstage-plugin-image-factory-common';
import { Knex } from 'knex';
import { checkInteger } from './checkQueryValues';
import {
  fromDbCount,
  fromDbTimestamp,
  toDbJson,
  toDbTimestamp,
} from './convertDbValues';
import {
  CreateRebuildResult,
  ImageFactoryStore,
  ListImageStatusesOptions,
} from './ImageFactoryStore';
import { listImageStatuses } from './listImageStatuses';
import { migrateWhenFree } from './migrateWhenFree';
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
import { PipelineLeaseTable } from './PipelineLeaseTable';
import { PipelineRunsTable } from './PipelineRunsTable';
import { RebuildsTable } from './RebuildsTable';
import { replaceRows } from './replaceRows';
import {
  BaseImageStatusRecord,
  DockerfileCacheRecord,
  ImageStatusRecord,
  NewRebuild,
  PipelineRunRecord,
  RebuildPatch,
  RebuildRecord,
  RegistryCheckRecord,
  RegistryHoldRecord,
  ReplaceResult,
} from './types';

/**
 * The {@link ImageFactoryStore} on the plugin's knex database (SQLite or
 * PostgreSQL).
 *
 * @public
 */
export class DatabaseImageFactoryStore implements ImageFactoryStore {
  private readonly rebuilds: RebuildsTable;
  private readonly runs: PipelineRunsTable;
  private readonly lease: PipelineLeaseTable;

  private constructor(private readonly db: Knex) {
    this.rebuilds = new RebuildsTable(db);
    this.runs = new PipelineRunsTable(db);
    this.lease = new PipelineLeaseTable(db);
  }

  /** Connects to the plugin's database and brings its schema up to date. */
  static async create(options: {
    database: DatabaseService;
    skipMigrations?: boolean;
  }): Promise<DatabaseImageFactoryStore> {
    const client = await options.database.getClient();
    if (!options.database.migrations?.skip && !options.skipMigrations) {
      await migrateWhenFree(client);
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
      now: new Date().toISOString(),
    });
  }

  async getBaseImageStatus(
    name: string,
  ): Promise<BaseImageStatusRecord | undefined> {
    const row = await this.db('base_image_status').where('name', name).first();
    return row ? fromBaseImageStatusRow(row) : undefined;
  }

  async listImageEntityRefs(): Promise<string[]> {
    const rows = await this.db('image_status')
      .select('entity_ref')
      .orderBy('entity_ref');
    return rows.map(row => row.entity_ref as string);
  }

  async listBaseImageStatuses(options: {
    offset: number;
    limit: number;
  }): Promise<{ items: BaseImageStatusRecord[]; totalCount: number }> {
    checkInteger('offset', options.offset, 0, Number.MAX_SAFE_INTEGER);
    checkInteger('limit', options.limit, 1, 10_000);
    const [{ count }] = await this.db('base_image_status').count({
      count: '*',
    });
    const rows = await this.db('base_image_status')
      .orderBy([
        { column: 'dependents_count', order: 'desc' },
        { column: 'name', order: 'asc' },
      ])
      .offset(options.offset)
      .limit(options.limit);
    return {
      items: rows.map(fromBaseImageStatusRow),
      totalCount: fromDbCount(count as string | number),
    };
  }

  async getBaseImageStatuses(
    names: readonly string[],
  ): Promise<BaseImageStatusRecord[]> {
    const found: BaseImageStatusRecord[] = [];
    // Bounded batches: SQLite limits the number of bound parameters.
    for (let i = 0; i < names.length; i += 500) {
      const rows = await this.db('base_image_status')
        .whereIn('name', names.slice(i, i + 500))
        .orderBy('name');
      found.push(...rows.map(fromBaseImageStatusRow));
    }
    return found.sort((a, b) => a.name.localeCompare(b.name));
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

  async recordEvidence(
    checks: ReadonlyArray<{
      registry: string;
      repository: string;
      digest: string;
      signature?: SignatureCheck;
      vulnerabilities?: VulnerabilitySummary;
    }>,
  ): Promise<void> {
    for (const check of checks) {
      await this.db('freight')
        .where({
          registry: check.registry,
          repository: check.repository,
          digest: check.digest,
        })
        .update({
          ...(check.signature && { signature: toDbJson(check.signature) }),
          ...(check.vulnerabilities && {
            vulnerabilities: toDbJson(check.vulnerabilities),
          }),
        });
    }
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

  async listFreightOfTags(
    tags: ReadonlyArray<{ registry: string; repository: string; tag: string }>,
  ): Promise<FreightRecord[]> {
    const wanted = new Set(
      tags.map(t => JSON.stringify([t.registry, t.repository, t.tag])),
    );
    const repositories = new Map<string, Set<string>>();
    for (const t of tags) {
      const set = repositories.get(t.registry) ?? new Set<string>();
      set.add(t.repository);
      repositories.set(t.registry, set);
    }
    const found: FreightRecord[] = [];
    // By registry and repository, the index's columns; chunks stay under
    // SQLite's limit on bound parameters.
    for (const [registry, names] of repositories) {
      const list = [...names];
      for (let i = 0; i < list.length; i += 500) {
        const rows = await this.db('freight')
          .where('registry', registry)
          .whereIn('repository', list.slice(i, i + 500))
          .select();
        for (const row of rows) {
          const record = fromFreightRow(row);
          const key = JSON.stringify([
            record.registry,
            record.repository,
            record.tag,
          ]);
          if (wanted.has(key)) found.push(record);
        }
      }
    }
    return found;
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

  async getRegistryHolds(now: Date): Promise<RegistryHoldRecord[]> {
    const rows = await this.db('registry_holds')
      .where('until', '>', now.toISOString())
      .orderBy('registry');
    return rows.map(row => ({
      registry: row.registry,
      until: fromDbTimestamp(row.until) as string,
      reason: row.reason,
    }));
  }

  async putRegistryHolds(
    records: readonly RegistryHoldRecord[],
  ): Promise<void> {
    for (const record of records) {
      const until = toDbTimestamp(record.until, 'until');
      const row = { registry: record.registry, until, reason: record.reason };
      const existing = await this.db('registry_holds')
        .where('registry', record.registry)
        .first();
      if (!existing) {
        await this.db('registry_holds')
          .insert(row)
          .onConflict('registry')
          .merge();
      } else if ((fromDbTimestamp(existing.until) as string) < until) {
        await this.db('registry_holds')
          .where('registry', record.registry)
          .update(row);
      }
    }
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

  requestRun(
    options: { forceAnalysis?: readonly string[] } = {},
  ): Promise<PipelineRunRecord> {
    return this.runs.request(options.forceAnalysis ?? []);
  }

  getQueuedRun(): Promise<PipelineRunRecord | undefined> {
    return this.runs.getQueued();
  }

  claimQueuedRun(): Promise<PipelineRunRecord | undefined> {
    return this.runs.claimQueued();
  }

  failRunningRuns(error: string): Promise<number> {
    return this.runs.failRunning(error);
  }

  finishRun(
    id: string,
    result: { summary?: unknown; error?: string },
  ): Promise<PipelineRunRecord> {
    return this.runs.finish(id, result);
  }

  getRun(id: string): Promise<PipelineRunRecord | undefined> {
    return this.runs.get(id);
  }

  acquirePipelineLease(holder: string, leaseMs: number): Promise<boolean> {
    return this.lease.acquire(holder, leaseMs);
  }

  renewPipelineLease(holder: string, leaseMs: number): Promise<boolean> {
    return this.lease.renew(holder, leaseMs);
  }

  releasePipelineLease(holder: string): Promise<void> {
    return this.lease.release(holder);
  }
}
