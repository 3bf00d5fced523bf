import { renderManifests } from '../warehouses/renderManifests';
import type { WarehouseOptions } from '../warehouses/types';
import { formatYamlFile } from './formatYamlFile';
import { statePath } from './statePaths';
import { baseImageDocument, imageDocument } from './toStateDocuments';
import type { BaseImageState, ImageState, StateTree } from './types';
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
 * Renders the whole state repository (PRODUCT.md §7): `state/images/`,
 * `state/base-images/`, `state/_archive/…` and the Warehouse manifests with
 * their Kustomization. Same state and options, same bytes.
 *
 * @returns path to file content, sorted by path, paths relative to the state
 *   repository's base path.
 * @public
 */
export function renderStateTree(
  state: StateTree,
  options: WarehouseOptions = {},
): Map<string, string> {
  const files = new Map<string, string>();
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
  for (const [path, content] of renderManifests(state, options)) {
    files.set(path, content);
  }
  return new Map([...files].sort(([a], [b]) => compareText(a, b)));
}
