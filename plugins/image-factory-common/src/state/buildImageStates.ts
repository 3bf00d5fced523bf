import { parseImageReference } from '../references';
import { compareText } from './compareText';
import type { ExternalDraft, ManagedDraft } from './draftImages';
import { monitorRef } from './imageKeys';
import { newTrackedImage } from './newTrackedImage';
import type {
  BaseImageState,
  ExternalImageState,
  ManagedImageState,
  TrackedImage,
} from './types';

/**
 * The state of a managed image after the merge: enrollment fields from the
 * annotations, runtime data (built digests, rebuild history) from before.
 *
 * @param currentDigest - the current digest of an active base image, by key.
 */
export function buildManagedImage(
  draft: ManagedDraft,
  nameOf: (key: string) => string,
  currentDigest: (key: string) => string | null,
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
      : use.parsed.digest ?? currentDigest(use.key),
    ...(use.platforms && { platforms: use.platforms }),
  }));
  const runtime = {
    name: nameOf(draft.key),
    kind: 'managed' as const,
    analysis: resolved.analysis,
    baseImages,
    published: [...published].sort((a, b) => compareText(a.name, b.name)),
    rebuilds: prior?.rebuilds ?? [],
  };
  if (!enrollment) {
    return { ...prior!, ...runtime };
  }
  return {
    ...runtime,
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

function trackedPart({
  name: _name,
  dependents: _dependents,
  ...tracked
}: BaseImageState): TrackedImage {
  return tracked;
}

/**
 * The state of an external image after the merge. A reference already tracked
 * as a base image brings its digest history along.
 */
export function buildExternalImage(
  draft: ExternalDraft,
  name: string,
  record: BaseImageState | undefined,
  now: string,
): ExternalImageState {
  const { enrollment, prior } = draft;
  if (!enrollment) {
    return { ...prior!, name };
  }
  const monitored =
    prior?.monitored ??
    (record
      ? trackedPart(record)
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
