import {
  staleSinceOf,
  upstreamCriticalFixesOf,
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
    projected.statuses.map(status => {
      const staleSince = staleSinceOf(status);
      const fixes = upstreamCriticalFixesOf(status).length;
      return {
        entityRef: status.entityRef,
        kind: status.kind,
        image: status.enrollment.image,
        ...(status.owner ? { owner: status.owner } : {}),
        eligibilityState: status.eligibility.state,
        ...(status.eligibility.eligibleAt
          ? { eligibleAt: status.eligibility.eligibleAt }
          : {}),
        ...(staleSince ? { staleSince } : {}),
        ...(fixes > 0 && { upstreamCriticalFixes: fixes }),
        status,
      };
    }),
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
