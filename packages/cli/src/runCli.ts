import { Command, CommanderError } from 'commander';
import { commands, type CliContext } from './commands';
import { EXIT_OK, EXIT_USAGE } from './exitCodes';

/** Where the command line reads and writes, so tests can run it in-process too. */
export interface CliEnvironment {
  cwd: string;
  writeOut(text: string): void;
  writeErr(text: string): void;
}

/**
 * Runs image-factory with the given arguments (without `node` and the script)
 * and returns the exit status: 0 success, 1 a file could not be analysed, 2 bad
 * arguments or a file that cannot be read.
 */
export async function runCli(
  args: string[],
  environment: CliEnvironment,
): Promise<number> {
  let status = EXIT_OK;
  const context: CliContext = {
    ...environment,
    reportStatus(next) {
      status = Math.max(status, next);
    },
  };
  const program = new Command()
    .name('image-factory')
    .description('Image Factory command line')
    .exitOverride()
    .configureOutput({
      writeOut: environment.writeOut,
      writeErr: environment.writeErr,
    });
  for (const command of commands) {
    command.register(program, context);
  }
  try {
    await program.parseAsync(args, { from: 'user' });
  } catch (error) {
    if (!(error instanceof CommanderError)) {
      throw error;
    }
    // Help and version requests end in a CommanderError with status 0.
    return error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
  }
  return status;
}
