import type { WarehouseOptions } from './types';

/**
 * What {@link WarehouseOptions} default to. `state/_settings.yaml` records them
 * resolved, so a repository's manifests do not move when a default does.
 *
 * @public
 */
export const DEFAULT_WAREHOUSE_OPTIONS: Readonly<Required<WarehouseOptions>> =
  Object.freeze({
    namespace: 'image-factory',
    publicRegistryInterval: '24h',
    // Kargo's own default.
    defaultInterval: '5m',
    registryIntervals: Object.freeze({}),
    managedImageSelection: Object.freeze({
      imageSelectionStrategy: 'SemVer' as const,
    }),
  });
