import { constants, promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type {
  DockerfileLocation,
  DockerfileReadResult,
} from './DockerfileReader';
import { readHandleAtMost } from './readAtMost';
import { decodeDockerfile, failed, tooLarge } from './readResult';

/**
 * Reads a Dockerfile below a `file:` source location, for an entity whose own
 * folder is `location.entityFolder`. Every failure names the Dockerfile as the
 * annotation does, never by its absolute path, and anything outside the folder
 * reads as missing: no answer tells what exists elsewhere on the backend's disk.
 */
export async function readDockerfileFromDisk(
  location: DockerfileLocation,
  maxBytes: number,
): Promise<DockerfileReadResult> {
  if (!location.entityFolder?.startsWith('file:')) {
    return failed(
      'file: source locations are only read for entities registered from a file: location',
    );
  }
  const name = JSON.stringify(location.dockerfile);
  const root = fileLocationPath(location.entityFolder);
  const file = path.resolve(
    fileLocationPath(location.sourceLocation),
    location.dockerfile,
  );
  if (!isInside(root, file)) {
    return failed(`Dockerfile path ${name} leaves the entity's folder`);
  }
  const real = await realPathInside(root, file);
  if (!real) {
    return failed(`Dockerfile ${name} was not found in the entity's folder`);
  }
  try {
    return await readRegularFile(real, name, location.etag, maxBytes);
  } catch (error) {
    // Node's fs errors carry the absolute path; the code alone says enough.
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    return failed(
      `Dockerfile ${name} could not be read from the entity's folder (${code})`,
    );
  }
}

/** Reads `real`, a path without symbolic links, if it is a regular file. */
async function readRegularFile(
  real: string,
  name: string,
  previousEtag: string | undefined,
  maxBytes: number,
): Promise<DockerfileReadResult> {
  const notRegular = failed(
    `Dockerfile ${name} in the entity's folder is not a regular file`,
  );
  // Checked before opening: opening a FIFO waits for a writer, and opening a
  // device can have effects of its own.
  const checked = await fs.lstat(real);
  if (!checked.isFile()) {
    return notRegular;
  }
  // Size and modification time stand in for an ETag on disk.
  const etag = `${checked.size}-${checked.mtimeMs}`;
  if (previousEtag === etag) {
    return { status: 'unchanged', etag };
  }
  if (checked.size > maxBytes) {
    return failed(tooLarge(maxBytes, checked.size));
  }
  // Should the path have been swapped since lstat, O_NONBLOCK keeps open from
  // waiting on a FIFO, O_NOFOLLOW refuses a link, and fstat tells the rest.
  const handle = await fs.open(
    real,
    constants.O_RDONLY | constants.O_NONBLOCK | (constants.O_NOFOLLOW ?? 0),
  );
  try {
    const opened = await handle.stat();
    if (!opened.isFile()) {
      return notRegular;
    }
    if (opened.dev !== checked.dev || opened.ino !== checked.ino) {
      return failed(`Dockerfile ${name} was replaced while it was read`);
    }
    return decodeDockerfile(
      await readHandleAtMost(handle, maxBytes),
      maxBytes,
      etag,
    );
  } finally {
    await handle.close();
  }
}

/** The real path of `file` when it and every link on the way stay in `root`. */
async function realPathInside(
  root: string,
  file: string,
): Promise<string | undefined> {
  try {
    const [realRoot, real] = await Promise.all([
      fs.realpath(root),
      fs.realpath(file),
    ]);
    return isInside(realRoot, real) ? real : undefined;
  } catch {
    return undefined;
  }
}

function fileLocationPath(location: string): string {
  const target = location.replace(/^file:/, '');
  return target.startsWith('//') ? fileURLToPath(`file:${target}`) : target;
}

function isInside(root: string, file: string) {
  const relative = path.relative(root, file);
  return (
    relative !== '' &&
    relative !== '..' &&
    !relative.startsWith(`..${path.sep}`) &&
    !path.isAbsolute(relative)
  );
}
