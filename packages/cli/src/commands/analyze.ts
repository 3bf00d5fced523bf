import { InvalidArgumentError, type Command } from 'commander';
import type { AnalyzeFlags } from './runAnalyze';
import { loadLazily } from './loadLazily';
import type { CliCommand, CliContext } from './types';

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

// As docker buildx build: repeatable, and one value may list several platforms
// separated by commas. Checked with the analysis when the command runs, which
// this file does not load.
function collectPlatform(platforms: string, previous: string[] = []): string[] {
  return [...previous, ...platforms.split(',')];
}

/**
 * `image-factory analyze <Dockerfile>... [--build-arg KEY=VALUE]... [--target STAGE]
 * [--platform OS/ARCH[/VARIANT]]...`: prints the base images of each Dockerfile
 * as JSON (one file) or JSON Lines with a `file` field (several files).
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
      .option(
        '--platform <os/arch[/variant]>',
        'a target platform, as docker buildx build --platform (repeatable or comma-separated; default linux/amd64)',
        collectPlatform,
      )
      .action(async (files: string[], flags: AnalyzeFlags) => {
        // Loaded only when analyze runs: the analysis is most of what the
        // command line would otherwise load at start.
        const { runAnalyze } = await loadLazily(import('./runAnalyze'));
        runAnalyze(files, flags, context);
      });
  },
};
