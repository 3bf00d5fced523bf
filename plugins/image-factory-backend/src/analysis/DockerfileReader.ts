import {
  UrlReaderService,
  UrlReaderServiceReadUrlResponse,
} from '@backstage/backend-plugin-api';
import { isError, NotModifiedError } from '@backstage/errors';
import { addAbortSignal } from 'node:stream';
import { fileFormOfFolder } from './fileFormOfFolder';
import { readStreamAtMost } from './readAtMost';
import { readDockerfileFromDisk } from './readDockerfileFromDisk';
import { decodeDockerfile, failed } from './readResult';

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
        return await readDockerfileFromDisk(location, this.maxBytes);
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
      return decodeDockerfile(body, this.maxBytes, response.etag);
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

function withTrailingSlash(url: string) {
  return url.endsWith('/') ? url : `${url}/`;
}
