import { GitIdentity } from './GitCli';

/** Input of {@link buildFastImportStream}. */
export interface FastImportCommit {
  /** The ref that `git fast-import` sets to the new commit. */
  ref: string;
  /** The parent commit; absent for the first commit of a branch. */
  parent?: string;
  /** Folders (full paths in the repository) whose whole content is replaced. */
  replacedFolders: readonly string[];
  /** The desired files, by full path in the repository: text (written as UTF-8) or bytes. */
  files: ReadonlyMap<string, string | Buffer>;
  message: string;
  identity: GitIdentity;
  /** Commit time. */
  date: Date;
}

function data(content: Buffer): Buffer[] {
  return [Buffer.from(`data ${content.length}\n`), content, Buffer.from('\n')];
}

/**
 * Renders the input of `git fast-import` for one commit that starts from its
 * parent's tree, empties the replaced folders and writes the desired files. The
 * tree outside those folders is the parent's, untouched: that is what keeps other
 * writers' files when a write is re-applied on a newer remote head.
 */
export function buildFastImportStream(commit: FastImportCommit): Buffer {
  const who = `${commit.identity.name} <${commit.identity.email}> ${Math.floor(
    commit.date.getTime() / 1000,
  )} +0000`;
  const parts: Buffer[] = [
    Buffer.from(`commit ${commit.ref}\n`),
    Buffer.from(`author ${who}\ncommitter ${who}\n`),
    ...data(Buffer.from(commit.message, 'utf8')),
  ];
  // Without `from`, the first commit of a branch in a stream has no parent,
  // whatever the ref held before: a new history for a branch the remote lacks.
  if (commit.parent) {
    parts.push(Buffer.from(`from ${commit.parent}\n`));
  }
  for (const folder of commit.replacedFolders) {
    parts.push(Buffer.from(`D ${folder}\n`));
  }
  const paths = [...commit.files.keys()].sort();
  for (const path of paths) {
    parts.push(Buffer.from(`M 100644 inline ${path}\n`));
    const content = commit.files.get(path) ?? '';
    parts.push(
      ...data(
        typeof content === 'string' ? Buffer.from(content, 'utf8') : content,
      ),
    );
  }
  parts.push(Buffer.from('\ndone\n'));
  return Buffer.concat(parts);
}
