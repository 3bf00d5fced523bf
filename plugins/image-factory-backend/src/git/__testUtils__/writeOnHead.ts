import { StateRepository } from '../StateRepository';

/** Test support: writes `files` on the head the branch has now. */
export async function writeOnHead(
  repo: StateRepository,
  request: { files: ReadonlyMap<string, string>; message: string },
) {
  const { head, files } = await repo.read();
  return repo.write({ ...request, parent: head, previous: files });
}

/** Test support: the state files at the branch head. */
export async function readFiles(repo: StateRepository) {
  return (await repo.read()).files;
}
