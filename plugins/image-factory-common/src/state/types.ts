import type {
  AnalysisStatus,
  RebuildConclusion,
  RebuildPriority,
  RebuildProvider,
  RebuildStatus,
  RebuildTriggerKind,
  RebuildVerification,
  SignatureCheck,
  VulnerabilitySummary,
} from '../api';
import type { WarehouseOptions } from '../warehouses/types';

/**
 * A new digest behind a monitored tag: one freight record.
 *
 * @public
 */
export interface DigestUpdate {
  digest: string;
  /** ISO 8601 time the digest was first seen. */
  firstSeen: string;
  /** Per platform (`linux/amd64`), the image manifest digest inside the index. */
  platformDigests?: Record<string, string>;
  /** Its cosign signature, when a key is configured for the repository. */
  signature?: SignatureCheck;
  /** What its signed vulnerability attestation says, likewise. */
  vulnerabilities?: VulnerabilitySummary;
}

/**
 * Digest history of one monitored reference: a repository and tag, or a
 * repository and digest when the reference has no tag.
 *
 * @public
 */
export interface TrackedImage {
  /** The monitored reference, normalized: `docker.io/library/node:22`. */
  ref: string;
  registry: string;
  repository: string;
  tag: string | null;
  /** The pinned digest of a reference without tag; `null` when there is a tag. */
  digest: string | null;
  currentDigest: string | null;
  previousDigest: string | null;
  /** ISO 8601 time the Image Factory first needed this reference. */
  firstDiscovered: string;
  /** ISO 8601 time of the newest update, `null` before the first digest. */
  lastUpdated: string | null;
  /** Every digest seen, oldest first, in the order recorded. */
  updates: DigestUpdate[];
  /**
   * Why no Warehouse may watch this reference (its registry is not one the
   * backend's configuration allows), so Kargo is never pointed where the
   * backend may not go. Absent when it may be watched.
   */
  unmonitorable?: string;
}

/**
 * A base image (state/base-images/<name>.yaml), or a tag of a managed image
 * that other images build on (kept inside the managed image's state).
 *
 * @public
 */
export interface BaseImageState extends TrackedImage {
  /** File name without `.yaml`; a DNS-1123 label. */
  name: string;
  /** Entity refs of the managed images built on it, sorted. */
  dependents: string[];
}

/**
 * A base image as one managed image uses it.
 *
 * @public
 */
export interface BaseImageUsage {
  /** The reference as the Dockerfile writes it, normalized, digest included. */
  ref: string;
  /** Name of the {@link BaseImageState} that monitors it. */
  name: string;
  /**
   * Digest the managed image was last built on: the pinned digest, else the
   * base image's current digest when it was first discovered for this image,
   * then the digest of each successful rebuild. `null` until known.
   */
  builtDigest: string | null;
  /**
   * The platforms of the image that the Dockerfile uses this base image for,
   * sorted, when only some of them do (`FROM golang:1.22-$TARGETARCH`); only
   * their manifests make the image stale. Absent: every platform.
   */
  platforms?: string[];
}

/**
 * One rebuild attempt, as kept in the rebuild history.
 *
 * @public
 */
export interface RebuildHistoryEntry {
  id: string;
  trigger: RebuildTriggerKind;
  requestedBy: string;
  justification?: string;
  /** ISO 8601. */
  requestedAt: string;
  provider: RebuildProvider;
  runUrl?: string;
  status: RebuildStatus;
  conclusion?: RebuildConclusion;
  /** Why the trigger failed (HTTP status and message), never a token. */
  error?: string;
  /** Per base image reference: the digest built on before, and the one this rebuild uses. */
  baseDigests: Record<string, { before: string | null; after: string }>;
  /** What the registry said of the image a successful run pushed. */
  verification?: RebuildVerification;
}

/**
 * Result of the newest Dockerfile analysis of a managed image.
 *
 * @public
 */
export interface AnalysisState {
  status: AnalysisStatus;
  /** When the recorded result was first obtained; `null` while pending. */
  analyzedAt: string | null;
  error: string | null;
  warnings: Array<{ line: number; message: string }>;
  /** The `# syntax=` build frontend, normalized. */
  frontend: string | null;
}

/**
 * State of a managed image (state/images/<name>.yaml).
 *
 * @public
 */
export interface ManagedImageState {
  name: string;
  kind: 'managed';
  entityRef: string;
  /** The repository it builds, without tag: `ghcr.io/acme/payments`. */
  image: string;
  source: {
    location: string | null;
    dockerfile: string;
    buildArgs: Record<string, string>;
    target: string | null;
    /**
     * Why the Warehouse does not watch the source location in git (its host is
     * not one of the configured integrations). Absent when it does.
     */
    gitUnmonitorable?: string;
  };
  policy: {
    rebuildDelay: string;
    autoRebuild: boolean;
    workflow: string | null;
    priority: RebuildPriority;
    platforms: string[];
  };
  analysis: AnalysisState;
  /** Sorted by ref. */
  baseImages: BaseImageUsage[];
  /**
   * Tags of this image that other managed images build on, with their digest
   * history (which they keep from when they were base images). Sorted by name.
   */
  published: BaseImageState[];
  /** Oldest first. */
  rebuilds: RebuildHistoryEntry[];
  /**
   * Why the image gets no Warehouse of its own (its registry is not allowed).
   * Absent when it gets one.
   */
  unmonitorable?: string;
}

/**
 * State of an external image (state/images/<name>.yaml): monitored, never rebuilt.
 *
 * @public
 */
export interface ExternalImageState {
  name: string;
  kind: 'external';
  entityRef: string;
  /** The reference as enrolled, normalized, digest included. */
  image: string;
  policy: { priority: RebuildPriority; platforms: string[] };
  monitored: TrackedImage;
}

/**
 * State of an enrolled image.
 *
 * @public
 */
export type ImageState = ManagedImageState | ExternalImageState;

/**
 * The whole state repository, every list sorted by name.
 *
 * @public
 */
export interface StateTree {
  images: ImageState[];
  baseImages: BaseImageState[];
  archive: { images: ImageState[]; baseImages: BaseImageState[] };
}

/**
 * A state tree with nothing in it.
 *
 * @public
 */
export function emptyStateTree(): StateTree {
  return {
    images: [],
    baseImages: [],
    archive: { images: [], baseImages: [] },
  };
}

/**
 * What rendering the state repository depends on besides its state: the
 * content of `state/_settings.yaml`. The backend writes it from its
 * configuration on every run, with every default resolved, so the repository
 * alone determines its manifests (`image-factory synth` reads it).
 *
 * @public
 */
export interface StateSettings {
  /** How Warehouses are generated (`imageFactory.kargo`, `imageFactory.registries`). */
  warehouses: Required<WarehouseOptions>;
}
