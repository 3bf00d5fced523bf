import { EXPANSION_MAX_DEPTH, EXPANSION_MAX_LENGTH } from './limits';

/**
 * What the analysis knows about a variable: its value, or why it has none (it is
 * declared without a default and no build arg sets it, say).
 */
export type VariableState = { value: string } | { value: null; reason: string };

/** Variables visible to an instruction, by name. */
export type VariableScope = ReadonlyMap<string, VariableState>;

/** The outcome of expanding one word. */
export type ExpansionResult =
  | { ok: true; value: string }
  | { ok: false; reason: string };

/** Characters that all expansions of one Dockerfile may still produce. */
export interface ExpansionBudget {
  remaining: number;
}

/** How to expand: the Dockerfile's escape character and shared budget. */
export interface ExpansionOptions {
  escapeChar: string;
  budget: ExpansionBudget;
  /** Explains why a variable that is not in scope has no value. */
  describeMissing(name: string): string;
}

class ExpansionFailure {
  constructor(readonly reason: string) {}
}

const NAME_START = /[A-Za-z_]/;
const NAME_PART = /[A-Za-z0-9_]/;
const DIGIT = /[0-9]/;

// A small reader for Docker's word expansion: escapes, quotes, $NAME, ${NAME} and
// ${NAME<op>word} with the -, +, ? operators (with or without ":"). Unknown
// variables fail the expansion instead of becoming empty strings, because a base
// image guessed from an empty variable would be wrong.
class WordExpander {
  private pos = 0;

  constructor(
    private readonly word: string,
    private readonly scope: VariableScope,
    private readonly options: ExpansionOptions,
  ) {}

  expand(): string {
    const value = this.readWord(false, true, 0);
    if (this.pos < this.word.length) {
      throw new ExpansionFailure(
        `unexpected "}" in ${JSON.stringify(this.word)}`,
      );
    }
    return value;
  }

  private append(out: string, text: string, evaluate: boolean): string {
    if (!evaluate) {
      return out;
    }
    const next = out + text;
    if (next.length > EXPANSION_MAX_LENGTH) {
      throw new ExpansionFailure(
        `the expansion is longer than ${EXPANSION_MAX_LENGTH} characters`,
      );
    }
    return next;
  }

  // Reads up to the end, or up to an unmatched "}" when inside ${…}.
  private readWord(
    inBraces: boolean,
    evaluate: boolean,
    depth: number,
  ): string {
    const { word } = this;
    const escape = this.options.escapeChar;
    let out = '';
    while (this.pos < word.length) {
      const ch = word[this.pos];
      if (inBraces && ch === '}') {
        return out;
      }
      if (ch === escape) {
        const next = word[this.pos + 1];
        this.pos += 2;
        out = this.append(out, next ?? escape, evaluate);
      } else if (ch === "'") {
        const end = word.indexOf("'", this.pos + 1);
        if (end === -1) {
          throw new ExpansionFailure(
            `unterminated single quote in ${JSON.stringify(word)}`,
          );
        }
        out = this.append(out, word.slice(this.pos + 1, end), evaluate);
        this.pos = end + 1;
      } else if (ch === '"') {
        this.pos++;
        out = this.append(
          out,
          this.readDoubleQuoted(evaluate, depth),
          evaluate,
        );
      } else if (ch === '$') {
        this.pos++;
        out = this.append(out, this.readDollar(evaluate, depth), evaluate);
      } else {
        out = this.append(out, ch, evaluate);
        this.pos++;
      }
    }
    if (inBraces) {
      throw new ExpansionFailure(
        `unterminated "\${" in ${JSON.stringify(word)}`,
      );
    }
    return out;
  }

  private readDoubleQuoted(evaluate: boolean, depth: number): string {
    const { word } = this;
    const escape = this.options.escapeChar;
    let out = '';
    while (this.pos < word.length) {
      const ch = word[this.pos];
      if (ch === '"') {
        this.pos++;
        return out;
      }
      if (ch === escape && ['"', '$', escape].includes(word[this.pos + 1])) {
        out = this.append(out, word[this.pos + 1], evaluate);
        this.pos += 2;
      } else if (ch === '$') {
        this.pos++;
        out = this.append(out, this.readDollar(evaluate, depth), evaluate);
      } else {
        out = this.append(out, ch, evaluate);
        this.pos++;
      }
    }
    throw new ExpansionFailure(
      `unterminated double quote in ${JSON.stringify(word)}`,
    );
  }

  private readName(): string {
    const start = this.pos;
    const pattern = DIGIT.test(this.word[this.pos] ?? '') ? DIGIT : NAME_PART;
    while (this.pos < this.word.length && pattern.test(this.word[this.pos])) {
      this.pos++;
    }
    return this.word.slice(start, this.pos);
  }

  private lookup(name: string): string | null {
    const state = this.scope.get(name);
    return state === undefined ? null : state.value;
  }

  private unresolved(name: string): ExpansionFailure {
    const state = this.scope.get(name);
    return new ExpansionFailure(
      state === undefined
        ? this.options.describeMissing(name)
        : (state as { reason: string }).reason,
    );
  }

  // Called after "$".
  private readDollar(evaluate: boolean, depth: number): string {
    const next = this.word[this.pos];
    if (next !== '{') {
      if (next === undefined || !(NAME_START.test(next) || DIGIT.test(next))) {
        return '$';
      }
      const name = this.readName();
      const value = evaluate ? this.lookup(name) : '';
      if (value === null) {
        throw this.unresolved(name);
      }
      return value;
    }
    const open = this.pos - 1;
    this.pos++;
    const name = this.readName();
    if (name === '') {
      throw new ExpansionFailure(
        `bad substitution in ${JSON.stringify(this.word)}`,
      );
    }
    const colon = this.word[this.pos] === ':';
    if (colon) {
      this.pos++;
    }
    const operator = this.word[this.pos];
    if (operator === undefined) {
      throw new ExpansionFailure(
        `unterminated "\${" in ${JSON.stringify(this.word)}`,
      );
    }
    if (operator === '}' && !colon) {
      this.pos++;
      const value = evaluate ? this.lookup(name) : '';
      if (value === null) {
        throw this.unresolved(name);
      }
      return value;
    }
    if (operator !== '-' && operator !== '+' && operator !== '?') {
      throw new ExpansionFailure(
        `unsupported substitution ${JSON.stringify(
          this.word.slice(open, this.pos + 1),
        )}: only \${VAR}, \${VAR:-default}, \${VAR:+alternative} and \${VAR:?message} (also without ":") are understood`,
      );
    }
    if (depth >= EXPANSION_MAX_DEPTH) {
      throw new ExpansionFailure(
        `variables are nested more than ${EXPANSION_MAX_DEPTH} levels deep`,
      );
    }
    this.pos++;
    const raw = evaluate ? this.lookup(name) : '';
    // With ":", an empty value counts as unset.
    const isSet = raw !== null && (!colon || raw !== '');
    // "-" and "?" read the word when unset, "+" when set.
    const useWord = operator === '+' ? isSet : !isSet;
    const word = this.readWord(true, evaluate && useWord, depth + 1);
    this.pos++; // the closing "}"
    if (!evaluate) {
      return '';
    }
    if (operator === '-') {
      return isSet ? (raw as string) : word;
    }
    if (operator === '+') {
      return isSet ? word : '';
    }
    if (!isSet) {
      throw new ExpansionFailure(
        `variable ${name} is required${word === '' ? '' : `: ${word}`}`,
      );
    }
    return raw as string;
  }
}

/**
 * Expands the variables of one Dockerfile word (`$VAR`, `${VAR}`,
 * `${VAR:-default}`, `${VAR:+alternative}`, `${VAR:?message}` and their forms
 * without `:`), removing quotes and escapes as Docker does.
 *
 * @remarks
 * A variable without a known value fails the expansion with a reason rather than
 * expanding to an empty string; with the `-`, `+` and `?` operators it counts as
 * unset. Nesting depth, the length of the result and the total characters per
 * Dockerfile (the budget) are bounded, so hostile input fails quickly.
 */
export function expandVariables(
  word: string,
  scope: VariableScope,
  options: ExpansionOptions,
): ExpansionResult {
  if (options.budget.remaining <= 0) {
    return {
      ok: false,
      reason:
        'variable expansion stopped: this Dockerfile expands too many characters in total',
    };
  }
  // Most words have no variables, quotes or escapes.
  if (!/[$'"]/.test(word) && !word.includes(options.escapeChar)) {
    return { ok: true, value: word };
  }
  try {
    const value = new WordExpander(word, scope, options).expand();
    options.budget.remaining -= value.length;
    return { ok: true, value };
  } catch (error) {
    if (error instanceof ExpansionFailure) {
      return { ok: false, reason: error.reason };
    }
    throw error;
  }
}
