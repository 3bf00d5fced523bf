import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { ImageListItem } from '@image-factory/backstage-plugin-image-factory-common';
import Box from '@material-ui/core/Box';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { ReactElement } from 'react';
import { describeEligibility } from '../shared/describeEligibility';
import { describeRebuildOutcome } from '../shared/describeRebuildOutcome';
import { EligibilityChip } from '../shared/EligibilityChip';
import { RunLink } from '../shared/RunLink';
import { StateChip } from '../shared/StateChip';
import { TimeAgo } from '../shared/TimeAgo';
import { DataTable, OneLineCell } from '../shared/DataTable';
import { WrappingCode } from '../shared/WrappingCode';

function LastRebuildCell(props: {
  item: ImageListItem;
  now: number;
}): ReactElement {
  const rebuild = props.item.lastRebuild;
  if (!rebuild) {
    return <>never</>;
  }
  const outcome = describeRebuildOutcome(rebuild);
  return (
    <Box display="flex" alignItems="center" flexWrap="wrap" gridGap={6}>
      <StateChip label={outcome.label} tone={outcome.tone} />
      <TimeAgo iso={rebuild.requestedAt} now={props.now} />
      <RunLink runUrl={rebuild.runUrl} />
    </Box>
  );
}

// Under the state: how many critical vulnerabilities of what the image is
// built on the newest base image digests fix, the reason it is listed first.
function UpstreamFixesNote(props: { count?: number }): ReactElement | null {
  if (!props.count) {
    return null;
  }
  return (
    <Tooltip
      title={`The newest digests of its base images fix ${
        props.count
      } critical ${
        props.count === 1 ? 'vulnerability' : 'vulnerabilities'
      } of the digests it is built on.`}
    >
      <Typography variant="body2" color="error" noWrap>
        {props.count} critical fixed upstream
      </Typography>
    </Tooltip>
  );
}

/** One page of enrolled images with their eligibility and staleness. */
export function FleetImagesTable(props: {
  items: ImageListItem[];
  now: number;
}): ReactElement {
  const { items, now } = props;
  return (
    <DataTable aria-label="Enrolled images">
      <TableHead>
        <TableRow>
          <OneLineCell>Image</OneLineCell>
          <OneLineCell>Owner</OneLineCell>
          <OneLineCell>State</OneLineCell>
          <OneLineCell>Eligibility</OneLineCell>
          <OneLineCell>Stale since</OneLineCell>
          <OneLineCell>Base images</OneLineCell>
          <OneLineCell>Last rebuild</OneLineCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {items.map(item => (
          <TableRow key={item.entityRef}>
            <TableCell>
              <EntityRefLink entityRef={item.entityRef} />
              <Typography variant="body2" color="textSecondary">
                <WrappingCode>{item.image}</WrappingCode>
                {item.kind === 'external' ? ' (external)' : ''}
              </Typography>
            </TableCell>
            <OneLineCell>
              {item.owner ? <EntityRefLink entityRef={item.owner} /> : 'none'}
            </OneLineCell>
            <TableCell>
              <EligibilityChip state={item.eligibility.state} />
              <UpstreamFixesNote count={item.upstreamCriticalFixes} />
            </TableCell>
            <TableCell>{describeEligibility(item.eligibility, now)}</TableCell>
            <TableCell>
              {item.staleSince ? (
                <TimeAgo iso={item.staleSince} now={now} />
              ) : (
                'not stale'
              )}
            </TableCell>
            <TableCell>{item.baseImageCount}</TableCell>
            <TableCell>
              <LastRebuildCell item={item} now={now} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </DataTable>
  );
}
