import type { RebuildStatus } from '@image-factory/backstage-plugin-image-factory-common';
import type { RunStatus } from '../triggers';

/**
 * The rebuild status that records a CI run's progress: a run the CI system
 * reports queued or in progress is `running`, a finished one `completed`.
 */
export function toRebuildStatus(status: RunStatus): RebuildStatus {
  return status === 'completed' ? 'completed' : 'running';
}
