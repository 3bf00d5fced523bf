import Typography from '@material-ui/core/Typography';
import { ReactElement } from 'react';
import { LiveReload } from './useLiveReload';
import { TimeAgo } from './TimeAgo';

/**
 * When the view last loaded its data, and whether it keeps itself up to date
 * or needs a reload.
 */
export function LastRefreshed(props: {
  reload: LiveReload;
  now: number;
}): ReactElement {
  const { refreshedAt, live } = props.reload;
  return (
    // body2 in the text colour: a secondary grey caption fails contrast on the
    // page background.
    <Typography variant="body2">
      Last refreshed{' '}
      <TimeAgo iso={new Date(refreshedAt).toISOString()} now={props.now} />
      {live
        ? ' · updates when a pipeline run ends'
        : ' · reload the page for newer data'}
    </Typography>
  );
}
