import { Entity } from '@backstage/catalog-model';
import {
  BaseImageDetail,
  buildBaseImageDetails,
  buildImageStatuses,
  ProjectedStatuses,
  Enrollment,
  FreightOrigin,
  InvalidStateFile,
  RebuildRecord,
  Severity,
  SignatureMode,
  StateTree,
} from '@image-factory/backstage-plugin-image-factory-common';
import { RebuildRecord as StoredRebuild } from '../database';
import { ownerOf } from '../enrollment/ownerOf';
import { toApiRebuild } from '../rebuilds/toApiRebuild';
import { stateLinksOf, StateLinksInput } from '../status/stateLinks';

/** What a run projects: the documents the API serves, before they are stored. */
export interface ProjectedRun extends ProjectedStatuses {
  baseImages: BaseImageDetail[];
}

/**
 * Projects a run's state, with its rebuild records, onto the status documents
 * of every enrolled image and base image, eligibility included. In memory
 * only: the pipeline judges eligibility on it, triggers, projects again with
 * the triggered rebuilds, and stores the result once.
 */
export function projectStatuses(options: {
  state: StateTree;
  /** Every rebuild record of the store, with those this run started. */
  records: readonly StoredRebuild[];
  enrollments: readonly Enrollment[];
  entities: ReadonlyMap<string, Entity>;
  discoveryErrors: ReadonlyMap<string, string>;
  freightSource: FreightOrigin;
  coordinationWindowMs: number;
  /** The files the run writes: which images have a Warehouse manifest. */
  rendered: ReadonlyMap<string, string>;
  /** The state files that could not be read: the images of their names are blocked. */
  invalid?: readonly InvalidStateFile[];
  stateLinks?: StateLinksInput;
  /** How signatures count for a base image, by its reference. */
  signatureModeOf?: (ref: string) => SignatureMode | undefined;
  /** `imageFactory.supplyChain.bypassSeverity`. */
  bypassSeverity?: Severity;
  /** `imageFactory.defaults.internalDelay`. */
  internalDelayMs?: number;
  now: Date;
}): ProjectedRun {
  const rebuilds = new Map<string, RebuildRecord[]>();
  // Newest first, as the store lists them and the documents show them.
  const newestFirst = [...options.records].sort(
    (a, b) =>
      b.requestedAt.localeCompare(a.requestedAt) || b.id.localeCompare(a.id),
  );
  for (const record of newestFirst) {
    const list = rebuilds.get(record.entityRef) ?? [];
    list.push(toApiRebuild(record));
    rebuilds.set(record.entityRef, list);
  }
  const emergencyCounts = new Map(
    [...rebuilds].map(([ref, list]) => [
      ref,
      list.filter(r => r.trigger === 'emergency' || r.trigger === 'evidence')
        .length,
    ]),
  );
  const warehouses = new Set(
    [...options.rendered.keys()]
      .filter(p => p.startsWith('manifests/warehouses/'))
      .map(p => p.slice('manifests/warehouses/'.length, -'.yaml'.length)),
  );
  const linksOf = stateLinksOf(options.stateLinks);
  const projected = buildImageStatuses(options.state, {
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
    linksOf,
    signatureModeOf: options.signatureModeOf,
    bypassSeverity: options.bypassSeverity,
    internalDelayMs: options.internalDelayMs,
    now: options.now,
  });
  return {
    ...projected,
    baseImages: buildBaseImageDetails(options.state, {
      discoveryErrors: options.discoveryErrors,
      warehouses,
      linksOf,
    }),
  };
}
