import { AuditOutcome } from '../audit/audited';

/**
 * A rebuild's audit outcome: recorded when its build was asked for, failed
 * when the trigger could not start it, and marked when the provider's answer
 * was lost (`dispatched`), since nobody knows yet whether a build runs.
 */
export function judgeRebuild(rebuild: {
  id: string;
  status: string;
  error?: string;
}): AuditOutcome {
  const meta = { rebuildId: rebuild.id, status: rebuild.status };
  if (rebuild.status === 'failed') {
    return {
      failure: new Error(
        `the build could not be started: ${rebuild.error ?? 'unknown error'}`,
      ),
      meta: { ...meta, outcome: 'trigger-failed' },
    };
  }
  return {
    meta: {
      ...meta,
      outcome:
        rebuild.status === 'dispatched' ? 'sent-outcome-unknown' : 'started',
    },
  };
}
