/**
 * What caused a rebuild: the eligibility cycle, a person, or a person bypassing
 * the rebuild delay.
 *
 * @public
 */
export type RebuildTrigger = 'auto' | 'manual' | 'emergency';

/**
 * The CI system a rebuild was sent to.
 *
 * @public
 */
export type RebuildProvider = 'github' | 'gitlab';

/**
 * Progress of a rebuild. `failed` means the trigger itself failed (the run never
 * started); a run that started and failed is `completed` with a `failure`
 * conclusion.
 *
 * @public
 */
export type RebuildStatus = 'requested' | 'running' | 'completed' | 'failed';

/**
 * Outcome of a completed rebuild run.
 *
 * @public
 */
export type RebuildConclusion =
  | 'success'
  | 'failure'
  | 'cancelled'
  | 'timed-out'
  | 'unknown';

/**
 * One rebuild attempt of a managed image, as recorded in its rebuild history.
 *
 * @public
 */
export interface RebuildRecord {
  id: string;
  trigger: RebuildTrigger;
  /** Entity ref of the user, or the name of the service, that asked for it. */
  requestedBy: string;
  /** Required for emergency rebuilds. */
  justification?: string;
  /** ISO 8601. */
  requestedAt: string;
  provider: RebuildProvider;
  /** Link to the CI run, once it is known. */
  runUrl?: string;
  status: RebuildStatus;
  /** Set once `status` is `completed`. */
  conclusion?: RebuildConclusion;
  /** Why the trigger failed (HTTP status and message), when `status` is `failed`. */
  error?: string;
  /** Base image reference to the digest this rebuild builds on. */
  baseDigests: Record<string, string>;
}

/**
 * Body of `POST /images/:namespace/:kind/:name/rebuild`.
 *
 * @public
 */
export interface RebuildRequest {
  /** Bypass the rebuild delay; needs `image-factory.rebuild.emergency`. */
  emergency?: boolean;
  /**
   * Why the rebuild cannot wait. Required for emergency rebuilds, at least
   * {@link EMERGENCY_JUSTIFICATION_MIN_LENGTH} characters after trimming.
   */
  justification?: string;
}

/**
 * Answer of `POST /images/:namespace/:kind/:name/rebuild`: the recorded attempt.
 *
 * @public
 */
export interface RebuildResponse {
  rebuild: RebuildRecord;
}

/**
 * Minimum length of an emergency rebuild justification, after trimming. Shared
 * so the form and the backend reject the same input.
 *
 * @public
 */
export const EMERGENCY_JUSTIFICATION_MIN_LENGTH = 20;
