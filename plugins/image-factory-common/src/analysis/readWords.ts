// How BuildKit's Dockerfile parser cuts an instruction's text into words
// (moby/buildkit frontend/dockerfile/parser/line_parsers.go), for the
// instructions base image analysis reads. Words keep their quotes and escapes:
// expanding them (expandVariables) removes those, as BuildKit's shell lexer does.

/** Space as BuildKit's `unicode.IsSpace` sees it, for the characters a Dockerfile holds. */
export function isSpace(code: number): boolean {
  return (
    code === 0x20 ||
    (code >= 0x09 && code <= 0x0d) ||
    code === 0x85 ||
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000
  );
}

/** The blanks (`[\t\v\f\r ]`) BuildKit splits a keyword and the words of a FROM on. */
export function isBlank(code: number): boolean {
  return code === 0x20 || (code >= 0x09 && code <= 0x0d && code !== 0x0a);
}

/**
 * Splits ARG and ENV text into words: blanks separate words except inside
 * quotes, and the escape character keeps the next character in the word
 * (outside single quotes). Quotes and escapes stay in the words.
 */
export function splitWords(text: string, escapeChar: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  // A quoted empty string ("") is a word even though it has no characters left.
  let blankOk = false;
  let quote = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quote === '' && isSpace(text.charCodeAt(i))) {
      if (inWord && (blankOk || word !== '')) {
        words.push(word);
      }
      inWord = false;
      word = '';
      blankOk = false;
      continue;
    }
    inWord = true;
    if (ch === escapeChar && quote !== "'") {
      // Keeps the next character, quote or blank, in the word; an escape
      // character that ends the text is dropped.
      if (i + 1 < text.length) {
        word += ch + text[i + 1];
      }
      i++;
      continue;
    }
    if (quote === '' && (ch === '"' || ch === "'")) {
      quote = ch;
      blankOk = true;
    } else if (ch === quote) {
      quote = '';
    }
    word += ch;
  }
  if (inWord && (blankOk || word !== '')) {
    words.push(word);
  }
  return words;
}

/** An instruction's leading `--name[=value]` flags and the text after them. */
export interface Flags {
  /** Each flag word without its quotes and backslash escapes, `--` included. */
  flags: string[];
  rest: string;
}

/**
 * Takes the flags off the front of an instruction's text. As in BuildKit, flags
 * are the leading words that start with `--`; a backslash escapes the next
 * character whatever the escape directive says, and quotes are removed.
 */
export function takeFlags(text: string): Flags {
  const flags: string[] = [];
  let i = 0;
  for (;;) {
    while (i < text.length && isSpace(text.charCodeAt(i))) {
      i++;
    }
    if (i + 1 >= text.length || text[i] !== '-' || text[i + 1] !== '-') {
      return { flags, rest: text.slice(i) };
    }
    let word = '';
    let quote = '';
    for (; i < text.length; i++) {
      const ch = text[i];
      if (quote === '' && isSpace(text.charCodeAt(i))) {
        break;
      }
      if (quote === '' && (ch === '"' || ch === "'")) {
        quote = ch;
      } else if (ch === quote) {
        quote = '';
      } else if (ch === '\\') {
        if (i + 1 < text.length) {
          i++;
          word += text[i];
        }
      } else {
        word += ch;
      }
    }
    // A lone `--` ends the flags and is not one.
    if (word === '--') {
      return { flags, rest: text.slice(i) };
    }
    flags.push(word);
  }
}

/** The name and value of a flag word such as `--from=build`; null value without `=`. */
export function readFlag(flag: string): { name: string; value: string | null } {
  const equals = flag.indexOf('=');
  return equals === -1
    ? { name: flag.slice(2), value: null }
    : { name: flag.slice(2, equals), value: flag.slice(equals + 1) };
}

/** Blank-separated words, as BuildKit reads FROM: no quotes, no escapes. */
export function splitOnBlanks(text: string): string[] {
  const words: string[] = [];
  let start = -1;
  for (let i = 0; i <= text.length; i++) {
    if (i === text.length || isBlank(text.charCodeAt(i))) {
      if (start !== -1) {
        words.push(text.slice(start, i));
        start = -1;
      }
    } else if (start === -1) {
      start = i;
    }
  }
  return words;
}

const HEREDOC = /^\d*<<(-?)([^<]*)$/;

/** A heredoc an instruction opens: the word that ends it, and whether leading tabs are removed. */
export interface HeredocStart {
  terminator: string;
  chomp: boolean;
}

// The heredoc's word as the shell reads it: quotes removed, backslash escapes
// resolved; null when it is more than one word.
function unquoteWord(word: string): string | null {
  let value = '';
  let quote = '';
  for (let i = 0; i < word.length; i++) {
    const ch = word[i];
    if (quote === '' && isSpace(word.charCodeAt(i))) {
      return null;
    }
    if (quote === '' && (ch === '"' || ch === "'")) {
      quote = ch;
    } else if (ch === quote) {
      quote = '';
    } else if (ch === '\\' && quote !== "'" && i + 1 < word.length) {
      i++;
      value += word[i];
    } else {
      value += ch;
    }
  }
  return value;
}

/**
 * The heredocs an instruction's text opens (`<<EOF`, `<<-EOF`, `<<"EOF"`,
 * `3<<EOF`), in order, as BuildKit finds them: words of the text, quotes kept,
 * that match `<<word`.
 */
export function findHeredocs(text: string): HeredocStart[] {
  const heredocs: HeredocStart[] = [];
  for (const word of splitWords(text, '\\')) {
    const match = HEREDOC.exec(word);
    if (match === null || match[2] === '') {
      continue;
    }
    const terminator = unquoteWord(match[2]);
    if (terminator !== null && terminator !== '') {
      heredocs.push({ terminator, chomp: match[1] === '-' });
    }
  }
  return heredocs;
}
