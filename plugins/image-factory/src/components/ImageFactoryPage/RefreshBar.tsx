import Box from '@material-ui/core/Box';
import { ReactElement } from 'react';
import { LastRefreshed } from '../shared/LastRefreshed';
import { LiveReload } from '../shared/useLiveReload';
import { RefreshButton } from './RefreshButton';

/**
 * When the page last loaded its data, and **Refresh now** (for those allowed
 * to run the pipeline), which reloads the page once the run has ended.
 */
export function RefreshBar(props: {
  reload: LiveReload;
  now: number;
}): ReactElement {
  return (
    <Box
      display="flex"
      justifyContent="flex-end"
      alignItems="flex-start"
      gridGap={16}
    >
      <Box pt={1}>
        <LastRefreshed reload={props.reload} now={props.now} />
      </Box>
      <RefreshButton onRefreshed={props.reload.reload} />
    </Box>
  );
}
