import { parseDocument } from 'yaml';
import type { z } from 'zod';
import { isStateName } from './assignNames';
import { baseImageFileSchema, imageFileSchema } from './schemas';
import { parseStatePath, type StateSection } from './statePaths';
import type { BaseImageState, ImageState } from './types';

/**
 * A valid state file: an image (active or archived) or a base image (active
 * or archived).
 *
 * @public
 */
export type StateFile =
  | { section: 'images' | 'archive/images'; image: ImageState }
  | {
      section: 'base-images' | 'archive/base-images';
      baseImage: BaseImageState;
    };

/**
 * Outcome of {@link validateStateFile}: the file, or an error naming the path
 * and the failing field.
 *
 * @public
 */
export type StateFileValidation =
  | { ok: true; value: StateFile }
  | { ok: false; error: string };

function fieldPath(path: PropertyKey[]): string {
  return path
    .map((key, index) =>
      typeof key === 'number'
        ? `[${key}]`
        : `${index ? '.' : ''}${String(key)}`,
    )
    .join('');
}

function describeIssues(issues: z.core.$ZodIssue[]): string {
  return issues
    .map(issue =>
      issue.path.length
        ? `field ${fieldPath(issue.path)}: ${issue.message}`
        : issue.message,
    )
    .join('; ');
}

function isImageSection(
  section: StateSection,
): section is 'images' | 'archive/images' {
  return section === 'images' || section === 'archive/images';
}

/**
 * Reads and checks one state file. Never throws: a file that is not YAML, not
 * where state files live, or not of the schema gives `{ ok: false }` with
 * `<path>: field <field>: <problem>`.
 *
 * @param path - relative to the state repository's base path, e.g. `state/images/payments.yaml`.
 * @public
 */
export function validateStateFile(
  path: string,
  text: string,
): StateFileValidation {
  const location = parseStatePath(path);
  if (!location) {
    return {
      ok: false,
      error: `${path}: not a state file (state/images, state/base-images or state/_archive/…, <name>.yaml)`,
    };
  }
  if (!isStateName(location.name)) {
    return {
      ok: false,
      error: `${path}: file name "${location.name}" is not a DNS-1123 label`,
    };
  }
  const document = parseDocument(text, { prettyErrors: true });
  if (document.errors.length > 0) {
    return { ok: false, error: `${path}: ${document.errors[0].message}` };
  }
  const content: unknown = document.toJS();
  const { section, name } = location;
  if (isImageSection(section)) {
    const result = imageFileSchema.safeParse(content);
    return result.success
      ? { ok: true, value: { section, image: { name, ...result.data } } }
      : { ok: false, error: `${path}: ${describeIssues(result.error.issues)}` };
  }
  const result = baseImageFileSchema.safeParse(content);
  return result.success
    ? { ok: true, value: { section, baseImage: { name, ...result.data } } }
    : { ok: false, error: `${path}: ${describeIssues(result.error.issues)}` };
}
