import { formatYamlFile } from './formatYamlFile';
import type { StateFile, StateFileValidation } from './validateStateFile';

/**
 * What a long-running writer of the state repository (the backend) keeps
 * between runs, per path: the last text read there with what it parsed to, and
 * the last document rendered there with its text. A file whose text, or
 * document, did not change costs a comparison instead of a YAML parse, or
 * render: a run's parsing and rendering grow with what changed, not with the
 * fleet. A parse is reused only for the very same text, a render only for a
 * document that serializes to the same JSON (state documents hold only
 * strings, finite numbers, booleans, null, arrays and plain objects, so the
 * same JSON is the same YAML). A state file rendered from an image counts as
 * read back as that image, since `parseStateTree(renderStateTree(s))` gives
 * back `s` (a property test of the merge checks it): so the run after a
 * commit does not parse what it wrote. One entry per path the last run saw,
 * so the memo stays the size of the repository.
 *
 * @public
 */
export class StateFileMemo {
  readonly #parsed = new Map<string, { text: string; file: StateFile }>();
  readonly #rendered = new Map<string, { json: string; text: string }>();

  /** {@link validateStateFile}'s answer for `text` at `path`, parsed only when the text is new. */
  parse(
    path: string,
    text: string,
    parse: () => StateFileValidation,
  ): StateFileValidation {
    const known = this.#parsed.get(path);
    if (known?.text === text) {
      // A copy: the merge builds on what it reads.
      return { ok: true, value: structuredClone(known.file) };
    }
    const result = parse();
    if (result.ok) {
      this.#parsed.set(path, { text, file: structuredClone(result.value) });
    } else {
      this.#parsed.delete(path);
    }
    return result;
  }

  /**
   * {@link formatYamlFile} of `value` for `path`, rendered only when the value
   * is new.
   *
   * @param file - the state file the value is the document of: what the text
   *   reads back as.
   */
  format(
    path: string,
    what: string,
    instead: string,
    value: unknown,
    file?: StateFile,
  ): string {
    const json = JSON.stringify([what, instead, value]);
    const known = this.#rendered.get(path);
    const text =
      known?.json === json ? known.text : formatYamlFile(what, instead, value);
    if (known?.json !== json) {
      this.#rendered.set(path, { json, text });
    }
    if (file && this.#parsed.get(path)?.text !== text) {
      this.#parsed.set(path, { text, file: structuredClone(file) });
    }
    return text;
  }

  /** Forgets the parses of paths that are not in `paths`, the files just read. */
  keepParsed(paths: ReadonlySet<string>): void {
    forgetOthers(this.#parsed, paths);
  }

  /** Forgets the renders of paths that are not in `paths`, the files just rendered. */
  keepRendered(paths: ReadonlySet<string>): void {
    forgetOthers(this.#rendered, paths);
  }
}

function forgetOthers(map: Map<string, unknown>, paths: ReadonlySet<string>) {
  for (const path of map.keys()) {
    if (!paths.has(path)) {
      map.delete(path);
    }
  }
}

/** Renders through the memo when there is one. */
export function formatStateFile(
  memo: StateFileMemo | undefined,
  path: string,
  what: string,
  instead: string,
  value: unknown,
  file?: StateFile,
): string {
  return memo
    ? memo.format(path, what, instead, value, file)
    : formatYamlFile(what, instead, value);
}
