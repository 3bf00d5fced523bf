import { ConflictError, InputError } from '@backstage/errors';
import {
  ImageStatus,
  isActiveRebuildStatus,
  RebuildRequest,
  applyEligibility,
} from '@image-factory/backstage-plugin-image-factory-common';
import { EarlyRebuildError } from './EarlyRebuildError';

/**
 * Whether a person may have this rebuild now, judged on the image's status
 * alone: an external image is never rebuilt (400); a blocked one, or one being
 * rebuilt, cannot be now (409), unless an emergency replaces the rebuild in
 * flight and the image would not be blocked without it; an ordinary rebuild
 * waits for eligibility (409 with `eligibleAt`). Returns whether the rebuild
 * replaces the active ones, which the caller then checks are stale.
 *
 * @throws InputError, ConflictError or EarlyRebuildError when it may not.
 */
export function checkRebuildRequest(
  status: ImageStatus,
  request: RebuildRequest,
  options: { coordinationWindowMs: number; now: Date },
): { replacesActive: boolean } {
  if (status.kind !== 'managed') {
    throw new InputError(
      `${status.entityRef} is an external image: the Image Factory monitors it and never rebuilds it`,
    );
  }
  const { state, reasons } = status.eligibility;
  if (
    state === 'blocked' ||
    (state === 'rebuilding' && !request.emergency) ||
    (state === 'rebuilding' && isBlockedWithoutActive(status, options))
  ) {
    throw new ConflictError(
      `${status.entityRef} cannot be rebuilt now (${state}): ${reasons.join(
        '; ',
      )}`,
    );
  }
  if (!request.emergency && state !== 'eligible' && state !== 'failed') {
    throw new EarlyRebuildError(
      `${
        status.entityRef
      } is not eligible for a rebuild yet (${state}): ${reasons.join(
        '; ',
      )}. An emergency rebuild bypasses the delay.`,
      status.eligibility.eligibleAt,
    );
  }
  return { replacesActive: state === 'rebuilding' };
}

// Whether the image would be blocked if the rebuilds in flight were gone:
// superseding one must not get round a block.
function isBlockedWithoutActive(
  status: ImageStatus,
  options: { coordinationWindowMs: number; now: Date },
): boolean {
  return (
    applyEligibility(
      {
        ...status,
        rebuilds: status.rebuilds.filter(r => !isActiveRebuildStatus(r.status)),
      },
      options,
    ).eligibility.state === 'blocked'
  );
}
