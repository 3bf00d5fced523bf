import { GitCli } from './GitCli';

/**
 * Reads every regular file below the given folders of a commit, in two git
 * processes whatever the number of files (`ls-tree`, then `cat-file --batch`).
 *
 * @returns file contents by full path in the repository
 */
export async function readTreeFiles(options: {
  git: GitCli;
  gitDir: string;
  commit: string;
  folders: readonly string[];
}): Promise<Map<string, string>> {
  const { git, gitDir, commit, folders } = options;
  const listing = await git.run(
    ['ls-tree', '-r', '-z', '--full-tree', commit, '--', ...folders],
    { gitDir },
  );
  const entries: Array<{ path: string; object: string }> = [];
  for (const line of listing.toString('utf8').split('\0')) {
    if (!line) continue;
    const tab = line.indexOf('\t');
    const [mode, type, object] = line.slice(0, tab).split(' ');
    // Symlinks and submodules are not state files.
    if (type === 'blob' && (mode === '100644' || mode === '100755')) {
      entries.push({ path: line.slice(tab + 1), object });
    }
  }
  const files = new Map<string, string>();
  if (entries.length === 0) {
    return files;
  }
  const output = await git.run(['cat-file', '--batch'], {
    gitDir,
    input: `${entries.map(e => e.object).join('\n')}\n`,
  });
  let offset = 0;
  for (const entry of entries) {
    const headerEnd = output.indexOf(0x0a, offset);
    const header = output.subarray(offset, headerEnd).toString('utf8');
    const size = Number(header.split(' ')[2]);
    if (!header.startsWith(entry.object) || !Number.isInteger(size)) {
      throw new Error(`Unexpected git cat-file output for ${entry.path}`);
    }
    const start = headerEnd + 1;
    files.set(
      entry.path,
      output.subarray(start, start + size).toString('utf8'),
    );
    offset = start + size + 1;
  }
  return files;
}
