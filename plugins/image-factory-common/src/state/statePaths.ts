/**
 * The four kinds of state file, by folder of the state repository
 * (docs/state-files.md, "Layout").
 *
 * @public
 */
export type StateSection =
  | 'images'
  | 'base-images'
  | 'archive/images'
  | 'archive/base-images';

const FOLDERS: Record<StateSection, string> = {
  images: 'state/images/',
  'base-images': 'state/base-images/',
  'archive/images': 'state/_archive/images/',
  'archive/base-images': 'state/_archive/base-images/',
};

/**
 * Path of the settings file relative to the state repository's base path: what
 * rendering depends on besides the state (see `StateSettings`). It is no image
 * or base image file: {@link parseStatePath} gives `undefined` for it.
 *
 * @public
 */
export const STATE_SETTINGS_PATH = 'state/_settings.yaml';

/**
 * Path of a state file relative to the state repository's base path:
 * `statePath('base-images', 'node-22')` is `state/base-images/node-22.yaml`.
 *
 * @public
 */
export function statePath(section: StateSection, name: string): string {
  return `${FOLDERS[section]}${name}.yaml`;
}

/**
 * The section and name of a state file path, or `undefined` for a path that is
 * not a state file (manifests, a README, a nested folder).
 *
 * @public
 */
export function parseStatePath(
  path: string,
): { section: StateSection; name: string } | undefined {
  for (const [section, folder] of Object.entries(FOLDERS)) {
    if (path.startsWith(folder) && path.endsWith('.yaml')) {
      const name = path.slice(folder.length, -'.yaml'.length);
      if (!name.includes('/')) {
        return { section: section as StateSection, name };
      }
    }
  }
  return undefined;
}
