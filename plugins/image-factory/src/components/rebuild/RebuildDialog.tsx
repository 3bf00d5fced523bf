import { ImageStatus } from '@image-factory/backstage-plugin-image-factory-common';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import { ReactElement } from 'react';
import { describeEligibility } from '../shared/describeEligibility';
import { RebuildDigestList } from './RebuildDigestList';
import { RebuildErrorNotice } from './RebuildErrorNotice';
import { useRequestRebuild } from './useRequestRebuild';

/** Asks for confirmation before triggering an ordinary rebuild. */
export function RebuildDialog(props: {
  status: ImageStatus;
  now: number;
  onClose: () => void;
  onRebuilt: () => void;
}): ReactElement {
  const { status, now, onClose, onRebuilt } = props;
  const [request, send] = useRequestRebuild(status.entityRef, () => {
    onRebuilt();
    onClose();
  });
  const titleId = 'image-factory-rebuild-dialog-title';
  return (
    <Dialog open onClose={onClose} aria-labelledby={titleId}>
      <DialogTitle id={titleId}>Rebuild {status.enrollment.image}?</DialogTitle>
      <DialogContent>
        <DialogContentText>
          This triggers the workflow <code>{status.enrollment.workflow}</code>{' '}
          with each base image on the newest digest that has passed the
          cooling-off delay of {status.enrollment.rebuildDelay}. Current state:{' '}
          {describeEligibility(status.eligibility, now)}.
        </DialogContentText>
        <RebuildDigestList
          baseImages={status.baseImages}
          bypassDelay={false}
          now={now}
        />
        {request.error && (
          <RebuildErrorNotice error={request.error} now={now} />
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button
          color="primary"
          variant="contained"
          disabled={request.loading}
          onClick={() => send({})}
        >
          Rebuild
        </Button>
      </DialogActions>
    </Dialog>
  );
}
