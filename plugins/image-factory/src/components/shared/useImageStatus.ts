import { useApi } from '@backstage/core-plugin-api';
import {
  imagePathOf,
  ImageStatus,
} from '@image-factory/backstage-plugin-image-factory-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { imageFactoryApiRef } from '../../api';

/** Async state of an entity's image status; `retry` reloads it. */
export interface ImageStatusState {
  loading: boolean;
  error?: Error;
  value?: ImageStatus;
  retry: () => void;
}

/** Loads the status of one enrolled entity from the backend. */
export function useImageStatus(entityRef: string): ImageStatusState {
  const api = useApi(imageFactoryApiRef);
  return useAsyncRetry(
    () => api.getImage({ path: imagePathOf(entityRef) }),
    [api, entityRef],
  );
}
