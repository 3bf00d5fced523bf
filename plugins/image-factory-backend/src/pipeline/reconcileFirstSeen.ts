import {
  FreightOrigin,
  listTrackedTags,
  reconcileFirstSeen as reconcile,
  StateTree,
} from '@image-factory/backstage-plugin-image-factory-common';
import { ImageFactoryStore } from '../database';

/**
 * Holds every `firstSeen` of the state to the plugin's own record of when it
 * first saw the digest (the `freight` table), so that a push to the state
 * repository cannot make a digest older and skip the rebuild delay; see
 * `reconcileFirstSeen` in the common package for the rules. Digests of the
 * state the database has no record of are recorded now, so a fresh database
 * adopts the state's times once, and from then on its own records count.
 *
 * @returns the state to go on with, and one error per time not honoured
 */
export async function reconcileFirstSeen(options: {
  state: StateTree;
  store: ImageFactoryStore;
  /** The configured freight source, recorded with adopted digests. */
  source: FreightOrigin;
  now: Date;
}): Promise<{ state: StateTree; errors: string[] }> {
  const { store } = options;
  const result = reconcile({
    state: options.state,
    recorded: await store.listFreightOfTags(listTrackedTags(options.state)),
    now: options.now.toISOString(),
  });
  if (result.unrecorded.length > 0) {
    // Ignored when present, so firstSeen never moves once stored.
    await store.addFreight(
      result.unrecorded.map(d => ({
        registry: d.registry,
        repository: d.repository,
        tag: d.tag,
        digest: d.digest,
        platformDigests: d.platformDigests ?? {},
        firstSeen: d.firstSeen,
        source: options.source,
      })),
    );
  }
  return {
    state: result.state,
    errors: result.reports.map(r => r.message),
  };
}
