import type { Enrollment } from '../enrollment/types';
import { parseImageReference, type ImageReference } from '../references';
import type { ClaimedImages } from './claimImages';
import { monitorKey } from './imageKeys';
import type { StateIndex } from './indexState';
import {
  resolveAnalysis,
  type AnalysedRef,
  type AnalysisOutcome,
  type ResolvedAnalysis,
} from './resolveAnalysis';
import type { ExternalImageState, ManagedImageState } from './types';

/** A base image as a managed image uses it, with its monitored key. */
export interface BaseImageUseKey extends AnalysedRef {
  parsed: ImageReference;
  key: string;
}

/** A managed image of this run before names are known. */
export interface ManagedDraft {
  kind: 'managed';
  key: string;
  /** `undefined` when the image is kept as it was (invalid annotation). */
  enrollment: Enrollment | undefined;
  prior: ManagedImageState | undefined;
  resolved: ResolvedAnalysis;
  uses: BaseImageUseKey[];
}

/** An external image of this run before names are known. */
export interface ExternalDraft {
  kind: 'external';
  key: string;
  enrollment: Enrollment | undefined;
  prior: ExternalImageState | undefined;
}

/** An image that will be active after the merge. */
export type Draft = ManagedDraft | ExternalDraft;

function usesOf(refs: readonly AnalysedRef[]): BaseImageUseKey[] {
  return refs.flatMap(({ ref, platforms }) => {
    try {
      const parsed = parseImageReference(ref);
      return [
        {
          ref,
          ...(platforms && { platforms }),
          parsed,
          key: monitorKey(parsed),
        },
      ];
    } catch {
      return [];
    }
  });
}

/**
 * The images that are active after the merge: each owned enrollment, with its
 * previous state (active or archived) and resolved analysis; and each image
 * whose entity's image annotation went bad, or whose entity is held, kept as
 * it was.
 */
export function draftImages(
  index: StateIndex,
  { owned, unusable }: ClaimedImages,
  analyses: ReadonlyMap<string, AnalysisOutcome>,
  hold: ReadonlySet<string> = new Set(),
): Draft[] {
  const drafts: Draft[] = [];
  for (const [key, enrollment] of owned) {
    const prior = index.images.get(key)?.value;
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
  for (const [key, found] of index.images) {
    const image = found.value;
    const kept = unusable.has(image.entityRef) || hold.has(image.entityRef);
    if (found.archived || !kept || owned.has(key)) {
      continue;
    }
    drafts.push(
      image.kind === 'managed'
        ? {
            kind: 'managed',
            key,
            enrollment: undefined,
            prior: image,
            resolved: resolveAnalysis(image, undefined),
            uses: usesOf(image.baseImages),
          }
        : { kind: 'external', key, enrollment: undefined, prior: image },
    );
  }
  return drafts;
}
