import type {
  RebuildConclusion,
  RebuildProvider,
  RebuildTriggerKind,
} from '@image-factory/backstage-plugin-image-factory-common';

/**
 * Progress of a CI run, as both GitHub Actions and GitLab CI can report it: the
 * trigger port's own word. The store records `queued` and `in_progress` as the
 * rebuild status `running` (`toRebuildStatus`).
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
  /**
   * The id of the rebuild record, passed to the run (an input or a variable)
   * so that its run can be found by it when the answer to the trigger is lost.
   */
  rebuildId: string;
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
 * run details, or a trigger whose answer was lost) the run is looked up among
 * the runs on `ref` created since shortly before `dispatchedAt`, and only a
 * run that carries `rebuildId` is taken: never one a person started.
 *
 * @public
 */
export interface FollowRunRequest {
  /** Absent when the trigger never said (it stopped mid-way): chosen by the source location. */
  provider?: RebuildProvider;
  sourceLocation: string;
  runId?: string;
  workflow: string;
  /** The id the trigger passed to the run: {@link RebuildTriggerRequest.rebuildId}. */
  rebuildId: string;
  /** ISO 8601, from {@link RebuildTriggerResult.dispatchedAt}, or earlier. */
  dispatchedAt: string;
  /**
   * From {@link RebuildTriggerResult.ref}. Absent (the trigger's answer was
   * lost): the trigger works it out from the source location, as it did to
   * start the run.
   */
  ref?: string;
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
  /**
   * Set once the run is known; store it so the next `follow` asks for it
   * directly. Absent: no run carrying the rebuild's id exists yet.
   */
  runId?: string;
}

/**
 * Starts the managed image's own build pipeline and follows it to its
 * conclusion (docs/architecture.md, "Triggers"). Failures are thrown as
 * {@link TriggerError}; a `trigger` failure with `outcomeUnknown` means the
 * run may have started (look for it by the rebuild id, never trigger again),
 * any other means it did not.
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
