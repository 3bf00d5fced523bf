import { GitIdentity } from './GitCli';

/** Input of {@link buildFastImportStream}. */
export interface FastImportCommit {
  /** The ref that `git fast-import` sets to the new commit. */
  ref: string;
  /** The parent commit; absent for the first commit of a branch. */
  parent?: string;
  /** Paths (full, in the repository) to delete from the parent's tree. */
  deleted: readonly string[];
  /** Files to write, new or changed, by full path in the repository: text (written as UTF-8) or bytes. */
  changed: ReadonlyMap<string, string | Buffer>;
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
 * parent's tree, deletes the paths given and writes the changed files: the
 * rest of the tree is the parent's, so a commit costs what changed, not the
 * size of the fleet.
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
  for (const path of [...commit.deleted].sort()) {
    parts.push(Buffer.from(`D ${path}\n`));
  }
  const paths = [...commit.changed.keys()].sort();
  for (const path of paths) {
    parts.push(Buffer.from(`M 100644 inline ${path}\n`));
    const content = commit.changed.get(path) ?? '';
    parts.push(
      ...data(
        typeof content === 'string' ? Buffer.from(content, 'utf8') : content,
      ),
    );
  }
  parts.push(Buffer.from('\ndone\n'));
  return Buffer.concat(parts);
}
