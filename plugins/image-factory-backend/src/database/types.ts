/**
 * Records of the Image Factory store. Timestamps are ISO-8601 UTC strings
 * (`2026-01-31T12:00:00.000Z`) on every database engine. Fields typed `unknown`
 * hold JSON documents the store keeps as they are given and never interprets.
 * The words they share with the API (kinds, statuses, triggers) and the freight
 * record are the common package's, defined once there.
 */
import type {
  ImageKind,
  PipelineRunStatus,
  RebuildConclusion,
  RebuildProvider,
  RebuildStatus,
  RebuildTriggerKind,
  RebuildVerification,
} from '@image-factory/backstage-plugin-image-factory-common';

/**
 * The stored status of one enrolled image (`image_status` table).
 *
 * @public
 */
export interface ImageStatusRecord {
  /** The catalog entity, e.g. `component:default/payments`. */
  entityRef: string;
  kind: ImageKind;
  /** The image reference without tag, e.g. `ghcr.io/acme/payments`. */
  image: string;
  /** The entity's owner ref, for filtering. */
  owner?: string;
  /** The rebuild eligibility state (docs/eligibility.md, "States"), for filtering. */
  eligibilityState: string;
  /** When the image becomes eligible for a rebuild, while pending. */
  eligibleAt?: string;
  /** When the oldest base image update this image has not been rebuilt on was first seen. */
  staleSince?: string;
  /** How many critical vulnerabilities of its built digests the newest digests fix; absent for none. */
  upstreamCriticalFixes?: number;
  /** The entity status document (docs/architecture.md, "Status store and API"). */
  status: unknown;
  /** When the store last saw this record change. */
  updatedAt: string;
}

/**
 * The stored status of one base image (`base_image_status` table).
 *
 * @public
 */
export interface BaseImageStatusRecord {
  /** The base image's state name (a DNS-1123 label). */
  name: string;
  /** The full reference, e.g. `docker.io/library/node:22`. */
  ref: string;
  dependentsCount: number;
  /** The base image status document the API serves. */
  status: unknown;
  /** When the store last saw this record change. */
  updatedAt: string;
}

/**
 * What {@link ImageFactoryStore.replaceImageStatuses} and
 * {@link ImageFactoryStore.replaceBaseImageStatuses} changed.
 *
 * @public
 */
export interface ReplaceResult {
  inserted: number;
  updated: number;
  unchanged: number;
  deleted: number;
}

/**
 * The last time a tag was asked of its registry (`registry_checks` table):
 * volatile, kept out of the state repository so a quiet run commits nothing.
 *
 * @public
 */
export interface RegistryCheckRecord {
  /** `registry/repository:tag`. */
  target: string;
  checkedAt: string;
  /** The digest the registry answered, when it answered. */
  digest?: string;
  platformDigests?: Record<string, string>;
  /** Why the check failed, when it did. */
  error?: string;
}

/**
 * A registry that answered 429 (`registry_holds` table): nothing is asked of it
 * before `until`, whatever the repository.
 *
 * @public
 */
export interface RegistryHoldRecord {
  /** Registry host, e.g. `docker.io`. */
  registry: string;
  until: string;
  /** What the registry answered, for the images' errors. */
  reason: string;
}

/**
 * The last analysis of one Dockerfile (`dockerfile_cache` table).
 *
 * @public
 */
export interface DockerfileCacheRecord {
  /** Where the Dockerfile was read, e.g. `url:https://…/Dockerfile`. */
  location: string;
  /** The ETag the reader returned, to skip re-reading an unchanged file. */
  etag?: string;
  /** Hash of the content that was analyzed. */
  contentHash?: string;
  /** The analysis result. */
  analysis?: unknown;
  /** Why reading or analyzing failed, when it did. */
  error?: string;
  analyzedAt: string;
}

/**
 * One rebuild of a managed image (`rebuilds` table).
 *
 * @public
 */
export interface RebuildRecord {
  id: string;
  entityRef: string;
  /**
   * Identifies the rebuild decision, e.g. the entity ref with the base digests it
   * rebuilds on: a second record with the same key is refused, so two backend
   * replicas can never both trigger the same rebuild.
   */
  triggerKey: string;
  trigger: RebuildTriggerKind;
  /** User or service entity ref of who asked (`auto` rebuilds: the plugin). */
  requestedBy: string;
  /** Required for emergency rebuilds. */
  justification?: string;
  requestedAt: string;
  /**
   * The build system the rebuild was sent to; `pending` until the trigger
   * says (a rebuild whose trigger failed before answering stays `pending`).
   */
  provider: RebuildProvider | 'pending';
  runId?: string;
  runUrl?: string;
  /** The branch (GitHub) or ref (GitLab) the trigger started the run on. */
  ref?: string;
  /** When the trigger asked for the run; following it looks at runs since then. */
  dispatchedAt?: string;
  /**
   * `requested`, `dispatched` and `running` are active
   * (`isActiveRebuildStatus`); a run the CI system reports queued or in
   * progress is `running`.
   */
  status: RebuildStatus;
  /** How the run ended, once `status` is `completed`. */
  conclusion?: RebuildConclusion;
  /** Why triggering or following the run failed (never a token). */
  error?: string;
  /** The digest each base image is rebuilt on, by base image reference. */
  baseDigests: Record<string, string>;
  /** What the registry said of the image the successful run pushed. */
  verification?: RebuildVerification;
  finishedAt?: string;
  /** When the record last changed. */
  updatedAt: string;
}

/**
 * A rebuild to record: the store assigns `id` and `updatedAt`; `status`
 * defaults to `requested` and `requestedAt` to now.
 *
 * @public
 */
export type NewRebuild = Omit<
  RebuildRecord,
  'id' | 'updatedAt' | 'status' | 'requestedAt'
> & { status?: RebuildStatus; requestedAt?: string };

/**
 * Changes to a rebuild as its run progresses. `error: null` clears the error.
 *
 * @public
 */
export type RebuildPatch = Partial<
  Pick<
    RebuildRecord,
    | 'status'
    | 'runId'
    | 'runUrl'
    | 'ref'
    | 'dispatchedAt'
    | 'conclusion'
    | 'finishedAt'
    | 'provider'
    | 'verification'
  >
> & { error?: string | null };

/**
 * One run of the pipeline, scheduled or asked for (`pipeline_runs` table).
 *
 * @public
 */
export interface PipelineRunRecord {
  id: string;
  /**
   * `queued` until a replica takes it, then `running`, then `succeeded` or
   * `failed`.
   */
  status: PipelineRunStatus;
  /** When the run was asked for (for a scheduled run: when it started). */
  queuedAt: string;
  startedAt?: string;
  finishedAt?: string;
  /** Entities whose Dockerfiles this run analyses again, whatever the cache says. */
  forceAnalysis: string[];
  /** What the run did, e.g. counts per step. */
  summary?: unknown;
  /** Why the run failed, when it did. */
  error?: string;
}
