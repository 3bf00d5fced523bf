import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';

async function lockFiles(folder: string, recursive: boolean) {
  try {
    const entries = await readdir(folder, { recursive, withFileTypes: true });
    return entries
      .filter(entry => entry.isFile() && entry.name.endsWith('.lock'))
      .map(entry => join(entry.parentPath, entry.name));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

/**
 * Deletes the `*.lock` files git leaves in a repository when it is killed
 * mid-command (a timeout, a crashed backend): `HEAD.lock`, `packed-refs.lock`,
 * `config.lock`, and those of single refs. Only safe while no git command runs on
 * this repository, which the caller guarantees.
 */
export async function removeStaleLocks(gitDir: string): Promise<void> {
  const locks = [
    ...(await lockFiles(gitDir, false)),
    ...(await lockFiles(join(gitDir, 'refs'), true)),
  ];
  await Promise.all(locks.map(lock => rm(lock, { force: true })));
}
