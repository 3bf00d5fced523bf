import {
  ManagedImageState,
  recordRebuild,
  StateTree,
} from '@image-factory/backstage-plugin-image-factory-common';
import { RebuildRecord } from '../database';
import { toApiRebuild } from './toApiRebuild';

/**
 * Copies the database's rebuild records into the images' state files, so the
 * state repository keeps the rebuild history too; a successful rebuild moves the
 * image's built digests to the ones it was rebuilt on. `before` is the built
 * digest when the attempt is first recorded, and is kept from then on.
 */
export function syncRebuildHistory(
  state: StateTree,
  records: readonly RebuildRecord[],
): StateTree {
  let next = state;
  for (const record of [...records].sort((a, b) =>
    a.requestedAt.localeCompare(b.requestedAt),
  )) {
    const image = next.images.find(
      (i): i is ManagedImageState =>
        i.kind === 'managed' && i.entityRef === record.entityRef,
    );
    if (!image) continue;
    const known = image.rebuilds.find(r => r.id === record.id);
    const api = toApiRebuild(record);
    next = recordRebuild(next, record.entityRef, {
      id: api.id,
      trigger: api.trigger,
      requestedBy: api.requestedBy,
      ...(api.justification ? { justification: api.justification } : {}),
      requestedAt: api.requestedAt,
      provider: api.provider,
      ...(api.runUrl ? { runUrl: api.runUrl } : {}),
      status: api.status,
      ...(api.conclusion ? { conclusion: api.conclusion } : {}),
      ...(api.error ? { error: api.error } : {}),
      baseDigests: Object.fromEntries(
        Object.entries(record.baseDigests).map(([ref, after]) => [
          ref,
          {
            before:
              known?.baseDigests[ref]?.before ??
              image.baseImages.find(b => b.ref === ref)?.builtDigest ??
              null,
            after,
          },
        ]),
      ),
      ...(api.verification ? { verification: api.verification } : {}),
    });
  }
  return next;
}
