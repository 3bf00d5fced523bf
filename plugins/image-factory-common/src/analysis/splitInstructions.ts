import { findHeredocs, isBlank, isSpace } from './readWords';

// Cuts a Dockerfile into its parser directives and instructions the way
// BuildKit's parser does (moby/buildkit frontend/dockerfile/parser/parser.go):
// directives only at the top, comment and blank lines skipped, continuation
// lines joined (comment and blank lines inside them skipped too), and the lines
// of heredocs kept out of the instructions.

/** A parser directive (`# syntax=…`, `# escape=…`); `name` in lowercase. */
export interface Directive {
  name: string;
  value: string;
  line: number;
}

/** One instruction: continuation lines joined, heredoc lines left out. */
export interface RawInstruction {
  /** 1-based line of its first line. */
  line: number;
  /** The keyword as written. */
  keyword: string;
  /** The text after the keyword and the blanks that follow it. */
  rest: string;
  /** A heredoc the file ends inside of: the word that never closed it. */
  unclosedHeredoc?: string;
}

export interface SplitDockerfile {
  directives: Directive[];
  /** The escape directive's character when it is valid, else `\`. */
  escapeChar: string;
  instructions: RawInstruction[];
}

const DIRECTIVE = /^#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$/;
const HASH = 0x23;
const HEREDOC_KEYWORDS = new Set(['RUN', 'COPY', 'ADD']);

/** The lines of a text one at a time, without their line ends. */
class Lines {
  /** 1-based number of the line last returned. */
  number = 0;
  private pos = 0;

  constructor(private readonly text: string) {}

  next(): string | null {
    const { text, pos } = this;
    if (pos >= text.length) {
      return null;
    }
    let end = text.indexOf('\n', pos);
    if (end === -1) {
      end = text.length;
    }
    const stop = end > pos && text.charCodeAt(end - 1) === 0x0d ? end - 1 : end;
    this.pos = end + 1;
    this.number++;
    return text.slice(pos, stop);
  }
}

function trimStart(line: string): string {
  let i = 0;
  while (i < line.length && isSpace(line.charCodeAt(i))) {
    i++;
  }
  return i === 0 ? line : line.slice(i);
}

// Where a line ends in the escape character followed only by spaces and
// tabs, the position of that character; otherwise -1.
function continuationAt(line: string, escapeChar: string): number {
  let end = line.length - 1;
  while (end >= 0 && (line[end] === ' ' || line[end] === '\t')) {
    end--;
  }
  return end >= 0 && line[end] === escapeChar ? end : -1;
}

function isSkipped(trimmed: string): boolean {
  return trimmed === '' || trimmed.charCodeAt(0) === HASH;
}

/** The escape directive's character, `\` when there is none or it is invalid. */
function escapeCharOf(directives: Directive[]): string {
  const escape = directives.find(directive => directive.name === 'escape');
  return escape?.value === '`' ? '`' : '\\';
}

function toInstruction(text: string, line: number): RawInstruction | null {
  const body = text.trim();
  if (body === '') {
    return null;
  }
  let end = 0;
  while (end < body.length && !isBlank(body.charCodeAt(end))) {
    end++;
  }
  let restStart = end;
  while (restStart < body.length && isBlank(body.charCodeAt(restStart))) {
    restStart++;
  }
  return { line, keyword: body.slice(0, end), rest: body.slice(restStart) };
}

// RUN, COPY and ADD take heredocs, also as the trigger of an ONBUILD.
function mayOpenHeredoc({ keyword, rest }: RawInstruction): boolean {
  if (!rest.includes('<<')) {
    return false;
  }
  const upper = keyword.toUpperCase();
  if (upper === 'ONBUILD') {
    const trigger = toInstruction(rest, 0);
    return (
      trigger !== null && HEREDOC_KEYWORDS.has(trigger.keyword.toUpperCase())
    );
  }
  return HEREDOC_KEYWORDS.has(upper);
}

function stripTabs(line: string): string {
  let i = 0;
  while (line.charCodeAt(i) === 0x09) {
    i++;
  }
  return line.slice(i);
}

// Reads past the heredocs an instruction opens, in order; marks the one the
// file ends inside of.
function skipHeredocs(instruction: RawInstruction, lines: Lines): void {
  for (const { terminator, chomp } of findHeredocs(instruction.rest)) {
    let line: string | null;
    do {
      line = lines.next();
    } while (line !== null && (chomp ? stripTabs(line) : line) !== terminator);
    if (line === null) {
      instruction.unclosedHeredoc = terminator;
      return;
    }
  }
}

/** Splits a Dockerfile's text into its parser directives and instructions. */
export function splitInstructions(content: string): SplitDockerfile {
  const lines = new Lines(
    content.charCodeAt(0) === 0xfeff ? content.slice(1) : content,
  );
  const directives: Directive[] = [];
  const instructions: RawInstruction[] = [];
  let readingDirectives = true;
  let escapeChar = '\\';
  for (let text = lines.next(); text !== null; text = lines.next()) {
    const line = lines.number;
    let part = trimStart(text);
    if (readingDirectives) {
      const match = DIRECTIVE.exec(part);
      if (match !== null) {
        directives.push({
          name: match[1].toLowerCase(),
          value: match[2],
          line,
        });
        continue;
      }
      // The first line that is not a directive, a blank line included, ends them.
      readingDirectives = false;
      escapeChar = escapeCharOf(directives);
    }
    if (isSkipped(part)) {
      continue;
    }
    let joined = '';
    for (;;) {
      const at = continuationAt(part, escapeChar);
      if (at === -1) {
        joined += part;
        break;
      }
      joined += part.slice(0, at);
      let next: string | null;
      do {
        next = lines.next();
      } while (next !== null && isSkipped(trimStart(next)));
      if (next === null) {
        break;
      }
      part = next;
    }
    const instruction = toInstruction(joined, line);
    if (instruction !== null) {
      instructions.push(instruction);
      if (mayOpenHeredoc(instruction)) {
        skipHeredocs(instruction, lines);
      }
    }
  }
  if (readingDirectives) {
    escapeChar = escapeCharOf(directives);
  }
  return { directives, escapeChar, instructions };
}
