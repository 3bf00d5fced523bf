import { renderManifests } from '../warehouses/renderManifests';
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
import { formatStateFile, type StateFileMemo } from './StateFileMemo';

const ACTIVE =
  'the next run rewrites it from catalog annotations, Dockerfile analysis and registry discovery, keeping digests and history.';
const ARCHIVED =
  'kept so its history returns when the image is used or enrolled again.';

function renderImage(
  image: ImageState,
  archived: boolean,
  path: string,
  memo: StateFileMemo | undefined,
): string {
  const what = `${archived ? 'archived ' : ''}${image.kind} image state`;
  return formatStateFile(
    memo,
    path,
    what,
    archived ? ARCHIVED : ACTIVE,
    imageDocument(image),
    { section: archived ? 'archive/images' : 'images', image },
  );
}

function renderBaseImage(
  image: BaseImageState,
  archived: boolean,
  path: string,
  memo: StateFileMemo | undefined,
): string {
  const what = `${archived ? 'archived ' : ''}base image state`;
  return formatStateFile(
    memo,
    path,
    what,
    archived ? ARCHIVED : ACTIVE,
    baseImageDocument(image),
    {
      section: archived ? 'archive/base-images' : 'base-images',
      baseImage: image,
    },
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
 * @param options - `memo`: what an earlier call rendered, so that a file whose
 *   document did not change is not rendered again (see {@link StateFileMemo}).
 * @returns path to file content, sorted by path, paths relative to the state
 *   repository's base path.
 * @throws Error naming the field when the settings are invalid.
 * @public
 */
export function renderStateTree(
  state: StateTree,
  settings?: StateSettings,
  options: { memo?: StateFileMemo } = {},
): Map<string, string> {
  const { memo } = options;
  const files = new Map<string, string>();
  const add = (path: string, render: (path: string) => string) =>
    files.set(path, render(path));
  const settingsFile = settings && renderSettingsFile(settings);
  if (settingsFile) {
    files.set(STATE_SETTINGS_PATH, settingsFile.content);
  }
  for (const image of state.images) {
    add(statePath('images', image.name), path =>
      renderImage(image, false, path, memo),
    );
  }
  for (const image of state.baseImages) {
    add(statePath('base-images', image.name), path =>
      renderBaseImage(image, false, path, memo),
    );
  }
  for (const image of state.archive.images) {
    add(statePath('archive/images', image.name), path =>
      renderImage(image, true, path, memo),
    );
  }
  for (const image of state.archive.baseImages) {
    add(statePath('archive/base-images', image.name), path =>
      renderBaseImage(image, true, path, memo),
    );
  }
  for (const [path, content] of renderManifests(
    state,
    settingsFile?.settings.warehouses,
    memo,
  )) {
    files.set(path, content);
  }
  memo?.keepRendered(new Set(files.keys()));
  return new Map([...files].sort(([a], [b]) => compareText(a, b)));
}
