import { Eligibility } from './eligibility';
import { RebuildRecord } from './rebuild';

/**
 * A managed image is built from one of our Dockerfiles; an external image is a
 * third-party image we run, monitored but never rebuilt.
 *
 * @public
 */
export type ImageKind = 'managed' | 'external';

/**
 * Order in which eligible images are rebuilt (`image-factory.io/priority`).
 *
 * @public
 */
export type RebuildPriority = 'critical' | 'high' | 'normal' | 'low';

/**
 * A bad annotation value: the annotation's name and what is wrong with it.
 *
 * @public
 */
export interface EnrollmentError {
  annotation: string;
  message: string;
  /**
   * The image cannot be rebuilt while this error stands (a rebuild target the
   * entity may not use), rather than the field falling back to its default.
   */
  blocksRebuilds?: boolean;
}

/**
 * Enrollment of an image, as read from its entity's annotations.
 *
 * @public
 */
export interface ImageEnrollment {
  /** The image repository the entity builds, or the external image reference. */
  image: string;
  /** Dockerfile path; null for external images. */
  dockerfile: string | null;
  /** Where the source lives (`url:https://…/tree/main/`, `file:/…/`); null for external images or when unknown. */
  sourceLocation: string | null;
  /** Delay in annotation syntax (`7d`, `36h`, `90m`, `0`). */
  rebuildDelay: string;
  autoRebuild: boolean;
  /** Workflow file or pipeline ref; null: no build can be started (the image is blocked). */
  workflow: string | null;
  priority: RebuildPriority;
  /**
   * The platforms the image is built for (`image-factory.io/platforms`, else
   * `imageFactory.defaults.platforms`), sorted. Only a new base image digest
   * that changes one of them makes the image stale. Absent from documents
   * written before platforms were tracked.
   */
  platforms?: string[];
  errors: EnrollmentError[];
}

/**
 * Outcome of the Dockerfile analysis.
 *
 * @public
 */
export type AnalysisStatus = 'ok' | 'failed' | 'pending';

/**
 * Something the analysis could not resolve, with its Dockerfile line (1-based).
 *
 * @public
 */
export interface AnalysisWarning {
  line: number;
  message: string;
}

/**
 * The last Dockerfile analysis of a managed image.
 *
 * @public
 */
export interface ImageAnalysis {
  status: AnalysisStatus;
  /** ISO 8601; null before the first analysis. */
  analyzedAt: string | null;
  error?: string;
  warnings: AnalysisWarning[];
  /** The `# syntax=` build frontend, reported but never a rebuild trigger. */
  frontend?: string;
}

/**
 * Where a freight record came from.
 *
 * @public
 */
export type FreightSource = 'registry' | 'kargo';

/**
 * A discovered version of a monitored image.
 *
 * @public
 */
export interface Freight {
  tag: string;
  digest: string;
  /** ISO 8601 time the digest was first seen behind the tag. */
  firstSeen: string;
  source: FreightSource;
}

/**
 * One change of the digest behind a base image's tag.
 *
 * @public
 */
export interface BaseImageUpdate {
  /** The digest behind the tag: for a multi-platform image, the image index's. */
  digest: string;
  /** ISO 8601. */
  firstSeen: string;
  /**
   * Per platform (`linux/amd64`), the image manifest digest inside the index.
   * Absent for a single-platform image or when discovery did not record them.
   */
  platformDigests?: Record<string, string>;
}

/**
 * A base image of one managed image, with the digests that drive its eligibility.
 *
 * @public
 */
export interface ImageBaseImage {
  /** Normalized reference, e.g. `docker.io/library/node:22-bookworm-slim`. */
  ref: string;
  /** The base image's name in the state repository (a DNS-1123 label). */
  name: string;
  /** Digest the managed image was last built on; null when not known yet. */
  builtDigest: string | null;
  /** Newest freight digest; null before the first discovery. */
  latestDigest: string | null;
  /**
   * Newest digest that changes a platform the image is built for: the newest
   * such update, else `builtDigest`. Equal to `latestDigest` unless the index
   * moved only for other platforms. Absent from documents written before
   * platforms were tracked: `latestDigest` stands in.
   */
  latestRelevantDigest?: string | null;
  /** Newest digest that has aged past the rebuild delay; null when none has. */
  eligibleDigest: string | null;
  /** ISO 8601 time the tag last moved; null before the first discovery. */
  lastUpdated: string | null;
  /** Why discovery failed for this base image, e.g. a registry error. */
  error?: string;
  /** Newest first. */
  freight: Freight[];
  /** Digest changes of the tag, newest first. */
  updates: BaseImageUpdate[];
  /** Entity refs of every managed image that uses this base image. */
  dependents: string[];
  /**
   * Why a change of the multi-platform index did not make the image stale,
   * e.g. only a platform the image is not built for was re-published.
   */
  platformNote?: string;
}

/**
 * Links into the state repository. A link is null (or absent) when the state
 * repository is local and has no browsable URL.
 *
 * @public
 */
export interface ImageStateLinks {
  stateFile?: string | null;
  warehouseManifest?: string | null;
}

/**
 * Paths of an image's files inside the state repository.
 *
 * @public
 */
export interface ImageStatePaths {
  /** e.g. `state/images/payments.yaml`. */
  stateFile: string;
  /** e.g. `manifests/warehouses/payments.yaml`. */
  warehouseManifest?: string;
}

/**
 * The full status of one enrolled entity: `GET /images/:namespace/:kind/:name`.
 *
 * @public
 */
export interface ImageStatus {
  entityRef: string;
  kind: ImageKind;
  /** Entity ref of the owner (`spec.owner`); null when the entity has none. */
  owner: string | null;
  enrollment: ImageEnrollment;
  analysis: ImageAnalysis;
  baseImages: ImageBaseImage[];
  /**
   * Freight of the enrolled image's own repository, newest first: the versions
   * of an external image, the builds of a managed one.
   */
  freight: Freight[];
  /** Entity refs of managed images whose Dockerfile uses this image. */
  dependents: string[];
  eligibility: Eligibility;
  /**
   * Why the Image Factory holds the image as it is, besides its enrollment
   * and analysis: its state file is invalid, or its entity is gone from the
   * catalog while the mass-archive guard keeps it. Each is a reason of a
   * `blocked` eligibility. Absent when there is none.
   */
  blockedBy?: string[];
  /** Newest first. */
  rebuilds: RebuildRecord[];
  /** How many emergency rebuilds this image has had. */
  emergencyRebuildCount: number;
  links: ImageStateLinks;
  paths?: ImageStatePaths;
}
