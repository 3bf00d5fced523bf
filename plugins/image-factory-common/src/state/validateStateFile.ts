import {
  isAlias,
  isNode,
  LineCounter,
  parseDocument,
  visit,
  type Document,
} from 'yaml';
import type { z } from 'zod';
import { isStateName } from './assignNames';
import {
  baseImageFileSchema,
  imageFileSchema,
  stateSettingsFileSchema,
} from './schemas';
import {
  parseStatePath,
  STATE_SETTINGS_PATH,
  type StateSection,
} from './statePaths';
import type { BaseImageState, ImageState, StateSettings } from './types';

/**
 * A valid state file: an image (active or archived), a base image (active
 * or archived), or the settings file (`state/_settings.yaml`).
 *
 * @public
 */
export type StateFile =
  | { section: 'images' | 'archive/images'; image: ImageState }
  | {
      section: 'base-images' | 'archive/base-images';
      baseImage: BaseImageState;
    }
  | { section: 'settings'; settings: StateSettings };

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
 * The largest state file that is read, in bytes. The files the merge writes
 * are a few kilobytes; anything near this is not one of them, and is refused
 * before a YAML parser spends time and memory on it.
 */
export const MAX_STATE_FILE_BYTES = 1024 * 1024;

/**
 * Whether a text takes more than {@link MAX_STATE_FILE_BYTES} in UTF-8, as git
 * stores it. A text never has more UTF-16 units than UTF-8 bytes, so a long one
 * is refused before it is encoded.
 */
export function isOversized(text: string): boolean {
  return (
    text.length > MAX_STATE_FILE_BYTES ||
    new TextEncoder().encode(text).length > MAX_STATE_FILE_BYTES
  );
}

/** A refusal, without the path: callers put it in front. */
const refuse = (error: string): { ok: false; error: string } => ({
  ok: false,
  error,
});

/**
 * Why the document uses YAML features the merge never writes: anchors and
 * aliases (an alias to nothing makes `toJS` throw; nested ones expand
 * exponentially) and explicit tags (`!!js/function` and the like). Undefined
 * when it uses none.
 */
function forbiddenFeature(
  document: Document,
  lines: LineCounter,
): string | undefined {
  let problem: string | undefined;
  visit(document, (_key, node) => {
    if (!isNode(node)) {
      return undefined;
    }
    const line = lines.linePos(node.range?.[0] ?? 0).line;
    if (isAlias(node) || node.anchor) {
      problem = `line ${line}: YAML anchors and aliases are not allowed in a state file`;
    } else if (node.tag) {
      problem = `line ${line}: explicit YAML tags (such as !!str) are not allowed in a state file`;
    }
    return problem ? visit.BREAK : undefined;
  });
  return problem;
}

/** The document of a state file, or why it cannot be read as one. */
function readDocument(
  text: string,
): { ok: true; content: unknown } | ReturnType<typeof refuse> {
  if (isOversized(text)) {
    return refuse('larger than the 1 MiB a state file may have');
  }
  const lines = new LineCounter();
  const document = parseDocument(text, {
    prettyErrors: true,
    lineCounter: lines,
  });
  if (document.errors.length > 0) {
    return refuse(document.errors[0].message);
  }
  const forbidden = forbiddenFeature(document, lines);
  if (forbidden) {
    return refuse(forbidden);
  }
  // No aliases are left, so this cannot expand; it stays a second guard.
  return { ok: true, content: document.toJS({ maxAliasCount: 0 }) };
}

function checkSettings(text: string): StateFileValidation {
  const read = readDocument(text);
  if (!read.ok) {
    return read;
  }
  const result = stateSettingsFileSchema.safeParse(read.content);
  return result.success
    ? { ok: true, value: { section: 'settings', settings: result.data } }
    : refuse(describeIssues(result.error.issues));
}

function check(path: string, text: string): StateFileValidation {
  if (path === STATE_SETTINGS_PATH) {
    return checkSettings(text);
  }
  const location = parseStatePath(path);
  if (!location) {
    return refuse(
      `not a state file (state/images, state/base-images or state/_archive/…, <name>.yaml; or ${STATE_SETTINGS_PATH})`,
    );
  }
  if (!isStateName(location.name)) {
    return refuse(`file name "${location.name}" is not a DNS-1123 label`);
  }
  const read = readDocument(text);
  if (!read.ok) {
    return read;
  }
  const { content } = read;
  const { section, name } = location;
  if (isImageSection(section)) {
    const result = imageFileSchema.safeParse(content);
    return result.success
      ? { ok: true, value: { section, image: { name, ...result.data } } }
      : refuse(describeIssues(result.error.issues));
  }
  const result = baseImageFileSchema.safeParse(content);
  return result.success
    ? { ok: true, value: { section, baseImage: { name, ...result.data } } }
    : refuse(describeIssues(result.error.issues));
}

/**
 * {@link validateStateFile} without the path in front of the error, for
 * callers that report the path apart (see `parseStateTree`).
 */
export function checkStateFile(
  path: string,
  text: string,
): StateFileValidation {
  try {
    return check(path, text);
  } catch (error) {
    // Whatever a file holds, one bad file must not stop a run.
    const reason = error instanceof Error ? error.message : String(error);
    return refuse(`could not be read: ${reason.slice(0, 200)}`);
  }
}

/**
 * Reads and checks one state file, the settings file included. Never throws,
 * whatever the text: a file that is not where state files live, larger than 1 MiB, not YAML, using YAML
 * anchors, aliases or tags (the merge never writes them), or not of the schema
 * gives `{ ok: false }` with `<path>: field <field>: <problem>`.
 *
 * @param path - relative to the state repository's base path, e.g. `state/images/payments.yaml`.
 * @public
 */
export function validateStateFile(
  path: string,
  text: string,
): StateFileValidation {
  const result = checkStateFile(path, text);
  return result.ok ? result : { ok: false, error: `${path}: ${result.error}` };
}
