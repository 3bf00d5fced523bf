import { ImageStatus } from '@image-factory/backstage-plugin-image-factory-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { ReactElement } from 'react';
import {
  describeEligibility,
  labelEligibilityState,
} from './describeEligibility';
import { EligibilityChip } from './EligibilityChip';
import { formatTimestamp } from './formatDuration';

function explainNextStep(status: ImageStatus): string | undefined {
  const { state } = status.eligibility;
  if (state === 'eligible') {
    return status.enrollment.autoRebuild
      ? 'It is rebuilt in the next eligibility cycle.'
      : 'Auto-rebuild is off: it waits for someone to rebuild it.';
  }
  if (state === 'pending') {
    // What it waits for, as eligibility decided it (the delay, a backoff, the
    // coordination window after the last rebuild); the delay when it says
    // nothing.
    return status.eligibility.reasons.length > 0
      ? status.eligibility.reasons.join(' ')
      : `New base image digests wait ${status.enrollment.rebuildDelay} before a rebuild.`;
  }
  return undefined;
}

/**
 * The eligibility state as a chip, the live countdown ("Eligible in 3d 4h")
 * and what happens next.
 */
export function EligibilitySummary(props: {
  status: ImageStatus;
  now: number;
}): ReactElement {
  const { status, now } = props;
  const { eligibility } = status;
  const nextStep = explainNextStep(status);
  const description = describeEligibility(eligibility, now);
  // "Up to date", "Rebuilding", "Blocked": the chip already says it.
  const repeatsChip =
    description.toLowerCase() ===
    labelEligibilityState(eligibility.state).toLowerCase();
  return (
    <Box display="flex" alignItems="center" flexWrap="wrap" gridGap={8}>
      <EligibilityChip state={eligibility.state} />
      {!repeatsChip && (
        <Typography
          variant="body1"
          component="span"
          title={
            eligibility.eligibleAt
              ? formatTimestamp(eligibility.eligibleAt)
              : undefined
          }
        >
          {description}
        </Typography>
      )}
      {nextStep && (
        <Typography variant="body2" color="textSecondary" component="span">
          {nextStep}
        </Typography>
      )}
    </Box>
  );
}
