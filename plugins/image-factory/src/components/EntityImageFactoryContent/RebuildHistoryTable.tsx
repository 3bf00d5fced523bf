import { RebuildRecord } from '@image-factory/backstage-plugin-image-factory-common';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { ReactElement } from 'react';
import {
  describeRebuildOutcome,
  labelRebuildTrigger,
} from '../shared/describeRebuildOutcome';
import { Digest } from '../shared/Digest';
import { RunLink } from '../shared/RunLink';
import { StateChip } from '../shared/StateChip';
import { TimeAgo } from '../shared/TimeAgo';

/** Every rebuild attempt, newest first, with who asked, why, and the outcome. */
export function RebuildHistoryTable(props: {
  rebuilds: RebuildRecord[];
  now: number;
}): ReactElement {
  if (props.rebuilds.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        Never rebuilt by the Image Factory.
      </Typography>
    );
  }
  return (
    <Table size="small" aria-label="Rebuild history">
      <TableHead>
        <TableRow>
          <TableCell>Requested</TableCell>
          <TableCell>Trigger</TableCell>
          <TableCell>Requested by</TableCell>
          <TableCell>Outcome</TableCell>
          <TableCell>Run</TableCell>
          <TableCell>Base image digests</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {props.rebuilds.map(rebuild => {
          const outcome = describeRebuildOutcome(rebuild);
          return (
            <TableRow key={rebuild.id}>
              <TableCell>
                <TimeAgo iso={rebuild.requestedAt} now={props.now} />
              </TableCell>
              <TableCell>
                {labelRebuildTrigger(rebuild.trigger)}
                {rebuild.justification && (
                  <Typography variant="body2" color="textSecondary">
                    “{rebuild.justification}”
                  </Typography>
                )}
              </TableCell>
              <TableCell>{rebuild.requestedBy}</TableCell>
              <TableCell>
                <StateChip label={outcome.label} tone={outcome.tone} />
                {rebuild.error && (
                  <Typography variant="body2" color="error">
                    {rebuild.error}
                  </Typography>
                )}
              </TableCell>
              <TableCell>
                <RunLink runUrl={rebuild.runUrl} />
              </TableCell>
              <TableCell>
                {Object.entries(rebuild.baseDigests).map(([ref, digest]) => (
                  <div key={ref}>
                    <code>{ref}</code> <Digest digest={digest} />
                  </div>
                ))}
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
