import { open } from 'node:fs/promises';
import { DOCKERFILE_MAX_BYTES } from '@image-factory/backstage-plugin-image-factory-common';
import { EXIT_FAILED, EXIT_USAGE } from '../exitCodes';

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

/**
 * Reads a Dockerfile as UTF-8, refusing files over the analysis size limit
 * before reading them.
 */
export async function readDockerfileFile(path: string): Promise<FileText> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    return { ok: false, status: EXIT_USAGE, error: describeError(error) };
  }
  try {
    const stats = await handle.stat();
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
    return { ok: true, text: await handle.readFile('utf8') };
  } catch (error) {
    return { ok: false, status: EXIT_USAGE, error: describeError(error) };
  } finally {
    await handle.close();
  }
}
