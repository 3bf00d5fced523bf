import { DEFAULT_WAREHOUSE_OPTIONS } from '../warehouses/warehouseDefaults';
import type { WarehouseOptions } from '../warehouses/types';
import { formatYamlFile } from './formatYamlFile';
import { STATE_SETTINGS_PATH } from './statePaths';
import { settingsDocument } from './toStateDocuments';
import type { StateSettings } from './types';
import { checkStateFile } from './validateStateFile';

const INSTEAD =
  'the Image Factory writes it from its configuration (imageFactory.kargo, imageFactory.registries) on every run; the manifests are rendered from it, by the backend and by yarn image-factory synth alike.';

/**
 * The settings file of the given settings, and the settings read back from it:
 * what the manifests are rendered from, so they are exactly what a reader of
 * the file renders.
 *
 * @throws Error naming the field when the settings would not read back (a
 *   namespace that is not a DNS-1123 label, an interval that is not a
 *   duration).
 */
export function renderSettingsFile(settings: StateSettings): {
  content: string;
  settings: StateSettings;
} {
  const content = formatYamlFile(
    'settings the manifests are rendered with',
    INSTEAD,
    settingsDocument(settings),
  );
  const read = checkStateFile(STATE_SETTINGS_PATH, content);
  if (!read.ok || read.value.section !== 'settings') {
    throw new Error(
      `Invalid Image Factory settings: ${
        read.ok ? 'not a settings file' : read.error
      }`,
    );
  }
  return { content, settings: read.value.settings };
}

/**
 * The settings of a state repository whose Warehouses are generated with
 * `warehouses`: every option the caller leaves out takes its default
 * ({@link DEFAULT_WAREHOUSE_OPTIONS}), so the file states them all.
 *
 * @throws Error naming the field when an option is invalid (a namespace that
 *   is not a DNS-1123 label, an interval that is not a duration).
 * @public
 */
export function stateSettings(
  warehouses: WarehouseOptions = {},
): StateSettings {
  const settings: StateSettings = {
    warehouses: {
      namespace: warehouses.namespace ?? DEFAULT_WAREHOUSE_OPTIONS.namespace,
      publicRegistryInterval:
        warehouses.publicRegistryInterval ??
        DEFAULT_WAREHOUSE_OPTIONS.publicRegistryInterval,
      defaultInterval:
        warehouses.defaultInterval ?? DEFAULT_WAREHOUSE_OPTIONS.defaultInterval,
      registryIntervals: {
        ...(warehouses.registryIntervals ??
          DEFAULT_WAREHOUSE_OPTIONS.registryIntervals),
      },
      managedImageSelection: {
        ...(warehouses.managedImageSelection ??
          DEFAULT_WAREHOUSE_OPTIONS.managedImageSelection),
      },
    },
  };
  return renderSettingsFile(settings).settings;
}
