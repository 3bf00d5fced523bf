import { parseDocument } from 'yaml';
import { compareText } from './compareText';
import { imageKey } from './indexState';
import { monitorKey, parseStateRef } from './imageKeys';
import { parseStatePath } from './statePaths';
import type { StateFileMemo } from './StateFileMemo';
import { emptyStateTree, type StateSettings, type StateTree } from './types';
import { checkStateFile, isOversized } from './validateStateFile';

/**
 * A state file that could not be read, and why.
 *
 * @public
 */
export interface InvalidStateFile {
  path: string;
  /** Why, without the path: report it as `<path>: <error>`. */
  error: string;
  /** The file as read, written back unchanged. */
  content: string;
  /**
   * The image key (repository of a managed image, monitored reference
   * otherwise) the file seems to hold, read leniently; the merge keeps the
   * file's name for it. Absent when the file does not tell.
   */
  key?: string;
}

function byName<T extends { name: string }>(a: T, b: T): number {
  return compareText(a.name, b.name);
}

/** Best effort: the key an invalid file names, if it names one plainly. */
function claimedKey(path: string, text: string): string | undefined {
  const section = parseStatePath(path)?.section;
  if (!section || isOversized(text)) {
    return undefined;
  }
  try {
    // `get` hands back aliases as nodes, not strings: nothing is expanded.
    const document = parseDocument(text, { uniqueKeys: false });
    const field = (key: string) => {
      const value: unknown = document.get(key);
      return typeof value === 'string' ? value : undefined;
    };
    if (section.endsWith('base-images')) {
      const ref = field('ref');
      return ref === undefined ? undefined : monitorKey(parseStateRef(ref));
    }
    const kind = field('kind');
    const image = field('image');
    return (kind === 'managed' || kind === 'external') && image !== undefined
      ? imageKey(kind, image)
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Why a file that is not UTF-8 is invalid, without the path.
 *
 * @public
 */
export const NOT_UTF8_ERROR =
  'not valid UTF-8 text: the file is kept byte for byte until someone fixes it';

/**
 * Reads a state tree back from the files of the state repository (paths
 * relative to its base path). Files outside `state/` and files under `state/`
 * that are not YAML are ignored; every invalid state file is listed in
 * `invalid` and left out of `state`. `parseStateTree(renderStateTree(s, x))`
 * gives back `s` for any state the merge produced, and the settings `x` as
 * {@link stateSettings} resolved them.
 *
 * `settings` is what `state/_settings.yaml` holds, absent when the file is
 * missing (a repository from before it: the manifests take the defaults) or
 * invalid. An invalid settings file is listed in `invalid` like any other: the
 * manifests must then not be rendered with the defaults instead (see
 * {@link keepInvalidStateFiles}).
 *
 * An invalid file is kept as it is until someone fixes it: see
 * {@link keepInvalidStateFiles}.
 *
 * @param options - `undecodable`: paths of files whose bytes are not UTF-8
 *   (their text in `files` is only a stand-in): invalid, whatever that text
 *   says. `memo`: what an earlier call parsed, so that an unchanged file is
 *   not parsed again (see {@link StateFileMemo}).
 * @public
 */
export function parseStateTree(
  files: ReadonlyMap<string, string>,
  options: { undecodable?: ReadonlySet<string>; memo?: StateFileMemo } = {},
): {
  state: StateTree;
  invalid: InvalidStateFile[];
  settings?: StateSettings;
} {
  const state = emptyStateTree();
  const invalid: InvalidStateFile[] = [];
  let settings: StateSettings | undefined;
  const paths = [...files.keys()]
    .filter(path => path.startsWith('state/') && path.endsWith('.yaml'))
    .sort();
  for (const path of paths) {
    const content = files.get(path)!;
    const { memo } = options;
    const check = () => checkStateFile(path, content);
    let result: ReturnType<typeof checkStateFile>;
    if (options.undecodable?.has(path)) {
      result = { ok: false, error: NOT_UTF8_ERROR };
    } else {
      result = memo ? memo.parse(path, content, check) : check();
    }
    if (!result.ok) {
      const key = claimedKey(path, content);
      invalid.push({
        path,
        error: result.error,
        content,
        ...(key ? { key } : {}),
      });
      continue;
    }
    const file = result.value;
    switch (file.section) {
      case 'settings':
        settings = file.settings;
        break;
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
  options.memo?.keepParsed(new Set(paths));
  state.images.sort(byName);
  state.baseImages.sort(byName);
  state.archive.images.sort(byName);
  state.archive.baseImages.sort(byName);

  return { state, invalid, ...(settings && { settings }) };
}
