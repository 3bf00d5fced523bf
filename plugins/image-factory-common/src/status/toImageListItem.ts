import type { ImageListItem, ImageStatus } from '../api';
import { listRelevantUpdates } from '../eligibility';
import { compareVulnerabilities } from '../supplyChain';

/**
 * When the image went stale: the first-seen time of the oldest base image update
 * it is not built on, of those that change a platform it builds. Eligibility's
 * own rule, so a stale image is never listed as up to date nor the other way
 * round; undefined while it is built on every relevant update.
 *
 * @public
 */
export function staleSinceOf(status: ImageStatus): string | undefined {
  const times = status.baseImages.flatMap(base =>
    listRelevantUpdates(
      {
        ref: base.ref,
        builtDigest: base.builtDigest,
        // Oldest first, as eligibility reads them; the API lists newest first.
        freight: [...base.updates].reverse(),
        platforms: base.platforms,
      },
      status.enrollment.platforms,
    ).map(update => update.firstSeen),
  );
  return times.sort()[0];
}

/**
 * The critical vulnerabilities of the digests an image is built on that the
 * newest digests of its base images fix: listed for the built digest and not
 * for the newest, both with a current scan (`compareVulnerabilities`). What
 * the fleet list puts first.
 *
 * @public
 */
export function upstreamCriticalFixesOf(status: ImageStatus): string[] {
  const ids = new Set<string>();
  for (const base of status.baseImages) {
    if (!base.builtDigest || base.latestDigest === base.builtDigest) continue;
    const summaryOf = (digest: string | null) =>
      base.updates.find(update => update.digest === digest)?.vulnerabilities;
    const change = compareVulnerabilities(
      summaryOf(base.builtDigest),
      summaryOf(base.latestDigest),
    );
    change?.fixed.critical?.forEach(id => ids.add(id));
  }
  return [...ids].sort();
}

/**
 * What orders an image in the fleet list, which the backend computes once
 * from its status and stores beside it.
 *
 * @public
 */
export interface ImageListRanking {
  /** {@link staleSinceOf} */
  staleSince?: string;
  /** How many {@link upstreamCriticalFixesOf}; absent for none. */
  upstreamCriticalFixes?: number;
}

/**
 * An image's line in the image list, from its full status and its ranking.
 *
 * @public
 */
export function toImageListItem(
  status: ImageStatus,
  ranking: ImageListRanking,
): ImageListItem {
  const { staleSince, upstreamCriticalFixes } = ranking;
  return {
    entityRef: status.entityRef,
    kind: status.kind,
    image: status.enrollment.image,
    owner: status.owner,
    eligibility: {
      state: status.eligibility.state,
      ...(status.eligibility.eligibleAt
        ? { eligibleAt: status.eligibility.eligibleAt }
        : {}),
    },
    ...(staleSince ? { staleSince } : {}),
    ...(upstreamCriticalFixes ? { upstreamCriticalFixes } : {}),
    baseImageCount: status.baseImages.length,
    ...(status.rebuilds[0] ? { lastRebuild: status.rebuilds[0] } : {}),
  };
}
