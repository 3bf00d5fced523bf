import { NotFoundError } from '@backstage/errors';
import { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { checkInteger, isUuid } from './checkQueryValues';
import {
  fromDbCount,
  toDbJson,
  toDbTimestamp,
  toNullableDbTimestamp,
} from './convertDbValues';
import { CreateRebuildResult } from './ImageFactoryStore';
import { fromRebuildRow, toRebuildRow } from './mapStoreRows';
import { ACTIVE_STATUS_COLUMN_VALUES } from './rebuildColumns';
import { NewRebuild, RebuildPatch, RebuildRecord } from './types';

const PATCH_COLUMNS = {
  status: 'status',
  runId: 'run_id',
  runUrl: 'run_url',
  ref: 'ref',
  conclusion: 'conclusion',
  error: 'error',
  provider: 'provider',
} as const;

/** The `rebuilds` table: the rebuild operations of the Image Factory store. */
export class RebuildsTable {
  constructor(private readonly db: Knex) {}

  async create(rebuild: NewRebuild): Promise<CreateRebuildResult> {
    const now = new Date().toISOString();
    const id = randomUUID();
    const row = toRebuildRow({
      ...rebuild,
      id,
      status: rebuild.status ?? 'requested',
      requestedAt: rebuild.requestedAt ?? now,
      updatedAt: now,
    });
    // One statement: the unique index, not a prior read, decides between
    // replicas racing to record the same rebuild.
    const inserted = await this.db('rebuilds')
      .insert(row)
      .onConflict('trigger_key')
      .ignore()
      .returning('id');
    if (inserted.length === 1) {
      return { created: true, rebuild: await this.getExisting(id) };
    }
    const existing = await this.db('rebuilds')
      .where('trigger_key', rebuild.triggerKey)
      .first();
    return { created: false, existing: fromRebuildRow(existing) };
  }

  async update(id: string, patch: RebuildPatch): Promise<RebuildRecord> {
    const changes: Record<string, unknown> = {
      updated_at: new Date().toISOString(),
    };
    for (const [field, column] of Object.entries(PATCH_COLUMNS)) {
      const value = patch[field as keyof typeof PATCH_COLUMNS];
      if (value !== undefined) changes[column] = value;
    }
    if (patch.dispatchedAt !== undefined) {
      changes.dispatched_at = toDbTimestamp(patch.dispatchedAt, 'dispatchedAt');
    }
    if (patch.verification !== undefined) {
      changes.verification = toDbJson(patch.verification);
    }
    if (patch.finishedAt !== undefined) {
      changes.finished_at = toNullableDbTimestamp(
        patch.finishedAt,
        'finishedAt',
      );
    }
    const count = isUuid(id)
      ? await this.db('rebuilds').where('id', id).update(changes)
      : 0;
    if (count === 0) {
      throw new NotFoundError(`No rebuild with id ${id}`);
    }
    return this.getExisting(id);
  }

  async get(id: string): Promise<RebuildRecord | undefined> {
    if (!isUuid(id)) return undefined;
    const row = await this.db('rebuilds').where('id', id).first();
    return row ? fromRebuildRow(row) : undefined;
  }

  async list(options: {
    entityRef?: string;
    active?: boolean;
    limit?: number;
  }): Promise<RebuildRecord[]> {
    const query = this.db('rebuilds');
    if (options.entityRef !== undefined) {
      query.where('entity_ref', options.entityRef);
    }
    if (options.active === true) {
      query.whereIn('status', ACTIVE_STATUS_COLUMN_VALUES);
    } else if (options.active === false) {
      query.whereNotIn('status', ACTIVE_STATUS_COLUMN_VALUES);
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

  async countEmergencies(options: {
    entityRef?: string;
    since?: string;
  }): Promise<number> {
    // Evidence rebuilds skip the delay too, and count with emergency ones.
    const query = this.db('rebuilds').whereIn('trigger', [
      'emergency',
      'evidence',
    ]);
    if (options.entityRef !== undefined) {
      query.where('entity_ref', options.entityRef);
    }
    if (options.since !== undefined) {
      query.where('requested_at', '>=', toDbTimestamp(options.since, 'since'));
    }
    const [{ count }] = await query.count({ count: '*' });
    return fromDbCount(count);
  }

  private async getExisting(id: string): Promise<RebuildRecord> {
    const rebuild = await this.get(id);
    if (!rebuild) {
      throw new NotFoundError(`No rebuild with id ${id}`);
    }
    return rebuild;
  }
}
