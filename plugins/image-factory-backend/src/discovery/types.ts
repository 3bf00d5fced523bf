import type {
  FreightOrigin,
  FreightRecord,
} from '@image-factory/backstage-plugin-image-factory-common';

/**
 * One repository+tag to check for freight. Every monitored image that tracks the
 * same repository and tag shares one target, so the registry is asked once.
 *
 * @public
 */
export interface DiscoveryTarget {
  /** Registry host as written in image references, e.g. `docker.io`, `ghcr.io`, `localhost:5000`. */
  registry: string;
  /** Repository path inside the registry, e.g. `library/node`. */
  repository: string;
  /** The tracked tag, e.g. `22-bookworm-slim`. */
  tag: string;
  /**
   * Platforms whose manifest digests to record besides the configured ones
   * (`imageFactory.defaults.platforms`): those the images built on it name in
   * `image-factory.io/platforms`, sorted. Kargo freight has none to record.
   */
  platforms?: readonly string[];
}

/**
 * Freight as a {@link FreightSource} discovers it, before it is recorded: the
 * target it answers, and a {@link FreightRecord} whose `firstSeen` is a `Date`
 * (the time of a check, or of a Kargo `Freight` object) and whose
 * `platformDigests` are absent when there are none. {@link toFreightRecord}
 * makes the record the store keeps.
 *
 * @public
 */
export interface DiscoveredFreight
  extends DiscoveryTarget,
    Omit<FreightRecord, 'firstSeen' | 'platformDigests'> {
  /**
   * Digest of the platform manifest per requested platform, when the tag points
   * at a multi-platform image index. Absent for single-platform images and for
   * Kargo freight; a requested platform that the index does not offer is left
   * out.
   */
  platformDigests?: Record<string, string>;
  /** When this digest was first seen for the tag. */
  firstSeen: Date;
}

/**
 * The freight record of discovered freight, as the store keeps it.
 *
 * @public
 */
export function toFreightRecord(freight: DiscoveredFreight): FreightRecord {
  return {
    registry: freight.registry,
    repository: freight.repository,
    tag: freight.tag,
    digest: freight.digest,
    platformDigests: freight.platformDigests ?? {},
    firstSeen: freight.firstSeen.toISOString(),
    source: freight.source,
  };
}

/**
 * The outcome of discovery for one target. A failed target never stops the others.
 * `changed` is true when the digest differs from the previous record for the target
 * (or there was none): that is a new freight record and an update event.
 *
 * @public
 */
export type DiscoveryResult =
  | {
      ok: true;
      target: DiscoveryTarget;
      freight: DiscoveredFreight;
      changed: boolean;
    }
  | { ok: false; target: DiscoveryTarget; error: Error };

/**
 * Options for one discovery run.
 *
 * @public
 */
export interface DiscoverOptions {
  /** The time of the run; becomes `firstSeen` of newly seen registry digests. */
  now: Date;
  /**
   * The latest known freight per target, looked up by {@link freightKey}. Lets a
   * source keep `firstSeen` for an unchanged digest and skip fetching image indexes
   * whose digest has not moved.
   */
  previous: ReadonlyMap<string, DiscoveredFreight>;
}

/**
 * Where freight comes from: the plugin's own registry discovery or Kargo `Freight`
 * objects. `discover` answers every target, in the order given, with a
 * {@link DiscoveryResult}; it rejects only when the source as a whole cannot be
 * reached (e.g. the Kubernetes API is down), never for one target's failure.
 *
 * @public
 */
export interface FreightSource {
  /** `registry` or `kargo`, as in `imageFactory.freightSource.type`. */
  readonly type: FreightOrigin;
  /** Discovers the current freight of each target. */
  discover(
    targets: readonly DiscoveryTarget[],
    options: DiscoverOptions,
  ): Promise<DiscoveryResult[]>;
}

/**
 * The identity of a repository+tag, `<registry>/<repository>:<tag>`, used to key
 * previous freight and last-check times.
 *
 * @public
 */
export function freightKey(target: DiscoveryTarget): string {
  return `${target.registry}/${target.repository}:${target.tag}`;
}
