import { InputError } from '@backstage/errors';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { GitCli, GitIdentity } from './GitCli';
import { GitCommandError } from './GitCommandError';

/** The identity of the initial commit when none is given. */
const DEFAULT_IDENTITY: GitIdentity = {
  name: 'Image Factory',
  email: 'image-factory@backstage.local',
};

/**
 * Creates the embedded default state repository: a bare repository at `path`
 * whose `branch` starts with one empty commit. Does nothing to a repository that
 * already has the branch; adds the initial commit to one that lacks it.
 *
 * @param path - folder of the bare repository; created when missing
 * @param branch - the branch the state is written to
 * @param author - identity of the initial commit
 * @returns whether anything was created
 * @throws InputError when `path` is a non-empty folder that is not a git repository
 * @public
 */
export async function ensureLocalBareRepository(
  path: string,
  branch: string,
  author: GitIdentity = DEFAULT_IDENTITY,
): Promise<{ created: boolean }> {
  const gitDir = resolve(path);
  const isRepository = existsSync(join(gitDir, 'HEAD'));
  if (!isRepository && existsSync(gitDir) && (await readdir(gitDir)).length) {
    throw new InputError(
      `Cannot create the state repository in ${gitDir}: the folder is not empty and not a git repository`,
    );
  }
  const homeDir = await mkdtemp(join(tmpdir(), 'image-factory-git-'));
  try {
    const git = new GitCli({
      homeDir,
      identity: author,
      defaultBranch: branch,
    });
    const ref = `refs/heads/${branch}`;
    if (isRepository) {
      const existing = await git
        .text(['rev-parse', '--verify', '--quiet', ref], { gitDir })
        .catch(() => '');
      if (existing) {
        return { created: false };
      }
    } else {
      await mkdir(gitDir, { recursive: true });
      await git.run(['init', '--bare', '--quiet', gitDir]);
    }
    const emptyTree = await git.text(
      ['hash-object', '-t', 'tree', '-w', '--stdin'],
      { gitDir, input: '' },
    );
    const commit = await git.text(
      [
        'commit-tree',
        emptyTree,
        '-m',
        'Create the Image Factory state repository',
      ],
      { gitDir },
    );
    try {
      // The empty old value makes the update fail if someone created the branch meanwhile.
      await git.run(['update-ref', ref, commit, ''], { gitDir });
    } catch (error) {
      if (error instanceof GitCommandError) return { created: !isRepository };
      throw error;
    }
    return { created: true };
  } finally {
    await rm(homeDir, { recursive: true, force: true });
  }
}
