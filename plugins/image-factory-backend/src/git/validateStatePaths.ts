import { InputError } from '@backstage/errors';

const SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9._-]*$/;

/** The folders below the base path that the state repository writer owns. */
export const STATE_FOLDERS = ['state', 'manifests'] as const;

function isSafePath(path: string): boolean {
  return path
    .split('/')
    .every(segment => SEGMENT.test(segment) && segment !== '..');
}

/**
 * Normalizes the folder inside the repository that holds `state/` and
 * `manifests/`: no leading or trailing slash, `''` for the repository root.
 */
export function normalizeBasePath(basePath: string | undefined): string {
  const trimmed = (basePath ?? '').replace(/^\/+|\/+$/g, '');
  if (trimmed && !isSafePath(trimmed)) {
    throw new InputError(
      `The state repository base path "${basePath}" must be a relative folder of letters, digits, ".", "_", "-" and "/"`,
    );
  }
  return trimmed;
}

/**
 * Checks that every desired file lives below `state/` or `manifests/` and has a
 * plain path, so a write can never touch anything else and git reads every path
 * literally.
 */
export function validateStatePaths(paths: Iterable<string>): void {
  const all = [...paths];
  const folders = new Set<string>();
  for (const path of all) {
    const segments = path.split('/');
    if (
      segments.length < 2 ||
      !(STATE_FOLDERS as readonly string[]).includes(segments[0]) ||
      !isSafePath(path)
    ) {
      throw new InputError(
        `State file path "${path}" must be below state/ or manifests/ and use only letters, digits, ".", "_" and "-"`,
      );
    }
    for (let i = 1; i < segments.length; i++) {
      folders.add(segments.slice(0, i).join('/'));
    }
  }
  const clash = all.find(path => folders.has(path));
  if (clash) {
    throw new InputError(
      `State file path "${clash}" is also the folder of another file`,
    );
  }
}
