import type { ImageListItem, ImageStatus } from '../api';
import { listRelevantUpdates } from '../eligibility';

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
 * An image's line in the image list, from its full status and when it went
 * stale ({@link staleSinceOf}, which the backend computes once and stores with
 * the status).
 *
 * @public
 */
export function toImageListItem(
  status: ImageStatus,
  staleSince: string | undefined,
): ImageListItem {
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
    baseImageCount: status.baseImages.length,
    ...(status.rebuilds[0] ? { lastRebuild: status.rebuilds[0] } : {}),
  };
}
