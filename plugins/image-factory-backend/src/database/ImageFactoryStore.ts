import type {
  FreightRecord,
  SignatureCheck,
  VulnerabilitySummary,
  ImageKind,
  ImageListOrder,
} from '@image-factory/backstage-plugin-image-factory-common';
import {
  BaseImageStatusRecord,
  DockerfileCacheRecord,
  ImageStatusRecord,
  NewRebuild,
  PipelineRunRecord,
  RebuildPatch,
  RebuildRecord,
  RegistryCheckRecord,
  RegistryHoldRecord,
  ReplaceResult,
} from './types';

/**
 * Options of {@link ImageFactoryStore.listImageStatuses}.
 *
 * @public
 */
export interface ListImageStatusesOptions {
  /** Only images in this eligibility state, or in any of these. */
  state?: string | string[];
  /** Only images of this owner. */
  owner?: string;
  kind?: ImageKind;
  /** Only the images of these entities. */
  entityRefs?: readonly string[];
  /** Case-insensitive text contained in the entity ref or the image. */
  search?: string;
  /** Leave out the images of these entities (those the caller may not read). */
  hidden?: readonly string[];
  /** Default 0. */
  offset?: number;
  /** Default 100, at most 1000. */
  limit?: number;
  /**
   * `staleness`: the image stale for the longest time first, images that are not
   * stale last; `name` (default): by entity ref.
   */
  order?: ImageListOrder;
}

/**
 * Result of {@link ImageFactoryStore.createRebuild}: `created: false` when a
 * rebuild with the same trigger key exists, which is then returned.
 *
 * @public
 */
export type CreateRebuildResult =
  | { created: true; rebuild: RebuildRecord }
  | { created: false; existing: RebuildRecord };

/**
 * The Image Factory's database: the status the API serves, freight, volatile
 * registry checks, the Dockerfile cache, rebuilds and pipeline runs.
 *
 * @public
 */
export interface ImageFactoryStore {
  /**
   * Makes the image statuses exactly `records`, in one transaction: inserts new
   * ones, updates changed ones, deletes the ones not given. `updatedAt` moves
   * only for records that changed.
   */
  replaceImageStatuses(
    records: ReadonlyArray<Omit<ImageStatusRecord, 'updatedAt'>>,
  ): Promise<ReplaceResult>;
  /**
   * Replaces the status of one image that is already stored, between two pipeline
   * runs (after a rebuild was requested). @throws NotFoundError when it is not.
   */
  updateImageStatus(
    record: Omit<ImageStatusRecord, 'updatedAt'>,
  ): Promise<void>;
  getImageStatus(entityRef: string): Promise<ImageStatusRecord | undefined>;
  listImageStatuses(
    options?: ListImageStatusesOptions,
  ): Promise<{ items: ImageStatusRecord[]; totalCount: number }>;

  /** Like {@link ImageFactoryStore.replaceImageStatuses}, for base images. */
  replaceBaseImageStatuses(
    records: ReadonlyArray<Omit<BaseImageStatusRecord, 'updatedAt'>>,
  ): Promise<ReplaceResult>;
  getBaseImageStatus(name: string): Promise<BaseImageStatusRecord | undefined>;
  /** The entity ref of every enrolled image. */
  listImageEntityRefs(): Promise<string[]>;
  /** A page of the base images, the most used first, then by name. */
  listBaseImageStatuses(options: {
    offset: number;
    limit: number;
  }): Promise<{ items: BaseImageStatusRecord[]; totalCount: number }>;
  /** The base images of these names that exist, by name. */
  getBaseImageStatuses(
    names: readonly string[],
  ): Promise<BaseImageStatusRecord[]>;

  /**
   * Stores freight not seen before and ignores the rest, so `firstSeen` never
   * moves. `firstSeen` defaults to now.
   *
   * @returns the records that were new
   */
  addFreight(
    records: ReadonlyArray<
      Omit<FreightRecord, 'firstSeen'> & { firstSeen?: string }
    >,
  ): Promise<FreightRecord[]>;
  /**
   * Records the evidence checked of digests, its signature and its
   * vulnerability summary, on every freight record of the repository and
   * digest (evidence belongs to the digest, whatever the tag); what a check
   * does not give is left as it was, and so is a digest without a record.
   */
  recordEvidence(
    checks: ReadonlyArray<{
      registry: string;
      repository: string;
      digest: string;
      signature?: SignatureCheck;
      vulnerabilities?: VulnerabilitySummary;
    }>,
  ): Promise<void>;
  /** Freight of a repository (and tag), newest first. */
  listFreight(options: {
    registry: string;
    repository: string;
    tag?: string;
    limit?: number;
  }): Promise<FreightRecord[]>;
  /** Every freight record of these tags, in no particular order. */
  listFreightOfTags(
    tags: ReadonlyArray<{ registry: string; repository: string; tag: string }>,
  ): Promise<FreightRecord[]>;

  /** Every registry check. */
  getRegistryChecks(): Promise<RegistryCheckRecord[]>;
  /** Inserts or replaces the check of each `record.target`, in one transaction. */
  putRegistryChecks(records: readonly RegistryCheckRecord[]): Promise<void>;
  /** Registries that asked us to wait and whose wait has not passed at `now`. */
  getRegistryHolds(now: Date): Promise<RegistryHoldRecord[]>;
  /** Records waits; a registry's later `until` wins over an earlier one. */
  putRegistryHolds(records: readonly RegistryHoldRecord[]): Promise<void>;

  /** The cache entries of these locations; absent ones are left out. */
  getDockerfileCaches(
    locations: readonly string[],
  ): Promise<Map<string, DockerfileCacheRecord>>;
  /** Inserts or replaces the cache entry of each `record.location`, in one transaction. */
  putDockerfileCaches(records: readonly DockerfileCacheRecord[]): Promise<void>;

  /**
   * Records a rebuild unless one with the same trigger key exists. Insert or
   * conflict in one statement: of two replicas racing, exactly one creates it.
   */
  createRebuild(rebuild: NewRebuild): Promise<CreateRebuildResult>;
  /**
   * Applies changes to a rebuild.
   *
   * @throws NotFoundError when there is no rebuild with this id
   */
  updateRebuild(id: string, patch: RebuildPatch): Promise<RebuildRecord>;
  getRebuild(id: string): Promise<RebuildRecord | undefined>;
  /** Rebuilds, newest first. `active`: only those not finished. */
  listRebuilds(options?: {
    entityRef?: string;
    active?: boolean;
    limit?: number;
  }): Promise<RebuildRecord[]>;
  /** How many emergency rebuilds were requested (of one entity, since a time). */
  countEmergencyRebuilds(options?: {
    entityRef?: string;
    since?: string;
  }): Promise<number>;

  /**
   * Queues a pipeline run, or joins the one already queued (adding
   * `forceAnalysis` to it): at most one run is ever queued.
   */
  requestRun(options?: {
    forceAnalysis?: readonly string[];
  }): Promise<PipelineRunRecord>;
  /** The queued run, if there is one. */
  getQueuedRun(): Promise<PipelineRunRecord | undefined>;
  /** Takes the queued run, which is now running; undefined when none is queued. */
  claimQueuedRun(): Promise<PipelineRunRecord | undefined>;
  /** Ends as failed every run marked running: for the lease holder, at start. */
  failRunningRuns(error: string): Promise<number>;
  /**
   * Records the end of a run, now: failed when `error` is given.
   *
   * @throws NotFoundError when there is no run with this id
   */
  finishRun(
    id: string,
    result: { summary?: unknown; error?: string },
  ): Promise<PipelineRunRecord>;
  getRun(id: string): Promise<PipelineRunRecord | undefined>;

  /**
   * Takes the pipeline lease for `holder` when it is free or expired.
   *
   * @returns false when another holder has it
   */
  acquirePipelineLease(holder: string, leaseMs: number): Promise<boolean>;
  /** Extends the lease; false when `holder` lost it. */
  renewPipelineLease(holder: string, leaseMs: number): Promise<boolean>;
  releasePipelineLease(holder: string): Promise<void>;
}
