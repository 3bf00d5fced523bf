import { NotFoundError } from '@backstage/errors';
import { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { isUuid } from './checkQueryValues';
import { toDbJson } from './convertDbValues';
import { fromPipelineRunRow } from './mapStoreRows';
import { PipelineRunRecord } from './types';

/** The `pipeline_runs` table: when the scheduled pipeline ran and how it ended. */
export class PipelineRunsTable {
  constructor(private readonly db: Knex) {}

  async start(): Promise<PipelineRunRecord> {
    const run = { id: randomUUID(), startedAt: new Date().toISOString() };
    await this.db('pipeline_runs').insert({
      id: run.id,
      started_at: run.startedAt,
    });
    return run;
  }

  async finish(
    id: string,
    result: { summary?: unknown; error?: string },
  ): Promise<PipelineRunRecord> {
    const count = isUuid(id)
      ? await this.db('pipeline_runs')
          .where('id', id)
          .update({
            finished_at: new Date().toISOString(),
            summary:
              result.summary === undefined ? null : toDbJson(result.summary),
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

  async getLast(options: {
    finished?: boolean;
  }): Promise<PipelineRunRecord | undefined> {
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
