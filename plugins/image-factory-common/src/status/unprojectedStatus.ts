import { ImageStatus } from '../api';
import { ImageState, statePath } from '../state';
import type { StatusContext } from './buildImageStatuses';

/**
 * The status of an image whose projection threw: blocked, with the reason, and
 * only what can be read without computing anything, so the card still shows
 * which image it is and why nothing happens to it. Being blocked, it is never
 * rebuilt on a status nobody could compute; its rebuild history stays visible.
 */
export function unprojectedStatus(
  image: ImageState,
  context: Pick<
    StatusContext,
    'enrollments' | 'owners' | 'rebuilds' | 'linksOf'
  >,
  reason: string,
): ImageStatus {
  const enrollment = context.enrollments.get(image.entityRef);
  const managed = image.kind === 'managed' ? image : undefined;
  const paths = { stateFile: statePath('images', image.name) };
  return {
    entityRef: image.entityRef,
    kind: image.kind,
    owner: context.owners.get(image.entityRef) ?? null,
    enrollment: {
      image: image.image,
      dockerfile: managed?.source.dockerfile ?? null,
      sourceLocation: managed?.source.location ?? null,
      rebuildDelay: enrollment?.rebuildDelay ?? '0',
      autoRebuild: false,
      workflow: managed?.policy.workflow ?? null,
      priority: enrollment?.priority ?? 'normal',
      errors: enrollment?.errors ?? [],
    },
    analysis: {
      status: managed?.analysis.status ?? 'ok',
      analyzedAt: managed?.analysis.analyzedAt ?? null,
      warnings: [],
    },
    baseImages: [],
    freight: [],
    dependents: [],
    eligibility: { state: 'blocked', reasons: [reason] },
    rebuilds: context.rebuilds.get(image.entityRef) ?? [],
    emergencyRebuildCount: 0,
    links: context.linksOf?.(paths) ?? {},
    paths,
  };
}
