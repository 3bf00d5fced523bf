import {
  LoggerService,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';

/** The task id in the scheduler's table; one runner at a time across replicas. */
const PIPELINE_TASK_ID = 'image-factory:pipeline';

/**
 * Runs the pipeline on the Backstage scheduler with `scope: 'global'`, so with
 * several backend replicas one of them starts it on each tick. Each run is
 * idempotent: a run cut short by the timeout is repaired by the next.
 */
export class PipelineTask {
  private constructor(
    private readonly scheduler: SchedulerService,
    private readonly schedule: SchedulerServiceTaskScheduleDefinition,
    private readonly logger: LoggerService,
    private readonly run: (signal: AbortSignal) => Promise<unknown>,
  ) {}

  static create(options: {
    scheduler: SchedulerService;
    schedule: SchedulerServiceTaskScheduleDefinition;
    logger: LoggerService;
    /** Stops between its steps once `signal` aborts (the task's timeout, or shutdown). */
    run: (signal: AbortSignal) => Promise<unknown>;
  }): PipelineTask {
    return new PipelineTask(
      options.scheduler,
      options.schedule,
      options.logger,
      options.run,
    );
  }

  /** Registers the task; the scheduler starts it on its schedule. */
  async register(): Promise<void> {
    await this.scheduler
      .createScheduledTaskRunner({ ...this.schedule, scope: 'global' })
      .run({
        id: PIPELINE_TASK_ID,
        fn: async signal => {
          try {
            await this.run(signal);
          } catch (error) {
            // The scheduler logs too, but without saying which step of ours failed.
            this.logger.error(
              'Image Factory pipeline run failed',
              error as Error,
            );
            throw error;
          }
        },
      });
  }
}
