import { UrlReaderService } from '@backstage/backend-plugin-api';
import { isError, NotModifiedError } from '@backstage/errors';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

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
   * For `file:` locations, the folder of the entity's own catalog file: reads never
   * leave it, so an annotation cannot make the backend read arbitrary files.
   */
  entityFolder?: string;
  /** ETag of the previous read, so an unchanged file is not read again. */
  etag?: string;
}

/** Options for {@link DockerfileReader.create}. */
export interface DockerfileReaderOptions {
  urlReader: UrlReaderService;
  /** Larger files are refused before they are parsed. */
  maxBytes?: number;
}

const DEFAULT_MAX_BYTES = 1024 * 1024;

/**
 * Reads Dockerfiles through Backstage's UrlReaderService for `url:` locations (with
 * the ETag, so unchanged files cost one conditional request) and from disk for `file:`
 * locations below the entity's own folder.
 */
export class DockerfileReader {
  private constructor(
    private readonly urlReader: UrlReaderService,
    private readonly maxBytes: number,
  ) {}

  static create(options: DockerfileReaderOptions): DockerfileReader {
    return new DockerfileReader(
      options.urlReader,
      options.maxBytes ?? DEFAULT_MAX_BYTES,
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
    const base = withTrailingSlash(
      location.sourceLocation.slice('url:'.length),
    );
    const target = new URL(location.dockerfile, base);
    if (!target.href.startsWith(base)) {
      return failed(
        `Dockerfile path "${location.dockerfile}" leaves the source location ${base}`,
      );
    }
    try {
      const response = await this.urlReader.readUrl(target.href, {
        etag: location.etag,
      });
      const buffer = await response.buffer();
      return this.decode(buffer, response.etag);
    } catch (error) {
      if (isError(error) && error.name === NotModifiedError.name) {
        return { status: 'unchanged', etag: location.etag! };
      }
      throw error;
    }
  }

  private async readFile(
    location: DockerfileLocation,
  ): Promise<DockerfileReadResult> {
    const folder = fileLocationPath(location.sourceLocation);
    const root = location.entityFolder
      ? fileLocationPath(location.entityFolder)
      : folder;
    const file = path.resolve(folder, location.dockerfile);
    if (!isInside(root, file)) {
      return failed(
        `Dockerfile path "${location.dockerfile}" leaves the entity's folder ${root}`,
      );
    }
    const real = await fs.realpath(file).catch(() => undefined);
    if (!real) {
      return failed(`Dockerfile not found: ${file}`);
    }
    const realRoot = await fs.realpath(root);
    if (!isInside(realRoot, real)) {
      return failed(
        `Dockerfile "${location.dockerfile}" links outside the entity's folder ${root}`,
      );
    }
    const stat = await fs.stat(real);
    if (!stat.isFile()) {
      return failed(`Dockerfile is not a file: ${file}`);
    }
    // Size and modification time stand in for an ETag on disk.
    const etag = `${stat.size}-${stat.mtimeMs}`;
    if (location.etag === etag) {
      return { status: 'unchanged', etag };
    }
    if (stat.size > this.maxBytes) {
      return failed(tooLarge(stat.size, this.maxBytes));
    }
    return this.decode(await fs.readFile(real), etag);
  }

  private decode(buffer: Buffer, etag?: string): DockerfileReadResult {
    if (buffer.length > this.maxBytes) {
      return failed(tooLarge(buffer.length, this.maxBytes));
    }
    return { status: 'read', content: buffer.toString('utf8'), etag };
  }
}

function failed(error: string): DockerfileReadResult {
  return { status: 'failed', error };
}

function tooLarge(size: number, max: number) {
  return `Dockerfile is ${size} bytes, more than the limit of ${max} bytes`;
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
    relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative)
  );
}
