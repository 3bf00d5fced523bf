import { LoggerService } from '@backstage/backend-plugin-api';
import { RefreshSummary } from '@image-factory/backstage-plugin-image-factory-common';
import { randomUUID } from 'node:crypto';
import { ImageFactoryStore, PipelineRunRecord } from '../database';

/** What one run is asked to do, and when it must stop. */
export interface RunRequest {
  forceAnalysis: string[];
  signal: AbortSignal;
}

/** Options of {@link RunCoordinator.create}. */
export interface RunCoordinatorOptions {
  store: ImageFactoryStore;
  logger: LoggerService;
  /** One run of the pipeline; it stops between steps once `signal` aborts. */
  run(request: RunRequest): Promise<RefreshSummary>;
  /** A run still going after this long is stopped. */
  deadlineMs: number;
  /** How long a lease lasts unless renewed; a killed holder blocks no longer. Default 60 s. */
  leaseMs?: number;
  /** Told once a run has ended and its outcome is stored. */
  onFinished?(run: FinishedRun): Promise<void>;
}

/** How a run ended. */
export interface FinishedRun {
  id: string;
  status: 'succeeded' | 'failed';
}

const ORPHANED =
  'The backend running it stopped before the run finished; the next run repairs what it left';

/**
 * Keeps runs apart across replicas and callers. Every run, scheduled or asked
 * for through the API, is first queued in the database (joining the run already
 * queued, so a burst of requests costs one run), then run by whichever replica
 * holds the pipeline lease. The holder runs queued runs until none is left, and
 * looks once more after releasing the lease: a run queued while it held the
 * lease is never stranded.
 */
export class RunCoordinator {
  private readonly id = randomUUID();
  private kicked = false;

  private constructor(private readonly options: RunCoordinatorOptions) {}

  static create(options: RunCoordinatorOptions): RunCoordinator {
    return new RunCoordinator(options);
  }

  /** Queues a run and starts it when the lease is free; answers at once. */
  async request(
    options: { forceAnalysis?: readonly string[] } = {},
  ): Promise<PipelineRunRecord> {
    const run = await this.options.store.requestRun(options);
    this.kick();
    return run;
  }

  /** The scheduled run: queued like any other, run here unless a replica is at it. */
  async runScheduled(signal: AbortSignal): Promise<void> {
    await this.options.store.requestRun();
    await this.drain(signal);
  }

  // One background drain per process is enough: it runs whatever is queued.
  private kick(): void {
    if (this.kicked) return;
    this.kicked = true;
    this.drain(undefined, { untilClaimed: true })
      .catch(error =>
        this.options.logger.error(
          'Image Factory could not start the queued run',
          error,
        ),
      )
      .finally(() => {
        this.kicked = false;
      });
  }

  /**
   * Runs queued runs while holding the lease. With `untilClaimed`, a lease held
   * elsewhere is waited for while a run stays queued: its holder may have been
   * killed, and its lease then expires with nobody left to run what was asked.
   */
  private async drain(
    signal?: AbortSignal,
    options: { untilClaimed?: boolean } = {},
  ): Promise<void> {
    const { store } = this.options;
    for (;;) {
      const holder = `${this.id}/${randomUUID()}`;
      if (await store.acquirePipelineLease(holder, this.leaseMs)) {
        try {
          await this.whileHolding(holder, signal);
        } finally {
          await store.releasePipelineLease(holder);
        }
      } else if (!options.untilClaimed) {
        return;
      } else {
        await new Promise(resolve => setTimeout(resolve, this.leaseMs / 4));
      }
      if (signal?.aborted || !(await store.getQueuedRun())) return;
    }
  }

  private async whileHolding(holder: string, signal?: AbortSignal) {
    const { store, logger } = this.options;
    const lost = new AbortController();
    const heartbeat = setInterval(() => {
      store.renewPipelineLease(holder, this.leaseMs).then(
        held => {
          if (!held) lost.abort(new Error('the pipeline lease was lost'));
        },
        error => logger.warn(`Could not renew the pipeline lease: ${error}`),
      );
    }, this.leaseMs / 3);
    try {
      // Holding the lease, nothing else can be running: what says so was cut short.
      await store.failRunningRuns(ORPHANED);
      for (;;) {
        if (signal?.aborted || lost.signal.aborted) return;
        const run = await store.claimQueuedRun();
        if (!run) return;
        await this.execute(
          run,
          AbortSignal.any([
            lost.signal,
            AbortSignal.timeout(this.options.deadlineMs),
            ...(signal ? [signal] : []),
          ]),
        );
      }
    } finally {
      clearInterval(heartbeat);
    }
  }

  private async execute(run: PipelineRunRecord, signal: AbortSignal) {
    const { store, logger } = this.options;
    try {
      const summary = await this.options.run({
        forceAnalysis: run.forceAnalysis,
        signal,
      });
      await store.finishRun(run.id, { summary });
      await this.tellFinished({ id: run.id, status: 'succeeded' });
    } catch (error) {
      const message = signal.aborted
        ? `The run was stopped: ${describeAbort(signal)}`
        : (error as Error).message;
      logger.error(`Image Factory run ${run.id} failed: ${message}`);
      await store.finishRun(run.id, { error: message });
      await this.tellFinished({ id: run.id, status: 'failed' });
    }
  }

  // Whoever listens learns of the run after the fact; failing to tell them
  // changes nothing about the run.
  private async tellFinished(run: FinishedRun): Promise<void> {
    try {
      await this.options.onFinished?.(run);
    } catch (error) {
      this.options.logger.warn(
        `Could not announce the end of Image Factory run ${run.id}: ${error}`,
      );
    }
  }

  private get leaseMs(): number {
    return this.options.leaseMs ?? 60_000;
  }
}

function describeAbort(signal: AbortSignal): string {
  const reason = signal.reason as Error | undefined;
  if (reason?.name === 'TimeoutError') return 'it passed its deadline';
  return reason?.message ?? 'the backend is shutting down';
}
