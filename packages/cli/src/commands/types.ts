import type { Command } from 'commander';

/** What a command may use of its surroundings, so tests and CI see the same. */
export interface CliContext {
  /** Directory relative paths are resolved from. */
  cwd: string;
  writeOut(text: string): void;
  writeErr(text: string): void;
  /** Raises the exit status; the worst status wins. */
  reportStatus(status: number): void;
}

/** A subcommand: adds itself to the program. */
export interface CliCommand {
  register(program: Command, context: CliContext): void;
}
