import { close, fstat, open, read, readFile } from 'node:fs';
import { promisify } from 'node:util';
import { DOCKERFILE_MAX_BYTES } from '@image-factory/backstage-plugin-image-factory-common/analysis';
import { EXIT_FAILED, EXIT_USAGE } from '../exitCodes';

// The callback API rather than fs/promises: with many files read at once, a
// FileHandle costs more per call (500 files, 32 at a time: about 13 ms against
// 40 ms for the same open, fstat, read and close).
const openFile = promisify(open);
const statFile = promisify(fstat);
const readInto = promisify(read);
const readToEnd = promisify(readFile);
const closeFile = promisify(close);

/** A file's text, or why it could not be read and the exit status that means. */
export type FileText =
  | { ok: true; text: string }
  | { ok: false; status: number; error: string };

function describeError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EISDIR':
      return 'is a directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}

/** The `size` bytes fstat reported, in one read unless the system splits it. */
async function readText(fd: number, size: number): Promise<string> {
  if (size === 0) {
    // Empty, or a file whose size is not known in advance (/proc): to its end.
    return readToEnd(fd, 'utf8');
  }
  const buffer = Buffer.allocUnsafe(size);
  let filled = 0;
  while (filled < size) {
    const { bytesRead } = await readInto(
      fd,
      buffer,
      filled,
      size - filled,
      filled,
    );
    if (bytesRead === 0) {
      break;
    }
    filled += bytesRead;
  }
  return buffer.toString('utf8', 0, filled);
}

/**
 * Reads a Dockerfile as UTF-8, refusing files over the analysis size limit
 * before reading them. The checks need the fstat of the open file, so this is
 * open, fstat, read and close rather than one `readFile`, which would read a
 * FIFO or a device before it could be refused.
 */
export async function readDockerfileFile(path: string): Promise<FileText> {
  let fd: number;
  try {
    fd = await openFile(path, 'r');
  } catch (error) {
    return { ok: false, status: EXIT_USAGE, error: describeError(error) };
  }
  try {
    const stats = await statFile(fd);
    if (!stats.isFile()) {
      return {
        ok: false,
        status: EXIT_USAGE,
        error: stats.isDirectory() ? 'is a directory' : 'is not a regular file',
      };
    }
    if (stats.size > DOCKERFILE_MAX_BYTES) {
      return {
        ok: false,
        status: EXIT_FAILED,
        error: `the Dockerfile is larger than ${DOCKERFILE_MAX_BYTES} bytes`,
      };
    }
    return { ok: true, text: await readText(fd, stats.size) };
  } catch (error) {
    return { ok: false, status: EXIT_USAGE, error: describeError(error) };
  } finally {
    await closeFile(fd);
  }
}
