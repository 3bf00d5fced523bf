import {
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { compareText } from '../compareText';

function readTree(root: string, dir = root): Array<[string, string]> {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((entry): Array<[string, string]> => {
    const path = join(dir, entry.name);
    return entry.isDirectory()
      ? readTree(root, path)
      : [
          [
            relative(root, path).split('\\').join('/'),
            readFileSync(path, 'utf8'),
          ],
        ];
  });
}

/** Files as an object sorted by path, for readable diffs in failed tests. */
export function byPath(
  files: Iterable<[string, string]>,
): Record<string, string> {
  return Object.fromEntries([...files].sort(([a], [b]) => compareText(a, b)));
}

/**
 * The golden copy of a generated tree, read from `dir`. With
 * `UPDATE_GOLDEN=1` it is first replaced by `generated`: updating the golden
 * files is a deliberate act, never a side effect of a normal run.
 */
export function readGolden(
  dir: string,
  generated: ReadonlyMap<string, string>,
): Record<string, string> {
  if (process.env.UPDATE_GOLDEN === '1') {
    rmSync(dir, { recursive: true, force: true });
    for (const [path, content] of generated) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), content);
    }
  }
  return byPath(readTree(dir));
}
