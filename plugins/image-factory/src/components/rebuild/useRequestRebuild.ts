import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import {
  imagePathOf,
  RebuildRequest,
  RebuildResponse,
} from '@image-factory/backstage-plugin-image-factory-common';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { imageFactoryApiRef } from '../../api';

/**
 * Sends a rebuild request for one entity; on success tells the user and calls
 * `onRebuilt`. Errors stay in the returned state for the dialog to show.
 */
export function useRequestRebuild(
  entityRef: string,
  onRebuilt: () => void,
): [
  { loading: boolean; error?: Error; value?: RebuildResponse },
  (request: RebuildRequest) => Promise<RebuildResponse | undefined>,
] {
  const api = useApi(imageFactoryApiRef);
  const alertApi = useApi(alertApiRef);
  const [state, send] = useAsyncFn(
    async (request: RebuildRequest) => {
      const response = await api.rebuildImage({
        path: imagePathOf(entityRef),
        body: request,
      });
      alertApi.post({
        message: request.emergency
          ? 'Emergency rebuild requested.'
          : 'Rebuild requested.',
        severity: 'success',
        display: 'transient',
      });
      onRebuilt();
      return response;
    },
    [api, alertApi, entityRef, onRebuilt],
  );
  return [state, send];
}
