import Alert from '@material-ui/lab/Alert';
import { ReactElement } from 'react';
import { formatDuration, formatTimestamp } from '../shared/formatDuration';
import {
  describeRequestError,
  readEligibleAt,
} from '../shared/describeRequestError';

/**
 * Why a rebuild request was refused. A 409 for an early rebuild says when the
 * image becomes eligible and what bypasses the wait.
 */
export function RebuildErrorNotice(props: {
  error: Error;
  now: number;
}): ReactElement {
  const eligibleAt = readEligibleAt(props.error);
  if (eligibleAt) {
    const wait = Date.parse(eligibleAt) - props.now;
    return (
      <Alert severity="warning">
        Not eligible yet: this image becomes eligible on{' '}
        <time dateTime={eligibleAt}>{formatTimestamp(eligibleAt)}</time>
        {wait > 0 ? ` (in ${formatDuration(wait)})` : ''}. An emergency rebuild
        bypasses the cooling-off delay.
      </Alert>
    );
  }
  return (
    <Alert severity="error">
      The rebuild was not triggered: {describeRequestError(props.error)}
    </Alert>
  );
}
