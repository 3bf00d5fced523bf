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
 * Progress of a rebuild. `dispatched` means the request to start the run was
 * sent but its outcome is unknown (the CI system answered 5xx, or the
 * connection failed or timed out after sending): the run is looked for by the
 * rebuild's id, and the rebuild is never sent again meanwhile. `failed` means
 * the run never started: the CI system refused the trigger, or no run with the
 * rebuild's id appeared in time; a run that started and failed is `completed`
 * with a `failure` conclusion.
 *
 * @public
 */
export type RebuildStatus =
  | 'requested'
  | 'dispatched'
  | 'running'
  | 'completed'
  | 'failed';

/**
 * Whether a rebuild with this status has not finished: it holds the image in
 * the `rebuilding` state.
 *
 * @public
 */
export function isActiveRebuildStatus(status: RebuildStatus): boolean {
  return (
    status === 'requested' || status === 'dispatched' || status === 'running'
  );
}

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
  /**
   * Why the trigger failed (HTTP status and message), when `status` is
   * `failed`; what became of the request, when it is `dispatched`.
   */
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
   * Why the rebuild cannot wait. Required for emergency rebuilds; see
   * {@link checkEmergencyJustification}.
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
  /**
   * Ids of the stale active rebuilds this emergency rebuild superseded: they
   * are recorded as `failed`, naming it.
   */
  supersededRebuildIds?: string[];
}

/**
 * Minimum length of an emergency rebuild justification, after trimming. Shared
 * so the form and the backend reject the same input.
 *
 * @public
 */
export const EMERGENCY_JUSTIFICATION_MIN_LENGTH = 20;

/** Fewest words an emergency justification must have. */
const MIN_WORDS = 3;

/**
 * Why an emergency justification is not acceptable, or undefined when it is:
 * at least {@link EMERGENCY_JUSTIFICATION_MIN_LENGTH} characters and three
 * words after trimming, on one line without control characters. It is audited
 * and passed to the build, so it must read as a sentence, not as padding, and
 * can carry nothing a terminal or a log would interpret.
 *
 * @public
 */
export function checkEmergencyJustification(
  justification: string | undefined,
): string | undefined {
  const text = justification?.trim() ?? '';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f-\u009f]/.test(text)) {
    return 'an emergency justification must be one line without control characters';
  }
  if (text.length < EMERGENCY_JUSTIFICATION_MIN_LENGTH) {
    return `an emergency rebuild needs a justification of at least ${EMERGENCY_JUSTIFICATION_MIN_LENGTH} characters`;
  }
  const words = text.split(/\s+/).filter(word => /[\p{L}\p{N}]/u.test(word));
  if (words.length < MIN_WORDS) {
    return `an emergency justification needs at least ${MIN_WORDS} words saying what is fixed and why it cannot wait`;
  }
  return undefined;
}
