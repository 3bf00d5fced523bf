/**
 * Records of the Image Factory store. Timestamps are ISO-8601 UTC strings
 * (`2026-01-31T12:00:00.000Z`) on every database engine. Fields typed `unknown`
 * hold JSON documents the store keeps as they are given and never interprets.
 */

/**
 * Whether an enrolled image is built by us or only monitored.
 *
 * @public
 */
export type ImageKind = 'managed' | 'external';

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
 * Where freight comes from.
 *
 * @public
 */
export type FreightSource = 'registry' | 'kargo';

/**
 * One discovered version of a monitored tag (`freight` table).
 *
 * @public
 */
export interface FreightRecord {
  /** Registry host, e.g. `docker.io`. */
  registry: string;
  /** Repository path, e.g. `library/node`. */
  repository: string;
  tag: string;
  /** The digest behind the tag (the index digest for multi-platform images). */
  digest: string;
  /** Digest of each platform's manifest, by platform (`linux/amd64`). */
  platformDigests: Record<string, string>;
  /** When this digest was first seen behind the tag: never moves once stored. */
  firstSeen: string;
  source: FreightSource;
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
 * What started a rebuild.
 *
 * @public
 */
export type RebuildTrigger = 'auto' | 'manual' | 'emergency';

/**
 * Where a rebuild stands. `requested`, `dispatched`, `queued` and
 * `in_progress` are active. `dispatched`: the request to start the run was
 * sent and its outcome is unknown (5xx, or the connection failed or timed out
 * after sending); the run is looked for by the rebuild's id, and the rebuild
 * is never sent again while it is active.
 *
 * @public
 */
export type RebuildStatus =
  | 'requested'
  | 'dispatched'
  | 'queued'
  | 'in_progress'
  | 'completed'
  | 'failed';

/**
 * The statuses of a rebuild that has not finished.
 *
 * @public
 */
export const ACTIVE_REBUILD_STATUSES: readonly RebuildStatus[] = [
  'requested',
  'dispatched',
  'queued',
  'in_progress',
];

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
  trigger: RebuildTrigger;
  /** User or service entity ref of who asked (`auto` rebuilds: the plugin). */
  requestedBy: string;
  /** Required for emergency rebuilds. */
  justification?: string;
  requestedAt: string;
  /** The build system, e.g. `github` or `gitlab`. */
  provider: string;
  runId?: string;
  runUrl?: string;
  status: RebuildStatus;
  /** The build system's conclusion, e.g. `success` or `failure`. */
  conclusion?: string;
  /** Why triggering or following the run failed (never a token). */
  error?: string;
  /** The digest each base image is rebuilt on, by base image reference. */
  baseDigests: Record<string, string>;
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
    'status' | 'runId' | 'runUrl' | 'conclusion' | 'finishedAt' | 'provider'
  >
> & { error?: string | null };

/**
 * Where a pipeline run stands: `queued` until a replica takes it, then
 * `running`, then `succeeded` or `failed`.
 *
 * @public
 */
export type PipelineRunStatus = 'queued' | 'running' | 'succeeded' | 'failed';

/**
 * One run of the pipeline, scheduled or asked for (`pipeline_runs` table).
 *
 * @public
 */
export interface PipelineRunRecord {
  id: string;
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
