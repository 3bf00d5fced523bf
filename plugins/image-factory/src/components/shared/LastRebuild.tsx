import { RebuildRecord } from '@image-factory/backstage-plugin-image-factory-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { ReactElement } from 'react';
import {
  describeRebuildOutcome,
  labelRebuildTrigger,
} from './describeRebuildOutcome';
import { RunLink } from './RunLink';
import { StateChip } from './StateChip';
import { TimeAgo } from './TimeAgo';

/** The newest rebuild attempt: how it started, its outcome and its run. */
export function LastRebuild(props: {
  rebuild?: RebuildRecord;
  now: number;
}): ReactElement {
  if (!props.rebuild) {
    return (
      <Typography variant="body2" color="textSecondary">
        Never rebuilt by the Image Factory.
      </Typography>
    );
  }
  const { rebuild, now } = props;
  const outcome = describeRebuildOutcome(rebuild);
  return (
    <Box display="flex" alignItems="center" flexWrap="wrap" gridGap={8}>
      <Typography variant="body2" component="span">
        Last rebuild ({labelRebuildTrigger(rebuild.trigger).toLowerCase()}),{' '}
        <TimeAgo iso={rebuild.requestedAt} now={now} />:
      </Typography>
      <StateChip label={outcome.label} tone={outcome.tone} />
      <RunLink runUrl={rebuild.runUrl} />
    </Box>
  );
}
