import {
  checkEmergencyJustification,
  EMERGENCY_JUSTIFICATION_MIN_LENGTH,
  ImageStatus,
} from '@image-factory/backstage-plugin-image-factory-common';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import { FormEvent, ReactElement, useState } from 'react';
import { RebuildDigestList } from './RebuildDigestList';
import { RebuildErrorNotice } from './RebuildErrorNotice';
import { useRequestRebuild } from './useRequestRebuild';

/**
 * Triggers a rebuild that bypasses the cooling-off delay. The justification is
 * checked here first so a too-short one never reaches the audit trail as a
 * refused request.
 */
export function EmergencyRebuildDialog(props: {
  status: ImageStatus;
  now: number;
  onClose: () => void;
  onRebuilt: () => void;
}): ReactElement {
  const { status, now, onClose, onRebuilt } = props;
  const [justification, setJustification] = useState('');
  const [validated, setValidated] = useState(false);
  const [request, send] = useRequestRebuild(status.entityRef, () => {
    onRebuilt();
    onClose();
  });
  // Line breaks typed in the box read as spaces: the justification travels
  // as one line, to the audit log and to the build.
  const text = justification.replace(/\s+/g, ' ').trim();
  const problem = checkEmergencyJustification(text);
  const titleId = 'image-factory-emergency-dialog-title';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setValidated(true);
    if (!problem) {
      send({ emergency: true, justification: text });
    }
  };

  return (
    <Dialog open onClose={onClose} aria-labelledby={titleId} fullWidth>
      <form onSubmit={submit} noValidate>
        <DialogTitle id={titleId}>
          Emergency rebuild of {status.enrollment.image}
        </DialogTitle>
        <DialogContent>
          <DialogContentText>
            The cooling-off delay of {status.enrollment.rebuildDelay} keeps a
            new upstream digest out of this image until it has been public that
            long: a broken or compromised base image release is usually found
            and withdrawn within days, before a rebuild picks it up. An
            emergency rebuild skips that protection and triggers the workflow
            now, on the newest digest of every base image:
          </DialogContentText>
          <RebuildDigestList
            baseImages={status.baseImages}
            bypassDelay
            now={now}
          />
          <DialogContentText>
            Use it when waiting costs more, such as a critical vulnerability
            fixed upstream. Your name, the time and the justification are
            recorded in the audit trail and reach the build.
          </DialogContentText>
          <TextField
            id="image-factory-emergency-justification"
            label="Justification"
            required
            multiline
            minRows={3}
            fullWidth
            variant="outlined"
            value={justification}
            onChange={e => setJustification(e.target.value)}
            error={validated && problem !== undefined}
            helperText={
              validated && problem
                ? `${capitalize(problem)} (${text.length} characters so far).`
                : `At least ${EMERGENCY_JUSTIFICATION_MIN_LENGTH} characters and three words: what is fixed and why it cannot wait.`
            }
          />
          {request.error && (
            <RebuildErrorNotice error={request.error} now={now} />
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>Cancel</Button>
          <Button
            type="submit"
            color="secondary"
            variant="contained"
            disabled={request.loading}
          >
            Trigger emergency rebuild
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

function capitalize(sentence: string): string {
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}
