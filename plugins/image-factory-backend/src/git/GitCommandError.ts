import { CustomErrorBase } from '@backstage/errors';

/**
 * A git command that exited with an error. The message and `stderr` are already
 * scrubbed of credentials.
 *
 * @public
 */
export class GitCommandError extends CustomErrorBase {
  name = 'GitCommandError' as const;

  /** The git subcommand that failed, e.g. `push`. */
  readonly command: string;
  /** The exit code, or undefined when git was killed (timeout) or could not start. */
  readonly exitCode?: number;
  /** What git printed on stderr, scrubbed of credentials. */
  readonly stderr: string;

  constructor(options: {
    command: string;
    exitCode?: number;
    stderr: string;
    reason?: string;
  }) {
    const detail = options.stderr.trim() || options.reason || 'no output';
    super(
      `git ${options.command} failed${
        options.exitCode === undefined
          ? ''
          : ` with exit code ${options.exitCode}`
      }: ${detail}`,
    );
    this.command = options.command;
    this.exitCode = options.exitCode;
    this.stderr = options.stderr;
  }
}
