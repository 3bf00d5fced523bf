import { RebuildRecord } from '@image-factory/backstage-plugin-image-factory-common';
import { StateTone } from './StateChip';

const CONCLUSIONS = {
  success: { label: 'Succeeded', tone: 'ok' },
  failure: { label: 'Failed', tone: 'error' },
  cancelled: { label: 'Cancelled', tone: 'unknown' },
  'timed-out': { label: 'Timed out', tone: 'error' },
  unknown: { label: 'Finished', tone: 'unknown' },
} as const;

// A successful run, as the check of the image it pushed found it.
const VERIFICATIONS = {
  verified: { label: 'Verified', tone: 'ok' },
  mismatch: { label: 'Still on the old base', tone: 'error' },
  unverifiable: { label: 'Succeeded, unverified', tone: 'unknown' },
} as const;

/** The outcome of a rebuild attempt as a short label and a tone. */
export function describeRebuildOutcome(
  rebuild: Pick<RebuildRecord, 'status' | 'conclusion' | 'verification'>,
): { label: string; tone: StateTone } {
  if (rebuild.status === 'completed' && rebuild.verification) {
    return VERIFICATIONS[rebuild.verification.outcome];
  }
  switch (rebuild.status) {
    case 'requested':
      return { label: 'Requested', tone: 'waiting' };
    // Sent, but the CI system's answer was lost: its run is looked for.
    case 'dispatched':
      return { label: 'Sent, waiting for the run', tone: 'waiting' };
    case 'running':
      return { label: 'Running', tone: 'running' };
    case 'failed':
      return { label: 'Trigger failed', tone: 'error' };
    default:
      return CONCLUSIONS[rebuild.conclusion ?? 'unknown'];
  }
}

const TRIGGERS: Record<RebuildRecord['trigger'], string> = {
  auto: 'Automatic',
  manual: 'Manual',
  emergency: 'Emergency',
  evidence: 'Fixes vulnerabilities',
};

/** How a rebuild was started, for people. */
export function labelRebuildTrigger(trigger: RebuildRecord['trigger']): string {
  return TRIGGERS[trigger];
}
