import {
  AuditorService,
  AuditorServiceCreateEventOptions,
} from '@backstage/backend-plugin-api';
import { JsonObject } from '@backstage/types';

/** How a finished piece of work is recorded: a failure, or a success, with details. */
export interface AuditOutcome {
  meta?: JsonObject;
  /** Set when the work returned but did not do what was asked (a build that did not start). */
  failure?: Error;
}

/**
 * Runs `work` as one audit event. A thrown error is recorded as what it was (a
 * refusal by the permission policy, by the image's state, an invalid request),
 * and `judge` decides whether what returned is a success: an answer is not
 * proof that the world changed as asked.
 */
export async function audited<T>(
  auditor: AuditorService,
  options: AuditorServiceCreateEventOptions,
  work: () => Promise<T>,
  judge: (result: T) => AuditOutcome = () => ({}),
): Promise<T> {
  const event = await auditor.createEvent(options);
  let result: T;
  try {
    result = await work();
  } catch (error) {
    await event.fail({
      error: error as Error,
      meta: { outcome: refusalOf(error) },
    });
    throw error;
  }
  await record(event, judge(result));
  return result;
}

/** Records something that already happened as one event. */
export async function auditDone(
  auditor: AuditorService,
  options: AuditorServiceCreateEventOptions,
  outcome: AuditOutcome,
): Promise<void> {
  await record(await auditor.createEvent(options), outcome);
}

async function record(
  event: Awaited<ReturnType<AuditorService['createEvent']>>,
  outcome: AuditOutcome,
) {
  if (outcome.failure) {
    await event.fail({ error: outcome.failure, meta: outcome.meta });
  } else {
    await event.success({ meta: outcome.meta });
  }
}

// The plugin refuses with @backstage/errors types; ConflictError is how it
// says the image's state does not allow what was asked (not eligible yet,
// rebuilding, blocked).
function refusalOf(error: unknown): string {
  switch ((error as Error)?.name) {
    case 'NotAllowedError':
      return 'refused-by-policy';
    case 'AuthenticationError':
      return 'unauthenticated';
    case 'ConflictError':
      return 'refused-by-eligibility';
    case 'InputError':
      return 'invalid-request';
    case 'NotFoundError':
      return 'not-found';
    default:
      return 'error';
  }
}
