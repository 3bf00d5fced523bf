import {
  DockerfileParser,
  type Flag,
  type From,
  type Instruction,
  type Property,
  type PropertyInstruction,
} from 'dockerfile-ast';
import { parseMountSource } from '../parseMountSource';
import { KNOWN_INSTRUCTIONS, readStage } from '../readDockerfile';
import type {
  Declaration,
  ParsedDockerfile,
  ParsedStage,
} from '../parsedDockerfile';

function lineOf(instruction: Instruction): number {
  return instruction.getRange().start.line + 1;
}

// ARG accepts several declarations; dockerfile-ast reads `ARG A B` like the old
// `ENV A B` form (A with value "B"), so bare words after a name are split again.
function readDeclarations(
  properties: Property[],
  keyword: 'ARG' | 'ENV',
): Declaration[] {
  const declarations: Declaration[] = [];
  for (const property of properties) {
    const name = property.getName();
    const hasEquals = property.getAssignmentOperator() !== null;
    const value = property.getUnescapedValue();
    if (keyword === 'ENV' || hasEquals || value === null) {
      declarations.push({ name, value: hasEquals ? value ?? '' : value });
      continue;
    }
    declarations.push({ name, value: null });
    for (const word of value.split(/\s+/).filter(Boolean)) {
      const equals = word.indexOf('=');
      declarations.push(
        equals === -1
          ? { name: word, value: null }
          : { name: word.slice(0, equals), value: word.slice(equals + 1) },
      );
    }
  }
  return declarations;
}

function findFlags(instruction: Instruction, name: string): Flag[] {
  const flags = (instruction as unknown as { getFlags(): Flag[] }).getFlags();
  return flags.filter(flag => flag.getName() === name);
}

function readFrom(
  from: From,
  index: number,
  result: ParsedDockerfile,
): ParsedStage {
  const args = from.getArguments().map(arg => arg.getValue());
  return readStage(args, lineOf(from), index, result);
}

function readStep(
  instruction: Instruction,
  keyword: string,
  stage: ParsedStage,
  result: ParsedDockerfile,
): void {
  const line = lineOf(instruction);
  if (keyword === 'ARG' || keyword === 'ENV') {
    const declarations = readDeclarations(
      (instruction as PropertyInstruction).getProperties(),
      keyword,
    );
    stage.steps.push(
      keyword === 'ARG'
        ? { kind: 'ARG', line, declarations }
        : { kind: 'ENV', line, declarations },
    );
    return;
  }
  // Asking for flags re-reads the instruction; most have none worth reading.
  const text = instruction.getTextContent();
  if (keyword === 'COPY' && text.includes('--from')) {
    for (const flag of findFlags(instruction, 'from')) {
      const value = flag.getValue();
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
  } else if (keyword === 'RUN' && text.includes('--mount')) {
    for (const flag of findFlags(instruction, 'mount')) {
      const source = parseMountSource(flag.getValue() ?? '');
      if (source !== null) {
        stage.steps.push({ kind: 'RUN', line, source });
      }
    }
  }
}

/**
 * The analysis's former reader, on dockerfile-ast, kept as the reference the
 * differential tests compare `readDockerfile` with.
 */
export function readDockerfileWithDockerfileAst(
  content: string,
): ParsedDockerfile {
  const dockerfile = DockerfileParser.parse(content);
  const result: ParsedDockerfile = {
    escapeChar: dockerfile.getEscapeCharacter(),
    syntax: null,
    globalArgs: [],
    stages: [],
    warnings: [],
  };
  for (const directive of dockerfile.getDirectives()) {
    if (directive.getDirective() === 'syntax' && result.syntax === null) {
      result.syntax = {
        value: directive.getValue(),
        line: directive.getRange().start.line + 1,
      };
    }
  }
  let stage: ParsedStage | null = null;
  for (const instruction of dockerfile.getInstructions()) {
    const keyword = instruction.getKeyword();
    if (keyword === 'FROM') {
      stage = readFrom(instruction as From, result.stages.length, result);
      result.stages.push(stage);
    } else if (!KNOWN_INSTRUCTIONS.has(keyword)) {
      result.warnings.push({
        line: lineOf(instruction),
        stage: stage?.index ?? null,
        message: `unknown instruction ${JSON.stringify(
          instruction.getInstruction(),
        )}`,
      });
    } else if (stage !== null) {
      readStep(instruction, keyword, stage, result);
    } else if (keyword === 'ARG') {
      const properties = (instruction as PropertyInstruction).getProperties();
      result.globalArgs.push({
        line: lineOf(instruction),
        declarations: readDeclarations(properties, 'ARG'),
      });
    } else {
      result.warnings.push({
        line: lineOf(instruction),
        stage: null,
        message: `${keyword} before the first FROM: only ARG may come before it`,
      });
    }
  }
  return result;
}
