import {
  ImageStatus,
  listRelevantUpdates,
} from '@image-factory/backstage-plugin-image-factory-common';
import { ImageFactoryStore } from '../database';
import { ProjectedRun } from './projectStatuses';

/**
 * Stores a run's status documents, where the API reads them. Images no longer
 * enrolled disappear from it (their history stays in the state repository's
 * archive).
 */
export async function publishStatuses(
  store: ImageFactoryStore,
  projected: ProjectedRun,
): Promise<void> {
  await store.replaceImageStatuses(
    projected.statuses.map(status => ({
      entityRef: status.entityRef,
      kind: status.kind,
      image: status.enrollment.image,
      ...(status.owner ? { owner: status.owner } : {}),
      eligibilityState: status.eligibility.state,
      ...(status.eligibility.eligibleAt
        ? { eligibleAt: status.eligibility.eligibleAt }
        : {}),
      ...staleSince(status),
      status,
    })),
  );
  await store.replaceBaseImageStatuses(
    projected.baseImages.map(detail => ({
      name: detail.name,
      ref: detail.ref,
      dependentsCount: detail.dependents.length,
      status: detail,
    })),
  );
}

// The first-seen time of the oldest update the image is not built on yet, of
// those that change a platform it builds: eligibility's rule, so a stale image
// is never listed as up to date nor the other way round.
function staleSince(status: ImageStatus): { staleSince?: string } {
  const times = status.baseImages.flatMap(base =>
    listRelevantUpdates(
      {
        ref: base.ref,
        builtDigest: base.builtDigest,
        // Oldest first, as eligibility reads them; the API lists newest first.
        freight: [...base.updates].reverse(),
      },
      status.enrollment.platforms,
    ).map(u => u.firstSeen),
  );
  return times.length ? { staleSince: times.sort()[0] } : {};
}
