import { RebuildRecord } from '@image-factory/backstage-plugin-image-factory-common';
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
import { DataTable, OneLineCell } from '../shared/DataTable';
import { WrappingCode } from '../shared/WrappingCode';
import { ErrorText } from '../shared/ErrorText';

/** Every rebuild attempt, newest first, with who asked, why, and the outcome. */
export function RebuildHistoryTable(props: {
  rebuilds: RebuildRecord[];
  now: number;
}): ReactElement {
  if (props.rebuilds.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary" style={{ padding: 16 }}>
        Never rebuilt by the Image Factory.
      </Typography>
    );
  }
  return (
    <DataTable aria-label="Rebuild history">
      <TableHead>
        <TableRow>
          <OneLineCell>Requested</OneLineCell>
          <OneLineCell>Trigger</OneLineCell>
          <OneLineCell>Requested by</OneLineCell>
          <OneLineCell>Outcome</OneLineCell>
          <OneLineCell>Run</OneLineCell>
          <OneLineCell>Base image digests</OneLineCell>
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
                {rebuild.error && <ErrorText>{rebuild.error}</ErrorText>}
                {rebuild.verification && (
                  <Typography
                    variant="body2"
                    color={
                      rebuild.verification.outcome === 'mismatch'
                        ? 'error'
                        : 'textSecondary'
                    }
                  >
                    {rebuild.verification.detail}
                  </Typography>
                )}
              </TableCell>
              <TableCell>
                <RunLink runUrl={rebuild.runUrl} />
              </TableCell>
              <TableCell>
                {Object.entries(rebuild.baseDigests).map(([ref, digest]) => (
                  <div key={ref}>
                    <WrappingCode>{ref}</WrappingCode>{' '}
                    <Digest digest={digest} />
                  </div>
                ))}
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </DataTable>
  );
}
