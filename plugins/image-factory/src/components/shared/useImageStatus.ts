import { useApi } from '@backstage/core-plugin-api';
import {
  imagePathOf,
  ImageStatus,
} from '@image-factory/backstage-plugin-image-factory-common';
import useAsync from 'react-use/esm/useAsync';
import { imageFactoryApiRef } from '../../api';
import { LiveReload, useLiveReload } from './useLiveReload';

/** Async state of an entity's image status; `retry` reloads it. */
export interface ImageStatusState {
  loading: boolean;
  error?: Error;
  value?: ImageStatus;
  retry: () => void;
  /** When it was last loaded, and whether it reloads when a run ends. */
  reload: LiveReload;
}

/**
 * Loads the status of one enrolled entity from the backend, and again
 * whenever a pipeline run ends.
 */
export function useImageStatus(entityRef: string): ImageStatusState {
  const api = useApi(imageFactoryApiRef);
  const reload = useLiveReload();
  const state = useAsync(
    () => api.getImage({ path: imagePathOf(entityRef) }),
    [api, entityRef, reload.reloadKey],
  );
  return { ...state, retry: reload.reload, reload };
}
