import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  imageFactoryRefreshPermission,
  imagePathOf,
} from '@image-factory/backstage-plugin-image-factory-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Alert from '@material-ui/lab/Alert';
import { ReactElement } from 'react';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { imageFactoryApiRef } from '../../api';
import { describeRunError, followRun } from '../shared/followRun';

/**
 * Queues a run that analyses one entity's Dockerfile now instead of at the next
 * scheduled run, and waits for it. Shown only with the `image-factory.refresh` permission.
 */
export function AnalyzeButton(props: {
  entityRef: string;
  onAnalyzed: () => void;
}): ReactElement | null {
  const { entityRef, onAnalyzed } = props;
  const api = useApi(imageFactoryApiRef);
  const alertApi = useApi(alertApiRef);
  const permission = usePermission({
    permission: imageFactoryRefreshPermission,
  });
  const [state, analyze] = useAsyncFn(async () => {
    const path = imagePathOf(entityRef);
    await followRun(api, await api.analyzeImage({ path }));
    const status = await api.getImage({ path });
    alertApi.post({
      message:
        status.analysis.status === 'failed'
          ? 'Analysis finished with an error.'
          : 'Analysis finished.',
      severity: status.analysis.status === 'failed' ? 'warning' : 'success',
      display: 'transient',
    });
    onAnalyzed();
  }, [api, alertApi, entityRef, onAnalyzed]);

  if (!permission.allowed) {
    return null;
  }
  return (
    <Box display="flex" flexDirection="column" gridGap={8}>
      <Box>
        <Button
          variant="outlined"
          disabled={state.loading}
          onClick={() => analyze()}
        >
          {state.loading ? 'Analysing…' : 'Analyze now'}
        </Button>
      </Box>
      {state.error && (
        <Alert severity="error">
          {describeRunError(state.error, 'analysis')}
        </Alert>
      )}
    </Box>
  );
}
