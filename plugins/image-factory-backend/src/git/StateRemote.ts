import { LoggerService } from '@backstage/backend-plugin-api';
import { ServiceUnavailableError } from '@backstage/errors';
import { GitCli, GitIdentity } from './GitCli';
import { GitCommandError } from './GitCommandError';
import { ResolvedRemote } from './resolveRemote';

/**
 * The network side of the state repository: fetching the branch head and pushing
 * a commit, with the credentials given to git only through its environment.
 */
export class StateRemote {
  /** Where the remote is, for messages: never carries credentials. */
  readonly displayUrl: string;

  constructor(
    private readonly options: {
      git: GitCli;
      gitDir: string;
      remote: ResolvedRemote;
      branch: string;
      /** Local ref that mirrors the remote branch. */
      trackingRef: string;
      timeoutMs: number;
    },
  ) {
    this.displayUrl = options.git.scrub(options.remote.url);
  }

  /**
   * A git runner for this remote: an HTTP remote with credentials gets an
   * authorization header scoped to its URL, through the environment.
   */
  static createGit(options: {
    remote: ResolvedRemote;
    homeDir: string;
    identity: GitIdentity;
    branch: string;
    logger: LoggerService;
  }): GitCli {
    const { remote } = options;
    const secretConfig: Array<[string, string]> = [];
    const secrets: string[] = [];
    if (remote.http && remote.credentials) {
      const { token } = remote.credentials;
      const userToken = `${
        remote.credentials.username ?? 'x-access-token'
      }:${token}`;
      const basic = Buffer.from(userToken, 'utf8').toString('base64');
      secretConfig.push(
        [`http.${remote.url}.extraHeader`, `Authorization: Basic ${basic}`],
        // A redirect must not carry the header to another host.
        ['http.followRedirects', 'false'],
      );
      secrets.push(userToken, basic, token, encodeURIComponent(token));
    }
    return new GitCli({
      homeDir: options.homeDir,
      identity: options.identity,
      defaultBranch: options.branch,
      secretConfig,
      secrets,
      logger: options.logger,
    });
  }

  /**
   * Fetches the branch into the tracking ref.
   *
   * @returns the head commit, or undefined when the branch does not exist
   */
  async fetchHead(): Promise<string | undefined> {
    const { git, gitDir, remote, branch, trackingRef, timeoutMs } =
      this.options;
    try {
      await git.run(
        [
          'fetch',
          '--quiet',
          '--no-tags',
          '--no-write-fetch-head',
          remote.url,
          `+refs/heads/${branch}:${trackingRef}`,
        ],
        { gitDir, timeoutMs },
      );
    } catch (error) {
      if (!(error instanceof GitCommandError)) throw error;
      if (await this.branchIsMissing()) {
        await git.run(['update-ref', '-d', trackingRef], { gitDir });
        return undefined;
      }
      const hint =
        /could not read (username|password)|authentication failed/i.test(
          error.stderr,
        )
          ? ' (the server refused the credentials, or none were configured)'
          : '';
      throw new ServiceUnavailableError(
        `Could not fetch branch ${branch} of the state repository ${this.displayUrl}${hint}: ${error.message}`,
      );
    }
    return git.text(['rev-parse', '--verify', `${trackingRef}^{commit}`], {
      gitDir,
    });
  }

  /**
   * Pushes a commit to the branch, never forcing.
   *
   * @returns undefined when pushed, else git's error (a lost race or a refusal)
   */
  async push(commit: string): Promise<GitCommandError | undefined> {
    const { git, gitDir, remote, branch, trackingRef, timeoutMs } =
      this.options;
    try {
      await git.run(
        ['push', '--quiet', remote.url, `${commit}:refs/heads/${branch}`],
        { gitDir, timeoutMs },
      );
    } catch (error) {
      if (error instanceof GitCommandError) return error;
      throw error;
    }
    await git.run(['update-ref', trackingRef, commit], { gitDir });
    return undefined;
  }

  /** The error for a push that failed while the branch did not move. */
  pushFailure(error: GitCommandError): ServiceUnavailableError {
    return new ServiceUnavailableError(
      `Could not push to branch ${this.options.branch} of the state repository ${this.displayUrl}: ${error.message}`,
    );
  }

  /** True only when the remote answers and has no such branch. */
  private async branchIsMissing(): Promise<boolean> {
    const { git, gitDir, remote, branch, timeoutMs } = this.options;
    try {
      const refs = await git.text(
        ['ls-remote', '--heads', remote.url, `refs/heads/${branch}`],
        { gitDir, timeoutMs },
      );
      return refs === '';
    } catch {
      return false;
    }
  }
}
