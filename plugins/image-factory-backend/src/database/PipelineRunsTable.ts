import { ConflictError, NotFoundError } from '@backstage/errors';
import { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { isUuid } from './checkQueryValues';
import { toDbJson } from './convertDbValues';
import { fromPipelineRunRow } from './mapStoreRows';
import { PipelineRunRecord } from './types';

// The one queued run holds this in `queue_slot`; its unique index is what keeps
// two replicas from queueing a second run at the same moment.
const NEXT = 'next';
// Enough for every replica and request of a burst to get its turn.
const MAX_ATTEMPTS = 50;

/** The `pipeline_runs` table: the queued run, and when each run ran and how it ended. */
export class PipelineRunsTable {
  constructor(private readonly db: Knex) {}

  /**
   * The queued run, with `forceAnalysis` added to it; a new queued run when there
   * is none. However many callers ask at once, at most one run is queued.
   */
  async request(forceAnalysis: readonly string[]): Promise<PipelineRunRecord> {
    // Compare-and-swap: each pass reads the queued run and changes it only if
    // no one else did since; a lost race is read again, never overwritten.
    for (let attempt = 1; ; attempt++) {
      const queued = await this.db('pipeline_runs')
        .where('queue_slot', NEXT)
        .first();
      try {
        if (queued) {
          const record = fromPipelineRunRow(queued);
          const merged = [
            ...new Set([...record.forceAnalysis, ...forceAnalysis]),
          ].sort();
          if (merged.length === record.forceAnalysis.length) return record;
          const count = await this.db('pipeline_runs')
            .where({
              id: record.id,
              queue_slot: NEXT,
              force_analysis: queued.force_analysis,
            })
            .update({ force_analysis: toDbJson(merged) });
          if (count === 1) return { ...record, forceAnalysis: merged };
        } else {
          const id = randomUUID();
          await this.db('pipeline_runs').insert({
            id,
            status: 'queued',
            queued_at: new Date().toISOString(),
            force_analysis: toDbJson([...new Set(forceAnalysis)].sort()),
            queue_slot: NEXT,
          });
          return (await this.get(id)) as PipelineRunRecord;
        }
      } catch (error) {
        // The unique queue slot refused our insert: another caller queued a run
        // between our read and our insert. Join it.
        if (attempt >= MAX_ATTEMPTS) throw error;
        continue;
      }
      if (attempt >= MAX_ATTEMPTS) {
        throw new ConflictError(
          'The queued pipeline run kept changing; ask again',
        );
      }
    }
  }

  async getQueued(): Promise<PipelineRunRecord | undefined> {
    const row = await this.db('pipeline_runs')
      .where('queue_slot', NEXT)
      .first();
    return row ? fromPipelineRunRow(row) : undefined;
  }

  /** Takes the queued run: it is now running. Undefined when nothing is queued. */
  async claimQueued(): Promise<PipelineRunRecord | undefined> {
    const queued = await this.db('pipeline_runs')
      .where('queue_slot', NEXT)
      .first();
    if (!queued) return undefined;
    const count = await this.db('pipeline_runs')
      .where({ id: queued.id, queue_slot: NEXT })
      .update({
        queue_slot: null,
        status: 'running',
        started_at: new Date().toISOString(),
      });
    return count === 1 ? this.get(queued.id) : undefined;
  }

  /** Ends every run still marked running; only the lease holder may call it. */
  async failRunning(error: string): Promise<number> {
    return this.db('pipeline_runs').where('status', 'running').update({
      status: 'failed',
      finished_at: new Date().toISOString(),
      error,
    });
  }

  async finish(
    id: string,
    result: { summary?: unknown; error?: string },
  ): Promise<PipelineRunRecord> {
    const count = isUuid(id)
      ? await this.db('pipeline_runs')
          .where('id', id)
          .update({
            status: result.error === undefined ? 'succeeded' : 'failed',
            finished_at: new Date().toISOString(),
            summary:
              result.summary === undefined ? null : toDbJson(result.summary),
            error: result.error ?? null,
          })
      : 0;
    if (count === 0) {
      throw new NotFoundError(`No pipeline run with id ${id}`);
    }
    return (await this.get(id)) as PipelineRunRecord;
  }

  async get(id: string): Promise<PipelineRunRecord | undefined> {
    if (!isUuid(id)) return undefined;
    const row = await this.db('pipeline_runs').where('id', id).first();
    return row ? fromPipelineRunRow(row) : undefined;
  }
}
