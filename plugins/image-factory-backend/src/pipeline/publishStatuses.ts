import { Entity } from '@backstage/catalog-model';
import { ownerOf } from '../enrollment/ownerOf';
import {
  Enrollment,
  FreightOrigin,
  ImageStatus,
  InvalidStateFile,
  listRelevantUpdates,
  RebuildRecord,
  StateTree,
} from '@internal/plugin-image-factory-common';
import { ImageFactoryStore } from '../database';
import { toApiRebuild } from '../rebuilds/toApiRebuild';
import {
  buildBaseImageDetails,
  buildImageStatuses,
  ProjectedStatuses,
} from '../status/buildImageStatuses';
import { StateLinksInput } from '../status/stateLinks';

/**
 * Writes the status of every enrolled image and base image to the database, where
 * the API reads it. Images no longer enrolled disappear from it (their history
 * stays in the state repository's archive). Returns the statuses and the errors
 * of images whose status could not be computed (they are published as blocked).
 */
export async function publishStatuses(options: {
  state: StateTree;
  enrollments: readonly Enrollment[];
  entities: ReadonlyMap<string, Entity>;
  store: ImageFactoryStore;
  discoveryErrors: ReadonlyMap<string, string>;
  freightSource: FreightOrigin;
  coordinationWindowMs: number;
  rendered: ReadonlyMap<string, string>;
  /** The state files that could not be read: the images of their names are blocked. */
  invalid?: readonly InvalidStateFile[];
  /** Where the state repository lives, for links to its files; unset: no links. */
  stateLinks?: StateLinksInput;
  now: Date;
}): Promise<ProjectedStatuses> {
  const { store, state } = options;
  const rebuilds = new Map<string, RebuildRecord[]>();
  for (const record of await store.listRebuilds({ limit: 10_000 })) {
    const list = rebuilds.get(record.entityRef) ?? [];
    list.push(toApiRebuild(record));
    rebuilds.set(record.entityRef, list);
  }
  const emergencyCounts = new Map<string, number>();
  for (const [ref, list] of rebuilds) {
    emergencyCounts.set(
      ref,
      list.filter(r => r.trigger === 'emergency').length,
    );
  }
  const warehouses = new Set(
    [...options.rendered.keys()]
      .filter(p => p.startsWith('manifests/warehouses/'))
      .map(p => p.slice('manifests/warehouses/'.length, -'.yaml'.length)),
  );

  const projected = buildImageStatuses(state, {
    enrollments: new Map(options.enrollments.map(e => [e.entityRef, e])),
    owners: new Map(
      [...options.entities].map(([ref, entity]) => [ref, ownerOf(entity)]),
    ),
    rebuilds,
    emergencyCounts,
    discoveryErrors: options.discoveryErrors,
    freightSource: options.freightSource,
    coordinationWindowMs: options.coordinationWindowMs,
    warehouses,
    invalidStateFiles: options.invalid,
    stateLinks: options.stateLinks,
    now: options.now,
  });
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
    buildBaseImageDetails(state, options).map(detail => ({
      name: detail.name,
      ref: detail.ref,
      dependentsCount: detail.dependents.length,
      status: detail,
    })),
  );
  return projected;
}

// The first-seen time of the oldest update the image is not built on yet, of
// those that change a platform it builds: eligibility's rule, so a stale image
// is never listed as up to date nor the other way round.
function staleSince(status: ImageStatus): { staleSince?: string } {
  const times = status.baseImages.flatMap(base =>
    listRelevantUpdates(
      { ref: base.ref, builtDigest: base.builtDigest, freight: base.updates },
      status.enrollment.platforms,
    ).map(u => u.firstSeen),
  );
  return times.length ? { staleSince: times.sort()[0] } : {};
}
