import { isError } from '@backstage/errors';
import { applyEligibility } from './applyEligibility';
import { blockersOf } from './blockersOf';
import { tagOf } from './tagOf';
import { unprojectedStatus } from './unprojectedStatus';
import {
  BaseImageDetail,
  BaseImageUpdate,
  Eligibility,
  Freight,
  FreightOrigin,
  ImageBaseImage,
  ImageStateLinks,
  ImageStatePaths,
  ImageStatus,
  RebuildRecord,
  SignatureMode,
} from '../api';
import { Enrollment } from '../enrollment';
import {
  BaseImageState,
  ExternalImageState,
  ImageState,
  InvalidStateFile,
  invalidFilesByName,
  ManagedImageState,
  StateTree,
  statePath,
  TrackedImage,
} from '../state';
import type { Severity } from '../supplyChain';
import { findBuildCycles } from './findBuildCycles';
import { holdDependents } from './holdDependents';
import { repositoryOf } from './repositoryOf';
import { formatDuration } from '../durations';
import { warehousePath } from '../warehouses';

/** Everything the status projection reads besides the state tree.  *
 * @public
 */
export interface StatusContext {
  enrollments: ReadonlyMap<string, Enrollment>;
  owners: ReadonlyMap<string, string | null>;
  /** Newest first, per entity ref. */
  rebuilds: ReadonlyMap<string, RebuildRecord[]>;
  emergencyCounts: ReadonlyMap<string, number>;
  /** Last discovery error per monitored reference. */
  discoveryErrors: ReadonlyMap<string, string>;
  freightSource: FreightOrigin;
  coordinationWindowMs: number;
  /** Names that have a Warehouse manifest. */
  warehouses: ReadonlySet<string>;
  /** The state files that could not be read: the images of their names are blocked. */
  invalidStateFiles?: readonly InvalidStateFile[];
  /**
   * Links to an image's files on the state repository's host; unset: no
   * links (a local repository has no web page). The backend knows the hosts.
   */
  linksOf?: (paths: ImageStatePaths) => ImageStateLinks;
  /**
   * How signatures count for a base image, by its normalized reference
   * (`imageFactory.supplyChain.signatures`); unset or undefined: no key is
   * configured for it.
   */
  signatureModeOf?: (ref: string) => SignatureMode | undefined;
  /** `imageFactory.supplyChain.bypassSeverity`; absent: off. */
  bypassSeverity?: Severity;
  /**
   * `imageFactory.defaults.internalDelay`: how long a digest of an internal
   * base image that a rebuild of the Image Factory pushed waits; absent: as
   * long as any other (the dependent's own delay).
   */
  internalDelayMs?: number;
  now: Date;
}

/** The status documents, and one error per image whose projection failed.  *
 * @public
 */
export interface ProjectedStatuses {
  statuses: ImageStatus[];
  errors: string[];
}

/**
 * Projects the state tree onto the API's entity status documents
 * (docs/architecture.md, "Status store and API"), eligibility included, so
 * requests are answered from the database without recomputing anything. Image
 * by image: whatever one image's state or enrollment holds, a failure becomes
 * that image's blocked status and error, and every other image is projected
 * as usual.
 *
 * @public
 */
export function buildImageStatuses(
  state: StateTree,
  context: StatusContext,
): ProjectedStatuses {
  const tracked = indexTracked(state);
  const frozen = invalidFilesByName(context.invalidStateFiles ?? []);
  const cycles = findBuildCycles(state.images);
  const builders = buildersOf(state, context);
  const statuses: ImageStatus[] = [];
  const errors: string[] = [];
  for (const image of state.images) {
    try {
      const blockedBy = blockersOf(
        image,
        frozen,
        context.enrollments.get(image.entityRef),
        cycles,
      );
      statuses.push(
        image.kind === 'managed'
          ? managedStatus(image, tracked, context, blockedBy, builders)
          : externalStatus(image, context, blockedBy),
      );
    } catch (error) {
      const reason = `The Image Factory could not compute this image's status: ${
        isError(error) ? error.message : String(error)
      }`;
      errors.push(`${image.entityRef}: ${reason}`);
      statuses.push(unprojectedStatus(image, context, reason));
    }
  }
  return { statuses: holdDependents(statuses), errors };
}

/**
 * The base image documents served by `/base-images`, each with its state file
 * and, where one was written, its Warehouse manifest.
 *
 * @public
 */
export function buildBaseImageDetails(
  state: StateTree,
  context: Pick<StatusContext, 'discoveryErrors' | 'warehouses' | 'linksOf'>,
): BaseImageDetail[] {
  return state.baseImages.map(base => ({
    ref: base.ref,
    name: base.name,
    registry: base.registry,
    repository: base.repository,
    tag: base.tag ?? '',
    currentDigest: base.currentDigest,
    previousDigest: base.previousDigest,
    lastUpdated: base.lastUpdated,
    firstDiscovered: base.firstDiscovered,
    dependents: base.dependents,
    updates: updatesOf(base),
    ...errorOf(base.ref, context.discoveryErrors),
    ...pathsAndLinks('base-images', base.name, context),
  }));
}

function managedStatus(
  image: ManagedImageState,
  tracked: Map<string, BaseImageState>,
  context: StatusContext,
  blockedBy: string[],
  builders: ReadonlyMap<string, Builder>,
): ImageStatus {
  const enrollment = context.enrollments.get(image.entityRef);
  const rebuilds = context.rebuilds.get(image.entityRef) ?? [];
  const baseImages: ImageBaseImage[] = image.baseImages.map(usage => {
    const record = tracked.get(usage.name);
    const builder = builders.get(repositoryOf(usage.ref));
    const internal = builder && builder.entityRef !== image.entityRef;
    const trusted =
      internal &&
      context.internalDelayMs !== undefined &&
      record?.currentDigest &&
      builder.built.has(record.currentDigest);
    return {
      ref: usage.ref,
      name: usage.name,
      builtDigest: usage.builtDigest,
      latestDigest: record?.currentDigest ?? null,
      eligibleDigest: null,
      lastUpdated: record?.lastUpdated ?? null,
      tag: record ? record.tag ?? '' : tagOf(usage.ref),
      source: context.freightSource,
      // Platform digests let eligibility tell an index moved for another
      // platform from one that changes what this image is built from.
      updates: record ? updatesOf(record) : [],
      dependents: record?.dependents ?? [],
      ...(usage.platforms && { platforms: usage.platforms }),
      ...signatureModeOf(usage.ref, context),
      ...(internal && { builtBy: builder.entityRef }),
      ...(trusted && { delay: formatDuration(context.internalDelayMs!) }),
      ...errorOf(record?.ref ?? usage.ref, context.discoveryErrors),
    };
  });
  return applyEligibility(
    {
      entityRef: image.entityRef,
      kind: 'managed',
      owner: context.owners.get(image.entityRef) ?? null,
      enrollment: {
        image: image.image,
        dockerfile: image.source.dockerfile,
        sourceLocation: image.source.location,
        rebuildDelay: image.policy.rebuildDelay,
        autoRebuild: image.policy.autoRebuild,
        workflow: image.policy.workflow,
        priority: image.policy.priority,
        platforms: image.policy.platforms,
        errors: enrollment?.errors ?? [],
      },
      analysis: {
        status: image.analysis.status,
        analyzedAt: image.analysis.analyzedAt,
        ...(image.analysis.error ? { error: image.analysis.error } : {}),
        warnings: image.analysis.warnings,
        ...(image.analysis.frontend
          ? { frontend: image.analysis.frontend }
          : {}),
      },
      baseImages,
      freight: image.published.flatMap(p =>
        freightOf(p, context.freightSource),
      ),
      dependents: [
        ...new Set(image.published.flatMap(p => p.dependents)),
      ].sort(),
      // Filled in by applyEligibility.
      eligibility: { state: 'unknown', reasons: [] },
      ...(blockedBy.length > 0 ? { blockedBy } : {}),
      rebuilds,
      emergencyRebuildCount: context.emergencyCounts.get(image.entityRef) ?? 0,
      ...pathsAndLinks('images', image.name, context),
    },
    {
      coordinationWindowMs: context.coordinationWindowMs,
      now: context.now,
      bypassSeverity: context.bypassSeverity,
    },
  );
}

function externalStatus(
  image: ExternalImageState,
  context: StatusContext,
  blockedBy: string[],
): ImageStatus {
  const status = externalStatusOf(
    image,
    context,
    context.enrollments.get(image.entityRef),
  );
  return blockedBy.length > 0
    ? {
        ...status,
        blockedBy,
        eligibility: { state: 'blocked', reasons: blockedBy },
      }
    : status;
}

function externalStatusOf(
  image: ExternalImageState,
  context: StatusContext,
  enrollment: Enrollment | undefined,
): ImageStatus {
  const monitored = image.monitored;
  const error = context.discoveryErrors.get(monitored.ref);
  const eligibility: Eligibility = monitored.currentDigest
    ? {
        state: 'up-to-date',
        reasons: [
          `External image: the Image Factory watches ${monitored.ref} for new digests and never rebuilds it`,
        ],
      }
    : {
        state: 'unknown',
        reasons: [
          error
            ? `No digest known for ${monitored.ref} yet: ${error}`
            : `No digest known for ${monitored.ref} yet`,
        ],
      };
  return {
    entityRef: image.entityRef,
    kind: 'external',
    owner: context.owners.get(image.entityRef) ?? null,
    enrollment: {
      image: image.image,
      dockerfile: null,
      sourceLocation: null,
      rebuildDelay: enrollment?.rebuildDelay ?? '0',
      autoRebuild: false,
      workflow: null,
      priority: image.policy.priority,
      errors: enrollment?.errors ?? [],
    },
    analysis: { status: 'ok', analyzedAt: null, warnings: [] },
    baseImages: [],
    freight: freightOf(monitored, context.freightSource),
    dependents: [],
    eligibility,
    rebuilds: [],
    emergencyRebuildCount: 0,
    ...pathsAndLinks('images', image.name, context),
  };
}

/** The paths of an image's state file and Warehouse manifest, and links to them. */
function pathsAndLinks(
  section: 'images' | 'base-images',
  name: string,
  context: Pick<StatusContext, 'warehouses' | 'linksOf'>,
): Required<Pick<ImageStatus, 'links' | 'paths'>> {
  const paths: ImageStatePaths = {
    stateFile: statePath(section, name),
    ...(context.warehouses.has(name)
      ? { warehouseManifest: warehousePath(name) }
      : {}),
  };
  return { links: context.linksOf?.(paths) ?? {}, paths };
}

/** Base images and published tags of managed images, by state name. */
function indexTracked(state: StateTree): Map<string, BaseImageState> {
  const byName = new Map<string, BaseImageState>();
  state.baseImages.forEach(b => byName.set(b.name, b));
  state.images.forEach((image: ImageState) => {
    if (image.kind === 'managed') {
      image.published.forEach(p => byName.set(p.name, p));
    }
  });
  return byName;
}

/**
 * The digest changes of a base image as the API lists them: newest first (the
 * state records them oldest first), with the platform digests discovery
 * recorded. The tag and the freight origin are the same for all of them and
 * are said once, on the base image.
 */
function updatesOf(tracked: TrackedImage): BaseImageUpdate[] {
  return [...tracked.updates].reverse().map(update => ({
    digest: update.digest,
    firstSeen: update.firstSeen,
    ...(update.platformDigests && { platformDigests: update.platformDigests }),
    ...(update.signature && { signature: update.signature }),
    ...(update.vulnerabilities && { vulnerabilities: update.vulnerabilities }),
  }));
}

/** The freight of an image's own repository: newest first, like `updates`. */
function freightOf(
  tracked: TrackedImage,
  source: Freight['source'],
): Freight[] {
  return [...tracked.updates].reverse().map(update => ({
    tag: tracked.tag ?? '',
    digest: update.digest,
    firstSeen: update.firstSeen,
    source,
  }));
}

/** A managed image as the images built on it see it. */
interface Builder {
  entityRef: string;
  /** The digests its rebuilds pushed, as their verification read them. */
  built: ReadonlySet<string>;
}

// Each managed image by its repository, with what the Image Factory built of
// it: a rebuild's pushed image, unless it was found on the wrong base.
function buildersOf(
  state: StateTree,
  context: StatusContext,
): Map<string, Builder> {
  const builders = new Map<string, Builder>();
  for (const image of state.images) {
    if (image.kind !== 'managed') continue;
    const built = new Set(
      (context.rebuilds.get(image.entityRef) ?? []).flatMap(r =>
        r.conclusion === 'success' &&
        r.verification?.image &&
        r.verification.outcome !== 'mismatch'
          ? [
              r.verification.image.slice(
                r.verification.image.lastIndexOf('@') + 1,
              ),
            ]
          : [],
      ),
    );
    builders.set(repositoryOf(image.image), {
      entityRef: image.entityRef,
      built,
    });
  }
  return builders;
}

function signatureModeOf(ref: string, context: StatusContext) {
  const signatureMode = context.signatureModeOf?.(ref);
  return signatureMode ? { signatureMode } : {};
}

function errorOf(ref: string, errors: ReadonlyMap<string, string>) {
  const error = errors.get(ref);
  return error ? { error } : {};
}
