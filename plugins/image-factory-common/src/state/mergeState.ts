import type { Enrollment } from '../enrollment/types';
import { parseImageReference, type ImageReference } from '../references';
import { assignNames } from './assignNames';
import { diffStates, type StateChange } from './diffStates';
import { monitorKey, monitorRef, repositoryKey } from './imageKeys';
import { imageKey, indexState, type Found } from './indexState';
import { newTrackedImage } from './newTrackedImage';
import {
  resolveAnalysis,
  type AnalysisOutcome,
  type ResolvedAnalysis,
} from './resolveAnalysis';
import type {
  BaseImageState,
  ExternalImageState,
  ImageState,
  ManagedImageState,
  StateTree,
} from './types';
import { compareText } from './compareText';

/**
 * Inputs of {@link mergeState}.
 *
 * @public
 */
export interface MergeStateInput {
  /** The state repository as last written (see `parseStateTree`). */
  previous: StateTree;
  /** Every enrollment of this run, usable or not. */
  enrollments: readonly Enrollment[];
  /** This run's analysis outcomes by entity ref; an image without one keeps its previous analysis. */
  analyses: ReadonlyMap<string, AnalysisOutcome>;
  /** ISO 8601 time of the run, written only where something new is recorded. */
  now: string;
}

/**
 * An enrollment that could not take effect because another entity enrolls the
 * same image: the entity with the smallest entity ref owns it.
 *
 * @public
 */
export interface EnrollmentConflict {
  entityRef: string;
  image: string;
  ownerEntityRef: string;
  message: string;
}

/**
 * Result of {@link mergeState}.
 *
 * @public
 */
export interface MergeStateResult {
  state: StateTree;
  /** Files added, changed or removed, by section and name; empty when nothing changed. */
  changes: StateChange[];
  conflicts: EnrollmentConflict[];
}

interface ManagedDraft {
  kind: 'managed';
  key: string;
  enrollment: Enrollment | undefined;
  prior: ManagedImageState | undefined;
  resolved: ResolvedAnalysis;
  uses: Array<{ ref: string; parsed: ImageReference; key: string }>;
}

interface ExternalDraft {
  kind: 'external';
  key: string;
  enrollment: Enrollment | undefined;
  prior: ExternalImageState | undefined;
}

type Draft = ManagedDraft | ExternalDraft;

function byName<T extends { name: string }>(a: T, b: T): number {
  return compareText(a.name, b.name);
}

function usesOf(refs: string[]): ManagedDraft['uses'] {
  return refs.flatMap(ref => {
    try {
      const parsed = parseImageReference(ref);
      return [{ ref, parsed, key: monitorKey(parsed) }];
    } catch {
      return [];
    }
  });
}

/**
 * Merges one run's enrollments and analyses into the state tree (PRODUCT.md
 * §7). Enrollment always wins over what the state says; runtime data (digests,
 * timestamps, update and rebuild history) is always kept. Applies the
 * lifecycle: images no longer enrolled and base images no longer used move to
 * the archive with their history and come back from it; a base image whose
 * repository gets enrolled as a managed image moves into that image's
 * `published` tags, and back when the image is dropped. An enrollment whose
 * image annotation is invalid keeps its image exactly as it was.
 *
 * Pure and deterministic: the result does not depend on the order of
 * `enrollments`, and merging the result again with the same inputs changes
 * nothing (`now` is only written where something new appears).
 *
 * @public
 */
export function mergeState(input: MergeStateInput): MergeStateResult {
  const { previous, analyses, now } = input;
  const index = indexState(previous);
  const enrollments = [...input.enrollments].sort((a, b) =>
    compareText(a.entityRef, b.entityRef),
  );

  // Ownership: one image per key, the smallest entity ref wins.
  const conflicts: EnrollmentConflict[] = [];
  const owned = new Map<string, Enrollment>();
  const unusable = new Set<string>();
  for (const enrollment of enrollments) {
    if (enrollment.image === null) {
      unusable.add(enrollment.entityRef);
      continue;
    }
    const key = imageKey(enrollment.kind, enrollment.image);
    const owner = owned.get(key);
    if (owner) {
      conflicts.push({
        entityRef: enrollment.entityRef,
        image: enrollment.image,
        ownerEntityRef: owner.entityRef,
        message: `${enrollment.image} is already enrolled by ${owner.entityRef}`,
      });
    } else {
      owned.set(key, enrollment);
    }
  }

  const drafts: Draft[] = [];
  const priorOf = (key: string) => index.images.get(key)?.value;
  for (const [key, enrollment] of owned) {
    const prior = priorOf(key);
    if (enrollment.kind === 'managed') {
      const priorManaged = prior?.kind === 'managed' ? prior : undefined;
      const resolved = resolveAnalysis(
        priorManaged,
        analyses.get(enrollment.entityRef),
      );
      drafts.push({
        kind: 'managed',
        key,
        enrollment,
        prior: priorManaged,
        resolved,
        uses: usesOf(resolved.refs),
      });
    } else {
      drafts.push({
        kind: 'external',
        key,
        enrollment,
        prior: prior?.kind === 'external' ? prior : undefined,
      });
    }
  }
  // An entity whose image annotation went bad keeps its image as it was.
  for (const [key, found] of index.images) {
    const image = found.value;
    if (!found.archived && unusable.has(image.entityRef) && !owned.has(key)) {
      drafts.push(
        image.kind === 'managed'
          ? {
              kind: 'managed',
              key,
              enrollment: undefined,
              prior: image,
              resolved: resolveAnalysis(image, undefined),
              uses: usesOf(image.baseImages.map(use => use.ref)),
            }
          : { kind: 'external', key, enrollment: undefined, prior: image },
      );
    }
  }

  // Which references are used, by whom, and which belong to a managed image.
  const dependents = new Map<string, Set<string>>();
  const managedRepositories = new Set<string>();
  for (const draft of drafts) {
    if (draft.kind !== 'managed') {
      continue;
    }
    managedRepositories.add(draft.key);
    const entityRef = draft.enrollment?.entityRef ?? draft.prior!.entityRef;
    for (const use of draft.uses) {
      const set = dependents.get(use.key) ?? new Set();
      set.add(entityRef);
      dependents.set(use.key, set);
    }
  }

  // Names: every key that appears in the new tree.
  const activeImageKeys = new Set(drafts.map(d => d.key));
  const names = assignNames(
    [
      ...activeImageKeys,
      ...dependents.keys(),
      ...[...index.images.keys()],
      ...[...index.records.keys()],
    ],
    index.names,
  );
  const nameOf = (key: string) => names.get(key)!;

  // Base images and published tags.
  const baseImages: BaseImageState[] = [];
  const archivedBaseImages: BaseImageState[] = [];
  const published = new Map<string, BaseImageState[]>();
  for (const [key, users] of dependents) {
    const found = index.records.get(key);
    const record: BaseImageState = {
      ...(found?.value ??
        newTrackedImage(monitorRef(parseImageReference(key)), now)),
      name: nameOf(key),
      dependents: [...users].sort(compareText),
    };
    const repository = repositoryKey(parseImageReference(key));
    if (managedRepositories.has(repository)) {
      published.set(repository, [...(published.get(repository) ?? []), record]);
    } else {
      baseImages.push(record);
    }
  }
  for (const [key, found] of index.records) {
    if (!dependents.has(key)) {
      archivedBaseImages.push({
        ...found.value,
        name: nameOf(key),
        dependents: [],
      });
    }
  }

  // Images.
  const activeRecord = (key: string): Found<BaseImageState> | undefined => {
    const found = index.records.get(key);
    return found && !found.archived ? found : undefined;
  };
  const images: ImageState[] = drafts.map(draft =>
    draft.kind === 'managed'
      ? buildManaged(
          draft,
          nameOf,
          activeRecord,
          published.get(draft.key) ?? [],
        )
      : buildExternal(
          draft,
          nameOf(draft.key),
          index.records.get(draft.key)?.value,
          now,
        ),
  );
  const archivedImages: ImageState[] = [];
  for (const [key, found] of index.images) {
    if (!activeImageKeys.has(key)) {
      const image = found.value;
      archivedImages.push(
        image.kind === 'managed'
          ? { ...image, name: nameOf(key), published: [] }
          : { ...image, name: nameOf(key) },
      );
    }
  }

  const state: StateTree = {
    images: images.sort(byName),
    baseImages: baseImages.sort(byName),
    archive: {
      images: archivedImages.sort(byName),
      baseImages: archivedBaseImages.sort(byName),
    },
  };
  return { state, changes: diffStates(previous, state), conflicts };
}

function buildManaged(
  draft: ManagedDraft,
  nameOf: (key: string) => string,
  activeRecord: (key: string) => Found<BaseImageState> | undefined,
  published: BaseImageState[],
): ManagedImageState {
  const { enrollment, prior, resolved } = draft;
  const priorUses = new Map(prior?.baseImages.map(use => [use.ref, use]) ?? []);
  const baseImages = draft.uses.map(use => ({
    ref: use.ref,
    name: nameOf(use.key),
    // Enrolling never triggers a rebuild: a new base image counts as built on
    // its pinned digest, else on the digest current when it was discovered.
    builtDigest: priorUses.has(use.ref)
      ? priorUses.get(use.ref)!.builtDigest
      : use.parsed.digest ?? activeRecord(use.key)?.value.currentDigest ?? null,
  }));
  const common = {
    name: nameOf(draft.key),
    kind: 'managed' as const,
    analysis: resolved.analysis,
    baseImages,
    published: published.sort(byName),
    rebuilds: prior?.rebuilds ?? [],
  };
  if (!enrollment) {
    return { ...prior!, ...common };
  }
  return {
    ...common,
    entityRef: enrollment.entityRef,
    image: enrollment.image!,
    source: {
      location: enrollment.sourceLocation,
      dockerfile: enrollment.dockerfile,
      buildArgs: enrollment.buildArgs,
      target: enrollment.target,
    },
    policy: {
      rebuildDelay: enrollment.rebuildDelay,
      autoRebuild: enrollment.autoRebuild,
      workflow: enrollment.workflow,
      priority: enrollment.priority,
      platforms: enrollment.platforms,
    },
  };
}

function buildExternal(
  draft: ExternalDraft,
  name: string,
  record: BaseImageState | undefined,
  now: string,
): ExternalImageState {
  const { enrollment, prior } = draft;
  if (!enrollment) {
    return { ...prior!, name };
  }
  // A reference already tracked as a base image brings its history along.
  const monitored =
    prior?.monitored ??
    (record
      ? stripRecord(record)
      : newTrackedImage(
          monitorRef(parseImageReference(enrollment.image!)),
          now,
        ));
  return {
    name,
    kind: 'external',
    entityRef: enrollment.entityRef,
    image: enrollment.image!,
    policy: { priority: enrollment.priority, platforms: enrollment.platforms },
    monitored,
  };
}

function stripRecord({
  name: _name,
  dependents: _dependents,
  ...tracked
}: BaseImageState) {
  return tracked;
}
