import { emptyStateTree, type StateTree } from './types';
import { validateStateFile } from './validateStateFile';
import { compareText } from './compareText';

/**
 * A state file that could not be read, and why.
 *
 * @public
 */
export interface InvalidStateFile {
  path: string;
  error: string;
}

function byName<T extends { name: string }>(a: T, b: T): number {
  return compareText(a.name, b.name);
}

/**
 * Reads a state tree back from the files of the state repository (paths
 * relative to its base path). Files outside `state/` and files under `state/`
 * that are not YAML are ignored; every invalid state file is listed in
 * `invalid` and left out of `state`, for the merge to regenerate from
 * enrollment. `parseStateTree(renderStateTree(s)).state` equals `s` for any
 * state the merge produced.
 *
 * @public
 */
export function parseStateTree(files: ReadonlyMap<string, string>): {
  state: StateTree;
  invalid: InvalidStateFile[];
} {
  const state = emptyStateTree();
  const invalid: InvalidStateFile[] = [];
  const paths = [...files.keys()]
    .filter(path => path.startsWith('state/') && path.endsWith('.yaml'))
    .sort();
  for (const path of paths) {
    const result = validateStateFile(path, files.get(path)!);
    if (!result.ok) {
      invalid.push({ path, error: result.error });
      continue;
    }
    const file = result.value;
    switch (file.section) {
      case 'images':
        state.images.push(file.image);
        break;
      case 'archive/images':
        state.archive.images.push(file.image);
        break;
      case 'base-images':
        state.baseImages.push(file.baseImage);
        break;
      default:
        state.archive.baseImages.push(file.baseImage);
    }
  }
  state.images.sort(byName);
  state.baseImages.sort(byName);
  state.archive.images.sort(byName);
  state.archive.baseImages.sort(byName);
  return { state, invalid };
}
