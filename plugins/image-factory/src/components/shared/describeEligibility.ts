import {
  Eligibility,
  EligibilityState,
} from '@image-factory/backstage-plugin-image-factory-common';
import { formatDuration } from './formatDuration';

const STATE_LABELS: Record<EligibilityState, string> = {
  'up-to-date': 'Up to date',
  pending: 'Pending',
  eligible: 'Eligible',
  rebuilding: 'Rebuilding',
  failed: 'Failed',
  blocked: 'Blocked',
  unknown: 'Unknown',
};

/** The short name of an eligibility state, for chips and filters. */
export function labelEligibilityState(state: EligibilityState): string {
  return STATE_LABELS[state];
}

/**
 * One line saying when the image is rebuilt: "Eligible in 3d 4h", "Eligible
 * now", "Up to date". `now` is passed in so a ticking clock can re-render it.
 */
export function describeEligibility(
  eligibility: Pick<Eligibility, 'state' | 'eligibleAt'>,
  now: number,
): string {
  switch (eligibility.state) {
    case 'up-to-date':
      return 'Up to date';
    case 'pending': {
      const at = eligibility.eligibleAt
        ? Date.parse(eligibility.eligibleAt)
        : NaN;
      if (Number.isNaN(at)) {
        return 'Update pending';
      }
      return at > now
        ? `Eligible in ${formatDuration(at - now)}`
        : 'Eligible now';
    }
    case 'eligible':
      return 'Eligible now';
    case 'rebuilding':
      return 'Rebuilding';
    case 'failed':
      return 'Last rebuild failed';
    case 'blocked':
      return 'Blocked';
    default:
      return 'No freight yet';
  }
}
