import { analyzeCommand } from './analyze';
import { synthCommand } from './synth';
import type { CliCommand } from './types';

/** Every subcommand of image-factory, in the order help lists them. */
export const commands: CliCommand[] = [analyzeCommand, synthCommand];

export type { CliCommand, CliContext } from './types';
