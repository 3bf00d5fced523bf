import type {
  FreightOrigin,
  SignatureCheck,
  VulnerabilitySummary,
} from '../api';

/**
 * One discovered version of a monitored tag, as the backend records it (its
 * `freight` table): the digest behind the tag, and when it was first seen.
 * The backend's own record of first-seen times, which the state repository's
 * `firstSeen` is held to (see `reconcileFirstSeen`). The API shows it as
 * `Freight`.
 *
 * @public
 */
export interface FreightRecord {
  /** Registry host as written in image references, e.g. `docker.io`. */
  registry: string;
  /** Repository path inside the registry, e.g. `library/node`. */
  repository: string;
  /** The tracked tag, e.g. `22-bookworm-slim`. */
  tag: string;
  /** The digest behind the tag (the index digest for multi-platform images), `sha256:…`. */
  digest: string;
  /**
   * Digest of each platform's manifest, by platform (`linux/amd64` →
   * `sha256:…`), when the tag points at a multi-platform image index; empty
   * for single-platform images and for Kargo freight.
   */
  platformDigests: Record<string, string>;
  /**
   * ISO 8601 time this digest was first seen behind the tag: never moves once
   * recorded. For registry discovery, the check that first returned it; for
   * Kargo, the `Freight` object's creation time.
   */
  firstSeen: string;
  /** Where the record came from. */
  source: FreightOrigin;
  /**
   * The digest's cosign signature as the backend last checked it, when a key
   * is configured for the repository. The state files are held to it (see
   * `holdEvidence`), so an edit there cannot make a digest signed.
   */
  signature?: SignatureCheck;
  /** What its signed vulnerability attestation said at the last check, likewise. */
  vulnerabilities?: VulnerabilitySummary;
}
