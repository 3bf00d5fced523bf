import { RebuildRecord } from '@image-factory/backstage-plugin-image-factory-common';
import { StateTone } from './StateChip';

const CONCLUSIONS = {
  success: { label: 'Succeeded', tone: 'ok' },
  failure: { label: 'Failed', tone: 'error' },
  cancelled: { label: 'Cancelled', tone: 'unknown' },
  'timed-out': { label: 'Timed out', tone: 'error' },
  unknown: { label: 'Finished', tone: 'unknown' },
} as const;

/** The outcome of a rebuild attempt as a short label and a tone. */
export function describeRebuildOutcome(
  rebuild: Pick<RebuildRecord, 'status' | 'conclusion'>,
): { label: string; tone: StateTone } {
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
