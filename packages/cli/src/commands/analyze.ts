import { resolve } from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import {
  analyzeDockerfile,
  DockerfileAnalysisError,
  type AnalyzeDockerfileOptions,
  type DockerfileAnalysis,
} from '@image-factory/backstage-plugin-image-factory-common';
import { EXIT_FAILED, EXIT_OK } from '../exitCodes';
import { readDockerfileFile } from './readDockerfileFile';
import type { CliCommand, CliContext } from './types';

type Outcome =
  | { status: typeof EXIT_OK; analysis: DockerfileAnalysis }
  | { status: number; error: string };

const BUILD_ARG_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

// Values may contain "=" and ","; only the first "=" separates.
function collectBuildArg(
  pair: string,
  previous: Record<string, string> | undefined,
): Record<string, string> {
  const equals = pair.indexOf('=');
  const name = equals === -1 ? '' : pair.slice(0, equals);
  if (!BUILD_ARG_NAME.test(name)) {
    throw new InvalidArgumentError('expected KEY=VALUE with KEY an ARG name.');
  }
  return { ...previous, [name]: pair.slice(equals + 1) };
}

function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ');
}

async function analyzeFile(
  path: string,
  context: CliContext,
  options: AnalyzeDockerfileOptions,
): Promise<Outcome> {
  const file = await readDockerfileFile(resolve(context.cwd, path));
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

async function runAnalyze(
  files: string[],
  flags: { buildArg?: Record<string, string>; target?: string },
  context: CliContext,
): Promise<void> {
  const options: AnalyzeDockerfileOptions = {
    buildArgs: flags.buildArg ?? {},
    target: flags.target,
  };
  if (files.length === 1) {
    const outcome = await analyzeFile(files[0], context, options);
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
  for (const file of files) {
    const outcome = await analyzeFile(file, context, options);
    const line =
      'analysis' in outcome
        ? { file, ...outcome.analysis }
        : { file, error: oneLine(outcome.error) };
    context.writeOut(`${JSON.stringify(line)}\n`);
    context.reportStatus(outcome.status);
  }
}

/**
 * `image-factory analyze <Dockerfile>... [--build-arg KEY=VALUE]... [--target STAGE]`:
 * prints the base images of each Dockerfile as JSON (one file) or JSON Lines
 * with a `file` field (several files).
 */
export const analyzeCommand: CliCommand = {
  register(program: Command, context: CliContext) {
    program
      .command('analyze')
      .description(
        'print the base images, stages, frontend and warnings of Dockerfiles as JSON',
      )
      .argument('<dockerfiles...>', 'paths of the Dockerfiles to analyse')
      .option(
        '--build-arg <KEY=VALUE>',
        'set a build arg, as docker build does (repeatable)',
        collectBuildArg,
      )
      .option('--target <stage>', 'only count the stages this stage depends on')
      .action((files: string[], flags) => runAnalyze(files, flags, context));
  },
};
