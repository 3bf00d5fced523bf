import { PipelineRun } from '../schema/openapi';

/**
 * Whether a run has ended, one way or the other.
 *
 * @public
 */
export function isFinishedRun(run: PipelineRun): boolean {
  return run.status === 'succeeded' || run.status === 'failed';
}
