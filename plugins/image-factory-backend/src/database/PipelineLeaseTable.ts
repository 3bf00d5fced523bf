import { Knex } from 'knex';

const NAME = 'pipeline';

/**
 * The `pipeline_lock` table: one row, the lease of the replica running the
 * pipeline. A lease ends when its holder releases it or lets it expire (a
 * process killed mid-run), so a crash never blocks the fleet for longer than one
 * lease. Times are the replicas' clocks, so leases assume clocks that agree
 * within seconds, as the scheduler's do.
 */
export class PipelineLeaseTable {
  constructor(private readonly db: Knex) {}

  /** Takes the lease when it is free or expired; false when another holds it. */
  async acquire(holder: string, leaseMs: number): Promise<boolean> {
    const now = new Date();
    const expiresAt = new Date(now.getTime() + leaseMs).toISOString();
    const taken = await this.db('pipeline_lock')
      .where('name', NAME)
      .andWhere(free =>
        free.whereNull('holder').orWhere('expires_at', '<', now.toISOString()),
      )
      .update({ holder, expires_at: expiresAt });
    if (taken === 0) {
      await this.db('pipeline_lock')
        .insert({ name: NAME, holder, expires_at: expiresAt })
        .onConflict('name')
        .ignore();
    }
    const row = await this.db('pipeline_lock').where('name', NAME).first();
    return row?.holder === holder;
  }

  /** Extends the lease; false when it was lost (expired and taken by another). */
  async renew(holder: string, leaseMs: number): Promise<boolean> {
    const count = await this.db('pipeline_lock')
      .where({ name: NAME, holder })
      .update({
        expires_at: new Date(Date.now() + leaseMs).toISOString(),
      });
    return count === 1;
  }

  async release(holder: string): Promise<void> {
    await this.db('pipeline_lock')
      .where({ name: NAME, holder })
      .update({ holder: null, expires_at: null });
  }
}
