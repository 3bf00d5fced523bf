/**
 * What one run of the whole pipeline did: the `summary` of a finished run.
 *
 * @public
 */
export interface RefreshSummary {
  /** ISO 8601. */
  startedAt: string;
  /** ISO 8601. */
  finishedAt: string;
  /** Managed images whose Dockerfile was analysed. */
  analyzed: number;
  /** Distinct repository and tag pairs whose digest was resolved. */
  checked: number;
  /** New freight records found. */
  newFreight: number;
  rebuildsTriggered: number;
  /** The state repository commit; null when nothing changed. */
  commit: string | null;
  /** Per-item problems that did not stop the run. */
  errors: string[];
}

/**
 * Where a pipeline run stands: `queued` until a backend replica takes it.
 *
 * @public
 */
export type PipelineRunStatus = 'queued' | 'running' | 'succeeded' | 'failed';

/**
 * One run of the pipeline: the answer of `POST /refresh` and
 * `POST /images/…/analyze` (202, the run they queued; many requests share one
 * queued run) and of `GET /runs/:id`.
 *
 * @public
 */
export interface PipelineRun {
  id: string;
  status: PipelineRunStatus;
  /** ISO 8601: when the run was asked for. */
  queuedAt: string;
  /** ISO 8601. */
  startedAt?: string;
  /** ISO 8601. */
  finishedAt?: string;
  /** Once `succeeded`. */
  summary?: RefreshSummary;
  /** Once `failed`: why. */
  error?: string;
}

/**
 * Whether a run has ended, one way or the other.
 *
 * @public
 */
export function isFinishedRun(run: PipelineRun): boolean {
  return run.status === 'succeeded' || run.status === 'failed';
}
