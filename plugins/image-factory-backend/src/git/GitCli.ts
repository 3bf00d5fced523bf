import { LoggerService } from '@backstage/backend-plugin-api';
import { execFile } from 'node:child_process';
import { GitCommandError } from './GitCommandError';
import { scrubSecrets } from '../lib/scrubSecrets';

/** Who commits: used as both author and committer. */
export interface GitIdentity {
  name: string;
  email: string;
}

/** Options for {@link GitCli}. */
export interface GitCliOptions {
  /** An empty folder used as HOME, so the user's `.gitconfig` and `.netrc` are never read. */
  homeDir: string;
  identity: GitIdentity;
  /** Branch name for `init.defaultBranch`. */
  defaultBranch: string;
  /**
   * Extra configuration passed through the environment (`GIT_CONFIG_COUNT`), not
   * on the command line, so it is invisible in process listings and never lands in
   * `.git/config`: used for the authorization header.
   */
  secretConfig?: ReadonlyArray<readonly [key: string, value: string]>;
  /** Literal strings that are replaced by `***` in every message. */
  secrets?: readonly string[];
  logger?: LoggerService;
}

/** Options of one git invocation. */
export interface GitRunOptions {
  /** The repository (`--git-dir`); absent for commands that take no repository. */
  gitDir?: string;
  /** Written to git's stdin. */
  input?: Buffer | string;
  /** Kill git after this long. Default 60 seconds. */
  timeoutMs?: number;
}

// Only these variables reach git: a parent's GIT_DIR, GIT_INDEX_FILE or
// GIT_CONFIG_* (set when the backend itself runs inside a git hook, for example)
// would otherwise redirect or reconfigure every command.
const PASSED_THROUGH_ENV = [
  'PATH',
  'TMPDIR',
  'http_proxy',
  'https_proxy',
  'no_proxy',
  'all_proxy',
  'HTTP_PROXY',
  'HTTPS_PROXY',
  'NO_PROXY',
  'ALL_PROXY',
  'SSL_CERT_FILE',
  'SSL_CERT_DIR',
  'GIT_SSL_CAINFO',
  'GIT_SSL_CAPATH',
];

const MAX_OUTPUT_BYTES = 512 * 1024 * 1024;

/**
 * Runs the system `git` without a shell, isolated from the machine's and the
 * user's git configuration, with a fixed identity, and with credentials kept out
 * of arguments, files and messages.
 */
export class GitCli {
  private readonly env: NodeJS.ProcessEnv;
  private readonly configArgs: string[];
  private readonly secrets: readonly string[];
  private readonly logger?: LoggerService;
  private readonly homeDir: string;

  constructor(options: GitCliOptions) {
    const env: NodeJS.ProcessEnv = {};
    for (const name of PASSED_THROUGH_ENV) {
      if (process.env[name] !== undefined) {
        env[name] = process.env[name];
      }
    }
    Object.assign(env, {
      HOME: options.homeDir,
      XDG_CONFIG_HOME: options.homeDir,
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_CONFIG_GLOBAL: '/dev/null',
      GIT_TERMINAL_PROMPT: '0',
      LC_ALL: 'C',
    });
    const secretConfig = options.secretConfig ?? [];
    if (secretConfig.length > 0) {
      env.GIT_CONFIG_COUNT = String(secretConfig.length);
      secretConfig.forEach(([key, value], index) => {
        env[`GIT_CONFIG_KEY_${index}`] = key;
        env[`GIT_CONFIG_VALUE_${index}`] = value;
      });
    }
    this.env = env;
    this.homeDir = options.homeDir;
    this.secrets = options.secrets ?? [];
    this.logger = options.logger;
    this.configArgs = [
      ['user.name', options.identity.name],
      ['user.email', options.identity.email],
      ['init.defaultBranch', options.defaultBranch],
      ['commit.gpgSign', 'false'],
      ['tag.gpgSign', 'false'],
      ['core.hooksPath', '/dev/null'],
      ['core.autocrlf', 'false'],
      ['core.fsmonitor', 'false'],
      ['credential.helper', ''],
      ['gc.autoDetach', 'false'],
      ['safe.directory', '*'],
    ].flatMap(([key, value]) => ['-c', `${key}=${value}`]);
  }

  /** Removes credentials from a text that may contain git output or URLs. */
  scrub(text: string): string {
    return scrubSecrets(text, this.secrets);
  }

  /**
   * Runs `git <args>` and resolves with its stdout.
   *
   * @throws GitCommandError when git exits with an error, times out or cannot start
   */
  run(args: string[], options: GitRunOptions = {}): Promise<Buffer> {
    const command = args[0] ?? '';
    const fullArgs = [
      ...this.configArgs,
      ...(options.gitDir ? ['--git-dir', options.gitDir] : []),
      ...args,
    ];
    this.logger?.debug(`Running git ${command}`);
    return new Promise((resolve, reject) => {
      const child = execFile(
        'git',
        fullArgs,
        {
          cwd: options.gitDir ?? this.homeDir,
          env: this.env,
          encoding: 'buffer',
          maxBuffer: MAX_OUTPUT_BYTES,
          timeout: options.timeoutMs ?? 60_000,
          killSignal: 'SIGKILL',
          windowsHide: true,
        },
        (error, stdout, stderr) => {
          if (!error) {
            resolve(stdout);
            return;
          }
          const exitCode =
            typeof error.code === 'number' ? error.code : undefined;
          const reason = error.killed
            ? 'timed out'
            : this.scrub(String(error.code ?? error.message));
          reject(
            new GitCommandError({
              command,
              exitCode,
              stderr: this.scrub(stderr.toString('utf8')),
              reason,
            }),
          );
        },
      );
      // git may exit before reading all input; its exit status tells what happened.
      child.stdin?.on('error', () => {});
      child.stdin?.end(options.input);
    });
  }

  /** Runs git and returns its stdout as trimmed text. */
  async text(args: string[], options: GitRunOptions = {}): Promise<string> {
    return (await this.run(args, options)).toString('utf8').trim();
  }
}
