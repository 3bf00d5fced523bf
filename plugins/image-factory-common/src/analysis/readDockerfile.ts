import { parseMountSource } from './parseMountSource';
import type {
  Declaration,
  ParsedDockerfile,
  ParsedStage,
} from './parsedDockerfile';
import { readFlag, splitOnBlanks, splitWords, takeFlags } from './readWords';
import {
  splitInstructions,
  type RawInstruction,
  type SplitDockerfile,
} from './splitInstructions';

/** The instructions Dockerfiles have; any other keyword is a warning. */
export const KNOWN_INSTRUCTIONS: ReadonlySet<string> = new Set([
  'ADD',
  'ARG',
  'CMD',
  'COPY',
  'ENTRYPOINT',
  'ENV',
  'EXPOSE',
  'FROM',
  'HEALTHCHECK',
  'LABEL',
  'MAINTAINER',
  'ONBUILD',
  'RUN',
  'SHELL',
  'STOPSIGNAL',
  'USER',
  'VOLUME',
  'WORKDIR',
]);

// Docker's rule for stage names, checked after lowercasing.
const STAGE_NAME = /^[a-z][a-z0-9-_.]*$/;

const LEGACY_ENV = /^(\S+)[\t\v\f\r ]+([^]*)$/;

// `ARG NAME[=value] …` and `ENV NAME=value …`, or the older `ENV NAME value`
// where the value is the rest of the text.
function readDeclarations(
  rest: string,
  keyword: 'ARG' | 'ENV',
  escapeChar: string,
): Declaration[] {
  const words = splitWords(rest, escapeChar);
  if (keyword === 'ENV' && words.length > 0 && !words[0].includes('=')) {
    const legacy = LEGACY_ENV.exec(rest);
    return [
      legacy === null
        ? { name: words[0], value: null }
        : { name: legacy[1], value: legacy[2] },
    ];
  }
  return words.map(word => {
    const equals = word.indexOf('=');
    return equals === -1
      ? { name: word, value: null }
      : { name: word.slice(0, equals), value: word.slice(equals + 1) };
  });
}

function flagValues(rest: string, name: string): Array<string | null> {
  return takeFlags(rest)
    .flags.map(readFlag)
    .filter(flag => flag.name === name)
    .map(flag => flag.value);
}

/**
 * A stage from the words of its FROM after the flags (`image`, or `image AS
 * name`), with a warning for anything else and for an invalid stage name.
 */
export function readStage(
  args: readonly string[],
  line: number,
  index: number,
  result: ParsedDockerfile,
): ParsedStage {
  const hasAs = args.length >= 3 && args[1].toLowerCase() === 'as';
  const name = hasAs ? args[2].toLowerCase() : null;
  const wellFormed = args.length === 1 || (args.length === 3 && hasAs);
  if (!wellFormed) {
    result.warnings.push({
      line,
      stage: index,
      message:
        args.length === 0
          ? 'FROM has no image'
          : `FROM must be "FROM [--platform=…] image [AS name]", found ${JSON.stringify(
              args.join(' '),
            )}`,
    });
  }
  if (name !== null && !STAGE_NAME.test(name)) {
    result.warnings.push({
      line,
      stage: index,
      message: `stage name ${JSON.stringify(
        args[2],
      )} is invalid: it must start with a letter and contain only letters, digits, "-", "_" and "."`,
    });
  }
  return {
    index,
    line,
    image: wellFormed ? args[0] : null,
    name,
    steps: [],
  };
}

function readStep(
  { line, rest }: RawInstruction,
  keyword: string,
  stage: ParsedStage,
  result: ParsedDockerfile,
): void {
  if (keyword === 'ARG' || keyword === 'ENV') {
    const declarations = readDeclarations(rest, keyword, result.escapeChar);
    stage.steps.push(
      keyword === 'ARG'
        ? { kind: 'ARG', line, declarations }
        : { kind: 'ENV', line, declarations },
    );
  } else if (keyword === 'COPY' && rest.includes('--from')) {
    for (const value of flagValues(rest, 'from')) {
      if (value === null) {
        result.warnings.push({
          line,
          stage: stage.index,
          message: 'COPY --from needs a value',
        });
      } else if (value !== '') {
        stage.steps.push({ kind: 'COPY', line, source: value });
      }
    }
  } else if (keyword === 'RUN' && rest.includes('--mount')) {
    for (const value of flagValues(rest, 'mount')) {
      const source = parseMountSource(value ?? '');
      if (source !== null) {
        stage.steps.push({ kind: 'RUN', line, source });
      }
    }
  }
}

// The first `# syntax=` is the frontend; BuildKit refuses a second directive of
// a kind and an escape other than `\` or `` ` ``, which here are warnings.
function readDirectives(
  split: SplitDockerfile,
  result: ParsedDockerfile,
): void {
  const seen = new Set<string>();
  for (const { name, value, line } of split.directives) {
    if (seen.has(name)) {
      result.warnings.push({
        line,
        stage: null,
        message: `only one "# ${name}=" directive may be given; this one is ignored`,
      });
      continue;
    }
    seen.add(name);
    if (name === 'syntax') {
      result.syntax = { value, line };
    } else if (name === 'escape' && value !== '\\' && value !== '`') {
      result.warnings.push({
        line,
        stage: null,
        message: `the escape directive must be "\\" or "\`", found ${JSON.stringify(
          value,
        )}; "\\" is used`,
      });
    }
  }
}

/**
 * Reads a Dockerfile as BuildKit's parser does (parser directives,
 * continuation lines, comments, heredocs, the escape character) and keeps the
 * instructions base image analysis needs.
 */
export function readDockerfile(content: string): ParsedDockerfile {
  const split = splitInstructions(content);
  const result: ParsedDockerfile = {
    escapeChar: split.escapeChar,
    syntax: null,
    globalArgs: [],
    stages: [],
    warnings: [],
  };
  readDirectives(split, result);
  let stage: ParsedStage | null = null;
  for (const instruction of split.instructions) {
    const { line, keyword: written, rest } = instruction;
    const keyword = written.toUpperCase();
    if (keyword === 'FROM') {
      stage = readStage(
        splitOnBlanks(takeFlags(rest).rest),
        line,
        result.stages.length,
        result,
      );
      result.stages.push(stage);
    } else if (!KNOWN_INSTRUCTIONS.has(keyword)) {
      result.warnings.push({
        line,
        stage: stage?.index ?? null,
        message: `unknown instruction ${JSON.stringify(written)}`,
      });
    } else if (stage !== null) {
      readStep(instruction, keyword, stage, result);
    } else if (keyword === 'ARG') {
      result.globalArgs.push({
        line,
        declarations: readDeclarations(rest, 'ARG', result.escapeChar),
      });
    } else {
      result.warnings.push({
        line,
        stage: null,
        message: `${keyword} before the first FROM: only ARG may come before it`,
      });
    }
    if (instruction.unclosedHeredoc !== undefined) {
      result.warnings.push({
        line,
        stage: stage?.index ?? null,
        message: `the heredoc "${instruction.unclosedHeredoc}" is never closed: no line reads "${instruction.unclosedHeredoc}", so the rest of the file is its text`,
      });
    }
  }
  return result;
}
