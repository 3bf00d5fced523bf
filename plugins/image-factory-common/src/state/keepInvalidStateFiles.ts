import { compareText } from './compareText';
import type { InvalidStateFile } from './parseStateTree';
import { parseStatePath, STATE_SETTINGS_PATH } from './statePaths';

// The writer only accepts such paths (the backend's validateStatePaths);
// another path cannot be written back, and is removed as before.
const PLAIN_PATH = /^(state|manifests)(\/[A-Za-z0-9_][A-Za-z0-9._-]*)+$/;

/**
 * The files to write for a rendered state tree while some state files are
 * invalid: every state file of a name that has an invalid file (in any
 * section) keeps its bytes as read, or stays absent. Only freezing the whole
 * name loses nothing: the image behind the file is regenerated from
 * enrollment, and writing it at that path would overwrite the file's history;
 * writing it in another section (an archived file whose image is enrolled
 * again) would leave two files of one image once the file is fixed, and the
 * merge keeps only one of them. For the same reason the merge keeps the file's
 * name for the image it names (`InvalidStateFile.key`), so the image is not
 * renamed meanwhile.
 *
 * While the settings file (`state/_settings.yaml`) is invalid, it and every
 * file below `manifests/` keep their bytes as read, or stay absent: the
 * manifests depend on settings that cannot be read, and rendering them with
 * the defaults, or with settings that are not the file's, would rewrite every
 * Warehouse to something the repository does not say (Kargo would poll at other
 * intervals, or in another namespace). The file may have been written by a
 * newer Image Factory (a rolling upgrade) or edited by hand; it is reported,
 * and a run writes it again once it is fixed or deleted.
 *
 * @param options - `rendered`: the files of the rendered state tree; `read`:
 *   the files as read from the state repository; `invalid`: the invalid state
 *   files among them.
 * @public
 */
export function keepInvalidStateFiles(options: {
  rendered: ReadonlyMap<string, string>;
  read: ReadonlyMap<string, string>;
  invalid: readonly InvalidStateFile[];
}): Map<string, string> {
  const invalidPaths = new Set(options.invalid.map(file => file.path));
  const frozenNames = invalidFilesByName(options.invalid);
  const manifestsFrozen = invalidPaths.has(STATE_SETTINGS_PATH);
  const frozen = (path: string) => {
    const name = parseStatePath(path)?.name;
    return (
      invalidPaths.has(path) ||
      (!!name && frozenNames.has(name)) ||
      (manifestsFrozen &&
        (path === STATE_SETTINGS_PATH || path.startsWith('manifests/')))
    );
  };
  const kept = new Map([...options.rendered].filter(([path]) => !frozen(path)));
  for (const [path, content] of options.read) {
    if (frozen(path) && PLAIN_PATH.test(path)) {
      kept.set(path, content);
    }
  }
  return new Map([...kept].sort(([a], [b]) => compareText(a, b)));
}

/**
 * The invalid state files by the name they freeze (see
 * {@link keepInvalidStateFiles}): every state file of that name, in any
 * section, stays as it is while they do, so nothing is recorded for the image
 * or base image of that name.
 *
 * @public
 */
export function invalidFilesByName(
  invalid: readonly InvalidStateFile[],
): Map<string, InvalidStateFile[]> {
  const byName = new Map<string, InvalidStateFile[]>();
  for (const file of invalid) {
    const name = parseStatePath(file.path)?.name;
    if (name) byName.set(name, [...(byName.get(name) ?? []), file]);
  }
  return byName;
}
