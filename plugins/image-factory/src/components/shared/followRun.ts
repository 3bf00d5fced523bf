import {
  isFinishedRun,
  PipelineRun,
} from '@image-factory/backstage-plugin-image-factory-common';
import { ImageFactoryApi } from '../../api';
import { describeRequestError } from './describeRequestError';

/** A queued run that ran and failed, as opposed to a request the backend refused. */
class RunFailedError extends Error {
  constructor(readonly run: PipelineRun) {
    super(run.error ?? 'the run failed');
    this.name = 'RunFailedError';
  }
}

/**
 * Asks how a queued run stands until it has ended, and returns it ended.
 *
 * @throws RunFailedError when the run failed
 */
export async function followRun(
  api: Pick<ImageFactoryApi, 'getRun'>,
  queued: PipelineRun,
  options: { intervalMs?: number } = {},
): Promise<PipelineRun> {
  let run = queued;
  while (!isFinishedRun(run)) {
    await new Promise(resolve =>
      setTimeout(resolve, options.intervalMs ?? 1000),
    );
    run = await api.getRun({ path: { id: run.id } });
  }
  if (run.status === 'failed') {
    throw new RunFailedError(run);
  }
  return run;
}

/** What a person reads when queueing or following a run went wrong. */
export function describeRunError(error: Error, what: string): string {
  if (error instanceof RunFailedError) {
    return `The ${what} failed: ${error.message}`;
  }
  return `The ${what} did not run: ${describeRequestError(error)}`;
}
