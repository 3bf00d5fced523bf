import { useSignal } from '@backstage/plugin-signals-react';
import {
  IMAGE_FACTORY_SIGNAL_CHANNEL,
  ImageFactorySignal,
} from '@image-factory/backstage-plugin-image-factory-common';
import { useCallback, useEffect, useState } from 'react';

/** When a view loads its data again, and how to ask it to. */
export interface LiveReload {
  /** Changes whenever the data should be loaded again: a dependency of the loaders. */
  reloadKey: number;
  /** When the data was last asked for (ms since the epoch). */
  refreshedAt: number;
  /** Whether the backend tells this page when a run has ended (the app has signals). */
  live: boolean;
  /** Loads the data again now, e.g. after an action of the viewer. */
  reload: () => void;
}

/**
 * Reloads a view's data when the viewer acts and whenever a pipeline run
 * ends, as the backend tells through Backstage signals; without signals in
 * the app, only the viewer's actions reload.
 */
export function useLiveReload(): LiveReload {
  const { lastSignal, isSignalsAvailable } = useSignal<ImageFactorySignal>(
    IMAGE_FACTORY_SIGNAL_CHANNEL,
  );
  const [state, setState] = useState(() => ({
    reloadKey: 0,
    refreshedAt: Date.now(),
  }));
  const reload = useCallback(
    () =>
      setState(current => ({
        reloadKey: current.reloadKey + 1,
        refreshedAt: Date.now(),
      })),
    [],
  );
  useEffect(() => {
    if (lastSignal) {
      reload();
    }
  }, [lastSignal, reload]);
  return { ...state, live: isSignalsAvailable, reload };
}
