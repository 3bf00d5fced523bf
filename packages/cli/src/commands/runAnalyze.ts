import { resolve } from 'node:path';
import {
  analyzeDockerfile,
  DockerfileAnalysisError,
  parsePlatform,
  type AnalyzeDockerfileOptions,
  type DockerfileAnalysis,
} from '@image-factory/backstage-plugin-image-factory-common/analysis';
import { bufferWrites } from '../bufferWrites';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE } from '../exitCodes';
import { readDockerfileFile } from './readDockerfileFile';
import type { CliContext } from './types';

/** JSON Lines are written in chunks of about this many characters. */
const OUTPUT_CHUNK = 64 * 1024;

/** The options of `image-factory analyze`, as commander parses them. */
export interface AnalyzeFlags {
  buildArg?: Record<string, string>;
  target?: string;
  /** `--platform`, in the order given. */
  platform?: string[];
}

type Outcome =
  | { status: typeof EXIT_OK; analysis: DockerfileAnalysis }
  | { status: number; error: string };

function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ');
}

// The first --platform that is not os/arch[/variant], explained.
function invalidPlatform(platforms: readonly string[]): string | undefined {
  for (const platform of platforms) {
    try {
      parsePlatform(platform);
    } catch (error) {
      return `--platform: ${(error as Error).message}`;
    }
  }
  return undefined;
}

function analyzeFile(
  path: string,
  context: CliContext,
  options: AnalyzeDockerfileOptions,
): Outcome {
  const file = readDockerfileFile(resolve(context.cwd, path));
  if (!file.ok) {
    return { status: file.status, error: file.error };
  }
  try {
    return { status: EXIT_OK, analysis: analyzeDockerfile(file.text, options) };
  } catch (error) {
    if (error instanceof DockerfileAnalysisError) {
      return { status: EXIT_FAILED, error: error.message };
    }
    throw error;
  }
}

/**
 * Analyses the Dockerfiles and prints the result: one indented JSON object (or
 * one line on stderr) for one file, JSON Lines in argument order for several.
 */
export function runAnalyze(
  files: string[],
  flags: AnalyzeFlags,
  context: CliContext,
): void {
  const invalid = invalidPlatform(flags.platform ?? []);
  if (invalid) {
    context.writeErr(`image-factory analyze: ${invalid}\n`);
    context.reportStatus(EXIT_USAGE);
    return;
  }
  const options: AnalyzeDockerfileOptions = {
    buildArgs: flags.buildArg ?? {},
    target: flags.target,
    platforms: flags.platform,
  };
  if (files.length === 1) {
    const outcome = analyzeFile(files[0], context, options);
    if ('analysis' in outcome) {
      context.writeOut(`${JSON.stringify(outcome.analysis, null, 2)}\n`);
    } else {
      context.writeErr(
        `image-factory analyze: ${files[0]}: ${oneLine(outcome.error)}\n`,
      );
    }
    context.reportStatus(outcome.status);
    return;
  }
  // One JSON object per line, in argument order, so output can be streamed.
  const out = bufferWrites(context.writeOut, OUTPUT_CHUNK);
  try {
    for (const file of files) {
      const outcome = analyzeFile(file, context, options);
      const line =
        'analysis' in outcome
          ? { file, ...outcome.analysis }
          : { file, error: oneLine(outcome.error) };
      out.write(`${JSON.stringify(line)}\n`);
      context.reportStatus(outcome.status);
    }
  } finally {
    // Also when a file fails unexpectedly: the lines before it are printed,
    // as they were when each line was written at once.
    out.flush();
  }
}
