import {
  UrlReaderService,
  UrlReaderServiceReadUrlResponse,
} from '@backstage/backend-plugin-api';
import { isError, NotModifiedError } from '@backstage/errors';
import { constants, promises as fs } from 'node:fs';
import path from 'node:path';
import { addAbortSignal } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { fileFormOfFolder } from './fileFormOfFolder';
import { readHandleAtMost, readStreamAtMost } from './readAtMost';

/** What {@link DockerfileReader.read} found. */
export type DockerfileReadResult =
  | { status: 'read'; content: string; etag?: string }
  /** The ETag still matches: the caller's cached analysis holds. */
  | { status: 'unchanged'; etag: string }
  | { status: 'failed'; error: string };

/** Where to read a Dockerfile from. */
export interface DockerfileLocation {
  /** `url:https://…/` or `file:/abs/folder/`: where the source lives. */
  sourceLocation: string;
  /** Path of the Dockerfile relative to the source location. */
  dockerfile: string;
  /**
   * `file:/abs/folder/`, the folder of the entity's own catalog file, given only
   * when the entity was registered from a `file:` location. A `file:` source
   * location is read only then, and only below this folder: an annotation on an
   * entity from anywhere else cannot make the backend read its disk.
   */
  entityFolder?: string;
  /** ETag of the previous read, so an unchanged file is not read again. */
  etag?: string;
}

/** Options for {@link DockerfileReader.create}. */
export interface DockerfileReaderOptions {
  urlReader: UrlReaderService;
  /** Larger files are refused; no more than one byte past this is ever read. */
  maxBytes?: number;
  /** A `url:` read, request and body, that takes longer fails. Default 30 s. */
  timeoutMs?: number;
}

const DEFAULT_MAX_BYTES = 1024 * 1024;
const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * Reads Dockerfiles through Backstage's UrlReaderService for `url:` locations (with
 * the ETag, so unchanged files cost one conditional request) and from disk for `file:`
 * locations below the entity's own folder.
 */
export class DockerfileReader {
  private constructor(
    private readonly urlReader: UrlReaderService,
    private readonly maxBytes: number,
    private readonly timeoutMs: number,
  ) {}

  static create(options: DockerfileReaderOptions): DockerfileReader {
    return new DockerfileReader(
      options.urlReader,
      options.maxBytes ?? DEFAULT_MAX_BYTES,
      options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    );
  }

  /** Reads one Dockerfile; never throws: failures come back as `failed`. */
  async read(location: DockerfileLocation): Promise<DockerfileReadResult> {
    try {
      if (location.sourceLocation.startsWith('url:')) {
        return await this.readUrl(location);
      }
      if (location.sourceLocation.startsWith('file:')) {
        return await this.readFile(location);
      }
      return failed(
        `unsupported source location "${location.sourceLocation}": expected url: or file:`,
      );
    } catch (error) {
      return failed(isError(error) ? error.message : String(error));
    }
  }

  private async readUrl(
    location: DockerfileLocation,
  ): Promise<DockerfileReadResult> {
    const base = fileFormOfFolder(
      withTrailingSlash(location.sourceLocation.slice('url:'.length)),
    );
    const target = new URL(location.dockerfile, base);
    if (!target.href.startsWith(base)) {
      return failed(
        `Dockerfile path "${location.dockerfile}" leaves the source location ${base}`,
      );
    }
    const controller = new AbortController();
    const { signal } = controller;
    const timer = setTimeout(() => controller.abort(), this.timeoutMs);
    try {
      // Raced as well as signalled: a reader that ignores the signal still
      // cannot hold a run up.
      const response = await untilAborted(
        this.urlReader.readUrl(target.href, { etag: location.etag, signal }),
        signal,
      );
      const body = await untilAborted(
        readResponseAtMost(response, this.maxBytes, signal),
        signal,
      );
      return this.decode(body, response.etag);
    } catch (error) {
      if (signal.aborted) {
        return failed(
          `Reading the Dockerfile timed out after ${this.timeoutMs} ms`,
        );
      }
      if (isError(error) && error.name === NotModifiedError.name) {
        return { status: 'unchanged', etag: location.etag! };
      }
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  // Every failure names the Dockerfile as the annotation does, never by its
  // absolute path, and anything outside the folder reads as missing: no answer
  // tells what exists elsewhere on the backend's disk.
  private async readFile(
    location: DockerfileLocation,
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
      return await this.readRegularFile(real, name, location.etag);
    } catch (error) {
      // Node's fs errors carry the absolute path; the code alone says enough.
      const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
      return failed(
        `Dockerfile ${name} could not be read from the entity's folder (${code})`,
      );
    }
  }

  /** Reads `real`, a path without symbolic links, if it is a regular file. */
  private async readRegularFile(
    real: string,
    name: string,
    previousEtag: string | undefined,
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
    if (checked.size > this.maxBytes) {
      return failed(tooLarge(this.maxBytes, checked.size));
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
      return this.decode(await readHandleAtMost(handle, this.maxBytes), etag);
    } finally {
      await handle.close();
    }
  }

  private decode(buffer: Buffer, etag?: string): DockerfileReadResult {
    if (buffer.length > this.maxBytes) {
      return failed(tooLarge(this.maxBytes));
    }
    return { status: 'read', content: buffer.toString('utf8'), etag };
  }
}

function readResponseAtMost(
  response: UrlReaderServiceReadUrlResponse,
  maxBytes: number,
  signal: AbortSignal,
): Promise<Buffer> {
  if (response.stream) {
    return readStreamAtMost(
      addAbortSignal(signal, response.stream()),
      maxBytes,
    );
  }
  // Readers without a stream buffer the whole body; the timeout bounds it.
  return response.buffer();
}

/** `promise`, or a rejection as soon as `signal` aborts. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    if (signal.aborted) {
      onAbort();
      return;
    }
    signal.addEventListener('abort', onAbort, { once: true });
    promise
      .then(resolve, reject)
      .finally(() => signal.removeEventListener('abort', onAbort));
  });
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

function failed(error: string): DockerfileReadResult {
  return { status: 'failed', error };
}

function tooLarge(max: number, size?: number) {
  return size === undefined
    ? `Dockerfile is more than the limit of ${max} bytes`
    : `Dockerfile is ${size} bytes, more than the limit of ${max} bytes`;
}

function withTrailingSlash(url: string) {
  return url.endsWith('/') ? url : `${url}/`;
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
