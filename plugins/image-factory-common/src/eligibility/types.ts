import type {
  Eligibility,
  SignatureCheck,
  SignatureMode,
  VulnerabilitySummary,
} from '../api';
import type { Severity } from '../supplyChain';
import type {
  RebuildConclusion,
  RebuildStatus,
  VerificationOutcome,
} from '../api';

/**
 * One freight record of a base image as eligibility reads it: a digest and
 * when it was first seen behind the tracked tag.
 *
 * @public
 */
export interface EligibilityFreight {
  /** The digest behind the tag: for a multi-platform image, the image index's. */
  digest: string;
  /** ISO 8601. */
  firstSeen: string;
  /**
   * Per platform (`linux/amd64`), the image manifest digest inside the index.
   * Absent for a single-platform image or when discovery did not record them.
   */
  platformDigests?: Record<string, string>;
  /** Its cosign signature as last checked; absent before a check. */
  signature?: SignatureCheck;
  /** What its vulnerability attestation says; absent before a check. */
  vulnerabilities?: VulnerabilitySummary;
}

/**
 * A base image of the managed image, with the digest the image was last built
 * on and every freight discovered for it.
 *
 * @public
 */
export interface EligibilityBaseImageInput {
  /** Normalized reference, e.g. `docker.io/library/node:22-bookworm-slim`. */
  ref: string;
  /**
   * Digest the managed image was last built on; `null` when nothing says. A
   * digest that is not in `freight` (or `null`) counts as older than all of it.
   */
  builtDigest: string | null;
  /**
   * In any order: records are taken by first-seen time. Records first seen at
   * the same instant are taken in the given order, so pass them oldest first
   * (the state's order; the API lists a base image's `updates` newest first).
   */
  freight: EligibilityFreight[];
  /**
   * The platforms the Dockerfile uses this base image for, when only some of
   * the image's platforms use it (`FROM golang:1.22-$TARGETARCH`): only their
   * manifests count. Absent: every platform of the image.
   */
  platforms?: readonly string[];
  /**
   * `require`: only a digest whose signature is verified may be built on, by
   * a rebuild after the delay or an emergency one. `warn` or absent: the
   * signature does not change eligibility.
   */
  signatureMode?: SignatureMode;
  /**
   * The delay for this base image when it is not the image's own: an
   * internal base image whose newest digest the Image Factory built
   * (`imageFactory.defaults.internalDelay`).
   */
  delayMs?: number;
}

/**
 * The rebuild that is in flight for the managed image.
 *
 * @public
 */
export interface EligibilityActiveRebuild {
  /** ISO 8601. */
  requestedAt: string;
  status: RebuildStatus;
}

/**
 * The newest finished rebuild attempt of the managed image.
 *
 * @public
 */
export interface EligibilityLastRebuild {
  /** `failed`: the trigger failed; `completed`: see `conclusion`. */
  status: RebuildStatus;
  conclusion?: RebuildConclusion;
  /** ISO 8601: when the trigger failed or the run ended. */
  finishedAt?: string;
  /** HTTP status and message of a failed trigger, or what the run reported. */
  error?: string;
  /** How many attempts in a row have failed, this one included; 1 when absent. */
  attempt?: number;
  /**
   * What the registry said of the image a successful run pushed: a
   * `mismatch` counts as a failed attempt, so a workflow that ignores the
   * digests it is given is retried on the backoff, not every cycle.
   */
  verification?: VerificationOutcome;
}

/**
 * Exponential backoff between automatic retries after a failed rebuild: the
 * n-th failure in a row waits `initialMs * 2^(n-1)`, at most `maxMs`.
 *
 * @public
 */
export interface RetryBackoff {
  initialMs: number;
  maxMs: number;
}

/**
 * Everything {@link computeEligibility} needs to know about one managed image.
 *
 * @public
 */
export interface EligibilityInput {
  /** Rebuild delay (cooling-off period) in milliseconds. */
  delayMs: number;
  /** `false`: an eligible image waits for a person instead of being triggered. */
  autoRebuild: boolean;
  /**
   * Why the image cannot be rebuilt at all, as sentences: analysis failed, no
   * workflow configured, enrollment error. Any entry makes the state `blocked`.
   */
  blockedReasons: string[];
  baseImages: EligibilityBaseImageInput[];
  /**
   * The platforms the image builds (`image-factory.io/platforms`, else the
   * configured default). A new index digest that leaves all of them unchanged
   * is no update for the image (see {@link updateMatters}). Absent or empty:
   * every new index digest is one.
   */
  platforms?: readonly string[];
  activeRebuild?: EligibilityActiveRebuild;
  lastRebuild?: EligibilityLastRebuild;
  /** No second trigger within this long of the previous one. */
  coordinationWindowMs: number;
  /** ISO 8601 time of the previous trigger, whatever its outcome. */
  lastTriggeredAt?: string;
  /** Defaults to {@link DEFAULT_RETRY_BACKOFF}. */
  retryBackoff?: RetryBackoff;
  /**
   * `imageFactory.supplyChain.bypassSeverity`: a newer digest that fixes a
   * vulnerability at or above this severity which the built digest has, and
   * adds none, is eligible at once (docs/eligibility.md, "Evidence-based
   * bypass"). Absent: off.
   */
  bypassSeverity?: Severity;
}

/**
 * The digests of one base image that eligibility decided on.
 *
 * @public
 */
export interface BaseImageEligibility {
  ref: string;
  builtDigest: string | null;
  /** Digest of the newest freight; `null` without freight. */
  latestDigest: string | null;
  /**
   * Digest of the newest freight that matters to the image's platforms: the
   * newest update that changes them, else `builtDigest`. Equal to
   * `latestDigest` unless the index moved without changing them. `null`
   * without freight.
   */
  latestRelevantDigest: string | null;
  /**
   * The newest digest newer than `builtDigest` that has aged past the delay:
   * what a rebuild builds on. `null` when no newer digest has aged yet.
   */
  eligibleDigest: string | null;
  /**
   * Set when the newest index digest leaves the image's platforms unchanged:
   * "The index moved to sha256:… on 2025-01-11 00:00 UTC; linux/amd64 is
   * unchanged."
   */
  platformNote?: string;
}

/**
 * What {@link computeEligibility} decided: the API's {@link Eligibility} plus
 * the digests per base image.
 *
 * @public
 */
export interface EligibilityResult extends Eligibility {
  baseImages: BaseImageEligibility[];
}
