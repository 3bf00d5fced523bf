import type {
  RebuildConclusion,
  RebuildProvider,
  RebuildTrigger as RebuildTriggerKind,
} from '@internal/plugin-image-factory-common';

/**
 * Progress of a CI run, as both GitHub Actions and GitLab CI can report it.
 *
 * @public
 */
export type RunStatus = 'queued' | 'in_progress' | 'completed';

/**
 * A base image and the digest the rebuild pins it to.
 *
 * @public
 */
export interface TriggerBaseImage {
  ref: string;
  digest: string;
}

/**
 * What to rebuild, where, and why.
 *
 * @public
 */
export interface RebuildTriggerRequest {
  entityRef: string;
  /**
   * Source location of the managed image, with or without the `url:` prefix:
   * `https://github.com/acme/payments/tree/main/` or
   * `https://gitlab.example.com/group/sub/project/-/tree/main/`.
   */
  sourceLocation: string;
  /**
   * `image-factory.io/workflow`: the GitHub Actions workflow file
   * (`build.yml`), or for GitLab the ref to run the pipeline on.
   */
  workflow: string;
  baseImages: TriggerBaseImage[];
  /** A sentence saying why, passed to the run. */
  reason: string;
  trigger: RebuildTriggerKind;
  /** Entity ref of the user, or the service, that asked for the rebuild. */
  requestedBy: string;
}

/**
 * The run a trigger started.
 *
 * @public
 */
export interface RebuildTriggerResult {
  provider: RebuildProvider;
  /** Workflow run id (GitHub) or pipeline id (GitLab), when already known. */
  runId?: string;
  runUrl?: string;
  status: RunStatus;
  /** Branch (GitHub) or ref (GitLab) the run was started on; give it to `follow`. */
  ref: string;
  /** ISO 8601 time the run was asked for; give it to `follow`. */
  dispatchedAt: string;
}

/**
 * Which run to look at. Without `runId` (a GitHub server that does not return
 * run details) the run is looked up among the workflow's runs on `branch`
 * created since `dispatchedAt`.
 *
 * @public
 */
export interface FollowRunRequest {
  provider: RebuildProvider;
  sourceLocation: string;
  runId?: string;
  workflow: string;
  /** ISO 8601, from {@link RebuildTriggerResult.dispatchedAt}. */
  dispatchedAt: string;
  /** From {@link RebuildTriggerResult.ref}. */
  branch: string;
}

/**
 * Where a run stands.
 *
 * @public
 */
export interface RunProgress {
  status: RunStatus;
  /** Set once `status` is `completed`. */
  conclusion?: RebuildConclusion;
  runUrl?: string;
  /** Set once the run is known; store it so the next `follow` asks for it directly. */
  runId?: string;
}

/**
 * Starts the managed image's own build pipeline and follows it to its
 * conclusion (PRODUCT.md §9). Failures are thrown as {@link TriggerError}.
 *
 * @public
 */
export interface RebuildTrigger {
  trigger(request: RebuildTriggerRequest): Promise<RebuildTriggerResult>;
  follow(request: FollowRunRequest): Promise<RunProgress>;
}

/**
 * Time as the triggers see it; tests replace it to make rate-limit waits
 * instant and deterministic.
 *
 * @public
 */
export interface TriggerClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

/** The real clock. */
export const systemClock: TriggerClock = {
  now: () => Date.now(),
  sleep: ms => new Promise(resolve => setTimeout(resolve, ms)),
};
