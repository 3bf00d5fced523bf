import { GitCli } from './GitCli';

/**
 * Reads every regular file below the given folders of a commit, in two git
 * processes whatever the number of files (`ls-tree`, then `cat-file --batch`).
 *
 * A file whose bytes are not UTF-8 is never decoded with replacement
 * characters (which a parser could accept and a writer would re-encode): its
 * text has one character per byte (Latin-1), so it maps back to the exact
 * bytes, and its path is in `undecodable`.
 *
 * @returns file contents by full path in the repository, and the paths of the
 *   entries that are not regular files (symlinks, submodules), which are not
 *   state files
 */
export async function readTreeFiles(options: {
  git: GitCli;
  gitDir: string;
  commit: string;
  folders: readonly string[];
}): Promise<{
  files: Map<string, string>;
  undecodable: Set<string>;
  others: string[];
}> {
  const { git, gitDir, commit, folders } = options;
  const listing = await git.run(
    ['ls-tree', '-r', '-z', '--full-tree', commit, '--', ...folders],
    { gitDir },
  );
  const entries: Array<{ path: string; object: string }> = [];
  const others: string[] = [];
  for (const line of listing.toString('utf8').split('\0')) {
    if (!line) continue;
    const tab = line.indexOf('\t');
    const [mode, type, object] = line.slice(0, tab).split(' ');
    // Symlinks and submodules are not state files.
    if (type === 'blob' && (mode === '100644' || mode === '100755')) {
      entries.push({ path: line.slice(tab + 1), object });
    } else {
      others.push(line.slice(tab + 1));
    }
  }
  const files = new Map<string, string>();
  const undecodable = new Set<string>();
  if (entries.length === 0) {
    return { files, undecodable, others };
  }
  const output = await git.run(['cat-file', '--batch'], {
    gitDir,
    input: `${entries.map(e => e.object).join('\n')}\n`,
  });
  // `ignoreBOM` keeps a byte order mark in the text, as Buffer#toString does.
  const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  let offset = 0;
  for (const entry of entries) {
    const headerEnd = output.indexOf(0x0a, offset);
    const header = output.subarray(offset, headerEnd).toString('utf8');
    const size = Number(header.split(' ')[2]);
    if (!header.startsWith(entry.object) || !Number.isInteger(size)) {
      throw new Error(`Unexpected git cat-file output for ${entry.path}`);
    }
    const start = headerEnd + 1;
    const bytes = output.subarray(start, start + size);
    try {
      files.set(entry.path, utf8.decode(bytes));
    } catch {
      files.set(entry.path, bytes.toString('latin1'));
      undecodable.add(entry.path);
    }
    offset = start + size + 1;
  }
  return { files, undecodable, others };
}
