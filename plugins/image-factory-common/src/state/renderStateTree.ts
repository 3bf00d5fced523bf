import { renderManifests } from '../warehouses/renderManifests';
import { formatYamlFile } from './formatYamlFile';
import { renderSettingsFile } from './stateSettings';
import { statePath, STATE_SETTINGS_PATH } from './statePaths';
import { baseImageDocument, imageDocument } from './toStateDocuments';
import type {
  BaseImageState,
  ImageState,
  StateSettings,
  StateTree,
} from './types';
import { compareText } from './compareText';

const ACTIVE =
  'the next run rewrites it from catalog annotations, Dockerfile analysis and registry discovery, keeping digests and history.';
const ARCHIVED =
  'kept so its history returns when the image is used or enrolled again.';

function renderImage(image: ImageState, archived: boolean): string {
  const what = `${archived ? 'archived ' : ''}${image.kind} image state`;
  return formatYamlFile(
    what,
    archived ? ARCHIVED : ACTIVE,
    imageDocument(image),
  );
}

function renderBaseImage(image: BaseImageState, archived: boolean): string {
  const what = `${archived ? 'archived ' : ''}base image state`;
  return formatYamlFile(
    what,
    archived ? ARCHIVED : ACTIVE,
    baseImageDocument(image),
  );
}

/**
 * Renders the whole state repository (docs/state-files.md): `state/images/`,
 * `state/base-images/`, `state/_archive/…`, the settings file
 * `state/_settings.yaml` and the Warehouse manifests with their Kustomization.
 * Same state and settings, same bytes. The one render of the backend and of
 * `image-factory synth`: the manifests are rendered from the settings as the
 * settings file reads back, so a repository read with `parseStateTree` renders
 * to its own manifests.
 *
 * @param settings - what the manifests depend on besides the state (see
 *   {@link stateSettings}). Without them (a repository from before the settings
 *   file) no settings file is written and the manifests take the defaults.
 * @returns path to file content, sorted by path, paths relative to the state
 *   repository's base path.
 * @throws Error naming the field when the settings are invalid.
 * @public
 */
export function renderStateTree(
  state: StateTree,
  settings?: StateSettings,
): Map<string, string> {
  const files = new Map<string, string>();
  const settingsFile = settings && renderSettingsFile(settings);
  if (settingsFile) {
    files.set(STATE_SETTINGS_PATH, settingsFile.content);
  }
  for (const image of state.images) {
    files.set(statePath('images', image.name), renderImage(image, false));
  }
  for (const image of state.baseImages) {
    files.set(
      statePath('base-images', image.name),
      renderBaseImage(image, false),
    );
  }
  for (const image of state.archive.images) {
    files.set(
      statePath('archive/images', image.name),
      renderImage(image, true),
    );
  }
  for (const image of state.archive.baseImages) {
    files.set(
      statePath('archive/base-images', image.name),
      renderBaseImage(image, true),
    );
  }
  for (const [path, content] of renderManifests(
    state,
    settingsFile?.settings.warehouses,
  )) {
    files.set(path, content);
  }
  return new Map([...files].sort(([a], [b]) => compareText(a, b)));
}
