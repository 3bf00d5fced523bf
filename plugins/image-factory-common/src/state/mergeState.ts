import type { Enrollment } from '../enrollment/types';
import { parseImageReference } from '../references';
import { assignNames } from './assignNames';
import { buildExternalImage, buildManagedImage } from './buildImageStates';
import { claimImages, type EnrollmentConflict } from './claimImages';
import { compareText } from './compareText';
import { diffStates, type StateChange } from './diffStates';
import { draftImages, type Draft } from './draftImages';
import { monitorRef, repositoryKey } from './imageKeys';
import { imageKey, indexState } from './indexState';
import { newTrackedImage } from './newTrackedImage';
import type { InvalidStateFile } from './parseStateTree';
import { parseStatePath } from './statePaths';
import type { AnalysisOutcome } from './resolveAnalysis';
import type { BaseImageState, ImageState, StateTree } from './types';

/**
 * Inputs of {@link mergeState}.
 *
 * @public
 */
export interface MergeStateInput {
  /** The state repository as last written (see `parseStateTree`). */
  previous: StateTree;
  /**
   * The state files `parseStateTree` could not read. The image each names
   * keeps that file's name, so it is not renamed while the file is kept as
   * it is (see `keepInvalidStateFiles`).
   */
  invalid?: readonly InvalidStateFile[];
  /** Every enrollment of this run, usable or not. */
  enrollments: readonly Enrollment[];
  /** This run's analysis outcomes by entity ref; an image without one keeps its previous analysis. */
  analyses: ReadonlyMap<string, AnalysisOutcome>;
  /** ISO 8601 time of the run, written only where something new is recorded. */
  now: string;
  /**
   * Entity refs whose active images stay exactly as they were, whether or not
   * an enrollment names them this run; enrollments of these entities are left
   * out. How `mergeStateWithinArchiveLimit` archives nothing.
   */
  hold?: ReadonlySet<string>;
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
  /** Enrollments that lost an image to another entity. */
  conflicts: EnrollmentConflict[];
}

function byName<T extends { name: string }>(a: T, b: T): number {
  return compareText(a.name, b.name);
}

/** Entity refs of the managed images using each monitored reference. */
function dependentsOf(drafts: Draft[]): Map<string, Set<string>> {
  const dependents = new Map<string, Set<string>>();
  for (const draft of drafts) {
    if (draft.kind === 'managed') {
      const entityRef = draft.enrollment?.entityRef ?? draft.prior!.entityRef;
      for (const use of draft.uses) {
        const users = dependents.get(use.key) ?? new Set();
        users.add(entityRef);
        dependents.set(use.key, users);
      }
    }
  }
  return dependents;
}

/**
 * The name of each key that an invalid state file names, unless a valid file
 * holds that name already (an invalid file never renames a valid image); the
 * first file in path order wins.
 */
function heldNames(
  invalid: readonly InvalidStateFile[],
  validNames: ReadonlyMap<string, string>,
): Map<string, string> {
  const used = new Set(validNames.values());
  const names = new Map<string, string>();
  for (const file of [...invalid].sort((a, b) => compareText(a.path, b.path))) {
    const name = parseStatePath(file.path)?.name;
    if (file.key && name && !used.has(name) && !names.has(file.key)) {
      names.set(file.key, name);
    }
  }
  return names;
}

/**
 * Merges one run's enrollments and analyses into the state tree
 * (docs/state-files.md, "Merging"). Enrollment always wins over what the state
 * says; runtime data (digests, timestamps, update and rebuild history) is
 * always kept. Applies the lifecycle: images no longer enrolled and base images
 * no longer used move to the archive with their history and come back from it;
 * a base image whose repository gets enrolled as a managed image moves into
 * that image's `published` tags, and back when the image is dropped. An
 * enrollment whose image annotation is invalid keeps its image exactly as it
 * was.
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
  const hold = input.hold ?? new Set<string>();
  const claimed = claimImages(
    input.enrollments.filter(e => !hold.has(e.entityRef)),
    new Map(previous.images.map(i => [imageKey(i.kind, i.image), i.entityRef])),
  );
  const drafts = draftImages(index, claimed, analyses, hold);
  const dependents = dependentsOf(drafts);
  const activeImageKeys = new Set(drafts.map(d => d.key));
  const managedRepositories = new Set(
    drafts.filter(d => d.kind === 'managed').map(d => d.key),
  );

  const names = assignNames(
    [
      ...activeImageKeys,
      ...dependents.keys(),
      ...index.images.keys(),
      ...index.records.keys(),
    ],
    new Map([...heldNames(input.invalid ?? [], index.names), ...index.names]),
  );
  const nameOf = (key: string) => names.get(key)!;

  // Used references are base images, or published tags of a managed image
  // when their repository is one; unused ones rest in the archive.
  const baseImages: BaseImageState[] = [];
  const published = new Map<string, BaseImageState[]>();
  for (const [key, users] of dependents) {
    const record: BaseImageState = {
      ...(index.records.get(key)?.value ??
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
  const archivedBaseImages = [...index.records]
    .filter(([key]) => !dependents.has(key))
    .map(([key, found]) => ({
      ...found.value,
      name: nameOf(key),
      dependents: [],
    }));

  const currentDigest = (key: string) => {
    const found = index.records.get(key);
    return found && !found.archived ? found.value.currentDigest : null;
  };
  const images: ImageState[] = drafts.map(draft =>
    draft.kind === 'managed'
      ? buildManagedImage(
          draft,
          nameOf,
          currentDigest,
          published.get(draft.key) ?? [],
        )
      : buildExternalImage(
          draft,
          nameOf(draft.key),
          index.records.get(draft.key)?.value,
          now,
        ),
  );
  // Published tags leave with their image: back to base images or the archive.
  const archivedImages: ImageState[] = [...index.images]
    .filter(([key]) => !activeImageKeys.has(key))
    .map(([key, { value }]) =>
      value.kind === 'managed'
        ? { ...value, name: nameOf(key), published: [] }
        : { ...value, name: nameOf(key) },
    );

  const state: StateTree = {
    images: images.sort(byName),
    baseImages: baseImages.sort(byName),
    archive: {
      images: archivedImages.sort(byName),
      baseImages: archivedBaseImages.sort(byName),
    },
  };
  let changes: StateChange[] | undefined;
  return {
    state,
    // Worked out when asked for: comparing every file of the fleet is work a
    // run does only to describe a commit.
    get changes() {
      changes ??= diffStates(previous, state);
      return changes;
    },
    conflicts: claimed.conflicts,
  };
}
