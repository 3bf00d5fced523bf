import { RegistryClient } from './RegistryClient';
import {
  DiscoveryResult,
  DiscoveryTarget,
  DiscoverOptions,
  FreightSource,
  freightKey,
} from './types';

/**
 * Freight from the plugin's own registry discovery: each target's tag is resolved
 * with the {@link RegistryClient}, recording the manifest digests of the
 * configured platforms and of those the target asks for. A digest equal to the
 * previous record keeps its `firstSeen` (and, for an image index, the index body
 * is not fetched again while it covers those platforms); a new digest is first
 * seen `now`.
 *
 * @public
 */
export class RegistryFreightSource implements FreightSource {
  readonly type = 'registry';
  readonly #client: RegistryClient;
  readonly #platforms: readonly string[];
  readonly #concurrency: number | undefined;

  /**
   * `platforms` are those in `imageFactory.defaults.platforms` (default
   * `['linux/amd64']`); `concurrency` bounds parallel lookups on each registry host
   * (default: as {@link RegistryClient.resolveMany}).
   */
  static create(options: {
    client: RegistryClient;
    platforms?: readonly string[];
    concurrency?: number;
  }): RegistryFreightSource {
    return new RegistryFreightSource(
      options.client,
      options.platforms ?? ['linux/amd64'],
      options.concurrency,
    );
  }

  private constructor(
    client: RegistryClient,
    platforms: readonly string[],
    concurrency: number | undefined,
  ) {
    this.#client = client;
    this.#platforms = platforms;
    this.#concurrency = concurrency;
  }

  async discover(
    targets: readonly DiscoveryTarget[],
    { now, previous }: DiscoverOptions,
  ): Promise<DiscoveryResult[]> {
    const requests = targets.map(target => {
      const known = previous.get(freightKey(target));
      return {
        registry: target.registry,
        repository: target.repository,
        tag: target.tag,
        platforms: target.platforms?.length
          ? [...new Set([...this.#platforms, ...target.platforms])].sort()
          : this.#platforms,
        previous: known && {
          digest: known.digest,
          platformDigests: known.platformDigests,
        },
      };
    });
    const outcomes = await this.#client.resolveMany(requests, {
      concurrency: this.#concurrency,
    });
    return outcomes.map((outcome, index): DiscoveryResult => {
      const target = targets[index];
      if (!outcome.ok) {
        return { ok: false, target, error: outcome.error };
      }
      const known = previous.get(freightKey(target));
      const changed = known?.digest !== outcome.digest;
      return {
        ok: true,
        target,
        changed,
        freight: {
          registry: target.registry,
          repository: target.repository,
          tag: target.tag,
          digest: outcome.digest,
          ...(Object.keys(outcome.platformDigests).length
            ? { platformDigests: outcome.platformDigests }
            : {}),
          firstSeen: changed || !known ? now : known.firstSeen,
          source: 'registry',
        },
      };
    });
  }
}
