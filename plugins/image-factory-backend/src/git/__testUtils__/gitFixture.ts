import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/**
 * Real git repositories in a temporary folder for the state repository tests: a
 * bare "remote", and helpers that act as another writer and inspect the remote.
 */
export class GitFixture {
  readonly root: string;
  readonly remote: string;
  private readonly home: string;

  constructor() {
    this.root = mkdtempSync(join(tmpdir(), 'image-factory-git-test-'));
    this.remote = join(this.root, 'remote.git');
    this.home = join(this.root, 'test-home');
    mkdirSync(this.home);
  }

  /** A fresh folder for a StateRepository's working clone. */
  workDir(name: string): string {
    return join(this.root, 'work', name);
  }

  /** Runs git the way a person would, isolated from the machine's configuration. */
  git(args: string[], cwd: string = this.root): string {
    return execFileSync(
      'git',
      [
        '-c',
        'user.name=Other Writer',
        '-c',
        'user.email=other@example.com',
        ...args,
      ],
      { cwd, env: this.env(), encoding: 'utf8' },
    ).trim();
  }

  /** The environment of the fixture's own git commands. */
  env(): NodeJS.ProcessEnv {
    return {
      PATH: process.env.PATH,
      HOME: this.home,
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_CONFIG_GLOBAL: '/dev/null',
      LC_ALL: 'C',
    };
  }

  /** Files at the head of the remote branch, by path. */
  tree(branch = 'main'): Map<string, string> {
    const listing = this.git([
      '--git-dir',
      this.remote,
      'ls-tree',
      '-r',
      '--name-only',
      branch,
    ]);
    const files = new Map<string, string>();
    for (const path of listing.split('\n').filter(Boolean)) {
      files.set(
        path,
        this.git(['--git-dir', this.remote, 'show', `${branch}:${path}`]),
      );
    }
    return files;
  }

  /** Commit ids on the remote branch, newest first. */
  commits(branch = 'main'): string[] {
    return this.git(['--git-dir', this.remote, 'rev-list', branch])
      .split('\n')
      .filter(Boolean);
  }

  /** A field of a commit, in `git log --format` syntax, e.g. `%an <%ae>`. */
  show(format: string, commit = 'main'): string {
    return this.git([
      '--git-dir',
      this.remote,
      'log',
      '-1',
      `--format=${format}`,
      commit,
    ]);
  }

  /** Clones the remote as another writer would. */
  clone(name: string): string {
    const dir = join(this.root, 'clones', name);
    mkdirSync(dirname(dir), { recursive: true });
    this.git(['clone', '--quiet', this.remote, dir]);
    return dir;
  }

  /** In a clone: brings it to the remote head, applies changes, commits and pushes. */
  pushFrom(
    clone: string,
    changes: Record<string, string | Buffer | null>,
    message: string,
  ): string {
    this.git(['fetch', '--quiet', 'origin'], clone);
    this.git(['reset', '--quiet', '--hard', 'origin/main'], clone);
    for (const [path, content] of Object.entries(changes)) {
      const file = join(clone, path);
      if (content === null) {
        rmSync(file);
      } else {
        mkdirSync(dirname(file), { recursive: true });
        writeFileSync(file, content);
      }
    }
    this.git(['add', '-A'], clone);
    this.git(['commit', '--quiet', '-m', message], clone);
    this.git(['push', '--quiet', 'origin', 'HEAD:main'], clone);
    return this.git(['rev-parse', 'HEAD'], clone);
  }

  /**
   * Installs a pre-receive hook on the remote that, during each of the first
   * `races` pushes, lets the other writer's clone push a commit first: the push
   * that triggered it then fails to update the branch, exactly as when two
   * writers race. Each racing commit writes `other/race-<n>.txt` and the files in
   * `overlay`.
   */
  loseRaces(
    clone: string,
    races: number,
    overlay: Record<string, string> = {},
  ): void {
    const overlayDir = join(this.root, 'race-overlay');
    rmSync(overlayDir, { recursive: true, force: true });
    mkdirSync(overlayDir, { recursive: true });
    for (const [path, content] of Object.entries(overlay)) {
      mkdirSync(dirname(join(overlayDir, path)), { recursive: true });
      writeFileSync(join(overlayDir, path), content);
    }
    const race = join(this.root, 'race.sh');
    writeFileSync(
      race,
      `set -e
cd '${clone}'
git fetch -q origin
git reset -q --hard origin/main
cp -R '${overlayDir}/.' .
mkdir -p other
echo "race $n" > "other/race-$n.txt"
git add -A
git -c user.name=Other -c user.email=other@example.com commit -q -m "other writer $n"
git push -q origin HEAD:main
`,
    );
    const counter = join(this.root, 'race-count');
    this.hook(`#!/bin/sh
# The nested push in race.sh runs this hook again: let it through.
[ -n "$RACING" ] && exit 0
n=$(( $(cat '${counter}' 2>/dev/null || echo 0) + 1 ))
echo "$n" > '${counter}'
[ "$n" -gt ${races} ] && exit 0
# A clean environment: this hook runs inside the receiving git, whose variables
# (GIT_DIR, the object quarantine) would redirect the other writer's commands.
exec env -i PATH="$PATH" HOME='${this.home}' GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null RACING=1 n="$n" sh '${race}' >&2
`);
  }

  /** How many pushes the race hook has seen. */
  racesSeen(): number {
    try {
      return Number(readFileSync(join(this.root, 'race-count'), 'utf8'));
    } catch {
      return 0;
    }
  }

  /** Installs a pre-receive hook that refuses every push. */
  refusePushes(message: string): void {
    this.hook(`#!/bin/sh\necho '${message}' >&2\nexit 1\n`);
  }

  /** Removes the remote's pre-receive hook. */
  removeHook(): void {
    rmSync(join(this.remote, 'hooks', 'pre-receive'), { force: true });
  }

  /** Deletes all the fixture's folders. */
  cleanup(): void {
    rmSync(this.root, { recursive: true, force: true });
  }

  private hook(script: string): void {
    const file = join(this.remote, 'hooks', 'pre-receive');
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, script);
    chmodSync(file, 0o755);
  }
}
