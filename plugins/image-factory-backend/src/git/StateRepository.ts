import { LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError, InputError } from '@backstage/errors';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { buildFastImportStream } from './buildFastImportStream';
import { GitCli, GitIdentity } from './GitCli';
import { GitCommandError } from './GitCommandError';
import { readTreeFiles } from './readTreeFiles';
import { removeStaleLocks } from './removeStaleLocks';
import {
  ResolvedRemote,
  resolveRemote,
  StateRepositoryCredentials,
} from './resolveRemote';
import { StateRemote } from './StateRemote';
import {
  normalizeBasePath,
  STATE_FOLDERS,
  validateStatePaths,
} from './validateStatePaths';

/**
 * Options of {@link StateRepository.create}.
 *
 * @public
 */
export interface StateRepositoryOptions {
  /** `https://…`, `file://…`, or a local path to a bare repository. */
  url: string;
  /** The branch that holds the state. */
  branch: string;
  /** Folder inside the repository that holds `state/` and `manifests/`. Default: the root. */
  basePath?: string;
  /** Author and committer of every commit. */
  author: GitIdentity;
  /**
   * A folder that belongs to this instance alone: it holds the working clone.
   * Two instances (or two processes) must never share one.
   */
  workDir: string;
  logger: LoggerService;
  /**
   * Token for an `https://` URL; never written to disk, arguments or messages.
   * A function is called before each read and write, so short-lived tokens (a
   * GitHub App installation token lasts an hour) are renewed.
   */
  credentials?:
    | StateRepositoryCredentials
    | (() => Promise<StateRepositoryCredentials | undefined>);
  /** Attempts of {@link StateRepository.update} before giving up when other writers keep moving the branch. Default 5. */
  maxAttempts?: number;
  /** First wait between two attempts of an update; doubles after each. Default 500 ms. */
  retryDelayMs?: number;
  /** Longest time one fetch or push may take. Default 2 minutes. */
  networkTimeoutMs?: number;
}

/**
 * The files below `state/` and `manifests/` at one commit of the branch.
 *
 * @public
 */
export interface StateSnapshot {
  /** The branch head they were read at; null when the branch does not exist yet. */
  head: string | null;
  /** By path relative to the base path. */
  files: Map<string, string>;
  /**
   * Paths of the files whose bytes are not UTF-8. Their text in `files` has
   * one character per byte (Latin-1), and writing that text back at the same
   * path writes the bytes as read: such a file is kept, never re-encoded.
   */
  undecodable: Set<string>;
}

/**
 * Result of {@link StateRepository.write}.
 *
 * @public
 */
export interface StateWriteResult {
  /** Whether a commit was pushed; false when the branch already held exactly these files. */
  committed: boolean;
  /** The pushed commit, when `committed`. */
  commit?: string;
}

/**
 * Result of {@link StateRepository.update}.
 *
 * @public
 */
export interface StateUpdateResult<T> extends StateWriteResult {
  /** What the last, written, computation returned besides the files. */
  value: T;
  /** How many heads the files were computed on (1 unless another writer moved the branch). */
  attempts: number;
}

/**
 * What {@link StateRepository.update} computes from a snapshot.
 *
 * @public
 */
export interface StateChange<T> {
  files: ReadonlyMap<string, string>;
  /** The commit message, or what computes it, called only when there is a commit to make. */
  message: CommitMessage;
  value: T;
}

/**
 * A commit message, or a function that describes the change: called only when
 * the files differ, since describing a change can cost a comparison of the
 * whole state.
 *
 * @public
 */
export type CommitMessage = string | (() => string);

/**
 * The branch moved after the files were read: whatever was computed from them
 * must be computed again from the new head, never applied on top of it.
 *
 * @public
 */
export class StateMovedError extends ConflictError {
  constructor(branch: string, expected: string | null, actual: string | null) {
    super(
      `The state repository branch ${branch} moved from ${
        expected ?? 'nothing'
      } to ${actual ?? 'nothing'} since it was read`,
    );
  }
}

const PENDING_REF = 'refs/image-factory/pending';
const REMOTE_REF = 'refs/image-factory/remote';

/**
 * The GitOps state repository: reads and writes the files below
 * `<basePath>/state/` and `<basePath>/manifests/` on one branch, in one commit
 * per write, and never touches anything else in the repository.
 *
 * Each write starts from the remote head just fetched and builds the commit
 * with git plumbing in a bare clone, so no working tree or leftover local commit
 * from an interrupted run can leak into the next one.
 *
 * @public
 */
export class StateRepository {
  private queue: Promise<unknown> = Promise.resolve();
  /** Entries of the last read that are not regular files: deleted by the next write. */
  private others: readonly string[] = [];

  private constructor(
    private readonly gitDir: string,
    private readonly homeDir: string,
    private readonly remote: ResolvedRemote,
    private readonly basePath: string,
    private readonly options: StateRepositoryOptions,
  ) {}

  /** Prepares the working clone; the remote is first contacted by `read` or `write`. */
  static async create(
    options: StateRepositoryOptions,
  ): Promise<StateRepository> {
    const { author, branch } = options;
    if (
      [author.name, author.email].some(v => !v.trim() || /[<>\n\r]/.test(v))
    ) {
      throw new InputError(
        'The state repository author needs a name and an email without "<", ">" or line breaks',
      );
    }
    if (
      !/^[A-Za-z0-9_][A-Za-z0-9._/-]*$/.test(branch) ||
      /\.\.|\/\/|\.lock$|\/$|\.$/.test(branch)
    ) {
      throw new InputError(
        `The state repository branch "${branch}" is not a valid branch name`,
      );
    }
    const basePath = normalizeBasePath(options.basePath);
    // A credentials function counts as credentials: refused on http:// too.
    const remote = resolveRemote(options.url, options.credentials);
    const homeDir = join(options.workDir, 'home');
    const gitDir = join(options.workDir, 'repository.git');
    await mkdir(homeDir, { recursive: true });
    await mkdir(gitDir, { recursive: true });
    await removeStaleLocks(gitDir);
    const git = new GitCli({
      homeDir,
      identity: author,
      defaultBranch: branch,
      logger: options.logger,
    });
    await git.run(['init', '--bare', '--quiet', gitDir]);
    return new StateRepository(gitDir, homeDir, remote, basePath, options);
  }

  /**
   * Fetches the branch and returns the files below `state/` and `manifests/` at
   * its head, by path relative to the base path, with that head.
   */
  read(): Promise<StateSnapshot> {
    return this.exclusive(async ({ git, remote }) => {
      const head = (await remote.fetchHead()) ?? null;
      const result = new Map<string, string>();
      const undecodable = new Set<string>();
      this.others = [];
      if (!head) {
        return { head, files: result, undecodable };
      }
      const tree = await readTreeFiles({
        git,
        gitDir: this.gitDir,
        commit: head,
        folders: this.folders(),
      });
      this.others = tree.others;
      const prefix = this.basePath ? `${this.basePath}/` : '';
      for (const [path, content] of tree.files) {
        result.set(path.slice(prefix.length), content);
        if (tree.undecodable.has(path)) {
          undecodable.add(path.slice(prefix.length));
        }
      }
      return { head, files: result, undecodable };
    });
  }

  /**
   * Makes the files below `state/` and `manifests/` exactly `files` (paths
   * relative to the base path) in one commit on `parent`, the head they were
   * computed from, and pushes it. Makes no commit when nothing changes.
   * `previous` is what {@link StateRepository.read} returned at `parent`: only
   * the difference goes to git, so a commit costs what changed.
   *
   * @throws StateMovedError when the branch is no longer at `parent`: another
   *   writer's commit is never overwritten with files computed before it
   * @throws ServiceUnavailableError when the remote cannot be fetched or refuses the push
   */
  async write(request: {
    files: ReadonlyMap<string, string>;
    message: CommitMessage;
    parent: string | null;
    previous: ReadonlyMap<string, string>;
  }): Promise<StateWriteResult> {
    validateStatePaths(request.files.keys());
    const full = (path: string) =>
      this.basePath ? `${this.basePath}/${path}` : path;
    // A file read as it was is not written at all: one that is not UTF-8
    // keeps its bytes.
    const changed = new Map<string, string>();
    for (const [path, content] of request.files) {
      if (request.previous.get(path) !== content) {
        changed.set(full(path), content);
      }
    }
    const deleted = [
      ...[...request.previous.keys()]
        .filter(path => !request.files.has(path))
        .map(full),
      ...this.others,
    ];
    const changes = changed.size > 0 || deleted.length > 0;
    let message = '';
    if (changes) {
      message =
        typeof request.message === 'function'
          ? request.message()
          : request.message;
    }
    if (changes && !message.trim()) {
      throw new InputError('A state repository commit needs a message');
    }
    return this.exclusive(session =>
      this.commitAndPush(
        session,
        { changed, deleted },
        message,
        request.parent,
      ),
    );
  }

  /**
   * Reads the branch, computes the change from what it holds and writes it on
   * that head. When another writer moved the branch meanwhile, reads again and
   * computes again from the new head, with backoff, up to `maxAttempts` times:
   * what others committed is merged, never overwritten.
   *
   * @throws ConflictError when the branch kept moving through every attempt
   */
  async update<T>(
    compute: (snapshot: StateSnapshot) => Promise<StateChange<T>>,
    options: { signal?: AbortSignal } = {},
  ): Promise<StateUpdateResult<T>> {
    const maxAttempts = this.options.maxAttempts ?? 5;
    const { logger, branch } = this.options;
    for (let attempt = 1; ; attempt++) {
      const snapshot = await this.read();
      const change = await compute(snapshot);
      options.signal?.throwIfAborted();
      try {
        const result = await this.write({
          ...change,
          parent: snapshot.head,
          previous: snapshot.files,
        });
        return { ...result, value: change.value, attempts: attempt };
      } catch (error) {
        if (!(error instanceof StateMovedError)) throw error;
        if (attempt >= maxAttempts) {
          throw new ConflictError(
            `Could not write the state to branch ${branch} of the state repository: other writers moved it during each of ${attempt} attempts`,
          );
        }
        logger.warn(
          `${error.message}; reading it again (attempt ${
            attempt + 1
          } of ${maxAttempts})`,
        );
        await sleep(this.retryDelay(attempt));
      }
    }
  }

  private async commitAndPush(
    { git, remote }: Session,
    files: FileChanges,
    message: string,
    parent: string | null,
  ): Promise<StateWriteResult> {
    const { logger, branch } = this.options;
    const head = (await remote.fetchHead()) ?? null;
    if (head !== parent) {
      throw new StateMovedError(branch, parent, head);
    }
    if (files.changed.size === 0 && files.deleted.length === 0) {
      return { committed: false };
    }
    const commit = await this.commitOnto(
      git,
      head ?? undefined,
      files,
      message,
    );
    if (!commit) {
      return { committed: false };
    }
    const rejection = await remote.push(commit);
    const remoteHead = rejection ? (await remote.fetchHead()) ?? null : commit;
    // A push reported as failed may still have landed (a connection lost after the update).
    if (remoteHead === commit) {
      logger.info(
        `Pushed state commit ${commit} to ${remote.displayUrl} branch ${branch}`,
      );
      return { committed: true, commit };
    }
    if (remoteHead === head) {
      throw remote.pushFailure(rejection as GitCommandError);
    }
    throw new StateMovedError(branch, head, remoteHead);
  }

  /** Builds the commit; undefined when its tree equals the parent's. */
  private async commitOnto(
    git: GitCli,
    parent: string | undefined,
    files: FileChanges,
    message: string,
  ): Promise<string | undefined> {
    const gitDir = this.gitDir;
    await git.run(['fast-import', '--quiet', '--force', '--done'], {
      gitDir,
      input: buildFastImportStream({
        ref: PENDING_REF,
        parent,
        deleted: files.deleted,
        changed: files.changed,
        message,
        identity: this.options.author,
        date: new Date(),
      }),
    });
    const tree = await git.text(['rev-parse', `${PENDING_REF}^{tree}`], {
      gitDir,
    });
    const parentTree = parent
      ? await git.text(['rev-parse', `${parent}^{tree}`], { gitDir })
      : await git.text(['hash-object', '-t', 'tree', '--stdin'], {
          gitDir,
          input: '',
        });
    if (tree === parentTree) {
      return undefined;
    }
    return git.text(['rev-parse', PENDING_REF], { gitDir });
  }

  private folders(): string[] {
    return STATE_FOLDERS.map(f =>
      this.basePath ? `${this.basePath}/${f}` : f,
    );
  }

  private retryDelay(attempt: number): number {
    const base = (this.options.retryDelayMs ?? 500) * 2 ** (attempt - 1);
    // Jitter keeps two replicas that lost the same race from colliding again.
    return base + Math.floor(Math.random() * base * 0.5);
  }

  /** Runs one operation at a time: they share the clone's refs. */
  private exclusive<T>(
    operation: (session: Session) => Promise<T>,
  ): Promise<T> {
    const run = this.queue.then(async () => {
      // Nothing else of ours runs now, so any lock file is left by a killed git.
      await removeStaleLocks(this.gitDir);
      return operation(await this.session());
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Git with the current credentials, and the remote reached through it. */
  private async session(): Promise<Session> {
    const { credentials, author, branch, logger } = this.options;
    const remote =
      typeof credentials === 'function'
        ? {
            ...this.remote,
            credentials: (await credentials()) ?? this.remote.credentials,
          }
        : this.remote;
    const git = StateRemote.createGit({
      remote,
      homeDir: this.homeDir,
      identity: author,
      branch,
      logger,
    });
    return {
      git,
      remote: new StateRemote({
        git,
        gitDir: this.gitDir,
        remote,
        branch,
        trackingRef: REMOTE_REF,
        timeoutMs: this.options.networkTimeoutMs ?? 120_000,
      }),
    };
  }
}

interface Session {
  git: GitCli;
  remote: StateRemote;
}

/** What a commit changes: files written, by full path, and paths deleted. */
interface FileChanges {
  changed: ReadonlyMap<string, string>;
  deleted: readonly string[];
}

function sleep(ms: number): Promise<void> {
  return new Promise(resolve => setTimeout(resolve, ms));
}
