import { useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import { imageFactoryRefreshPermission } from '@image-factory/backstage-plugin-image-factory-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Alert from '@material-ui/lab/Alert';
import { ReactElement } from 'react';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { imageFactoryApiRef } from '../../api';
import { describeRunError, followRun } from '../shared/followRun';

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/**
 * Queues a run of the whole pipeline, waits for it and reports what it did. Shown only with the
 * `image-factory.refresh` permission.
 */
export function RefreshButton(props: {
  onRefreshed: () => void;
}): ReactElement | null {
  const { onRefreshed } = props;
  const api = useApi(imageFactoryApiRef);
  const permission = usePermission({
    permission: imageFactoryRefreshPermission,
  });
  const [state, refresh] = useAsyncFn(async () => {
    const run = await followRun(api, await api.refresh());
    onRefreshed();
    return run.summary;
  }, [api, onRefreshed]);

  if (!permission.allowed) {
    return null;
  }
  const summary = state.value;
  return (
    <Box
      display="flex"
      flexDirection="column"
      alignItems="flex-end"
      gridGap={8}
    >
      <Button
        variant="contained"
        color="primary"
        disabled={state.loading}
        onClick={() => refresh()}
      >
        {state.loading ? 'Refreshing…' : 'Refresh now'}
      </Button>
      {state.error && (
        <Alert severity="error">
          {describeRunError(state.error, 'refresh')}
        </Alert>
      )}
      {summary && !state.loading && !state.error && (
        <Alert severity={summary.errors.length ? 'warning' : 'success'}>
          Refreshed: {plural(summary.analyzed, 'image', 'images')} analysed,{' '}
          {plural(summary.checked, 'tag', 'tags')} checked,{' '}
          {plural(summary.newFreight, 'new digest', 'new digests')},{' '}
          {plural(summary.rebuildsTriggered, 'rebuild', 'rebuilds')} triggered;{' '}
          {summary.commit
            ? `state repository commit ${summary.commit.slice(0, 12)}`
            : 'state repository unchanged'}
          .
          {summary.errors.length > 0 && (
            <ul>
              {summary.errors.map(message => (
                <li key={message}>{message}</li>
              ))}
            </ul>
          )}
        </Alert>
      )}
    </Box>
  );
}
