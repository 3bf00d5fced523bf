import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A loopback HTTP host serving the fleet's Dockerfiles, as a Git host's raw files. */
export interface SourceHost {
  /** `127.0.0.1:<port>`, for `backend.reading.allow`. */
  host: string;
  /** The `url:` source location of service `name`. */
  sourceLocation(name: string): string;
  /** Sets (or replaces) the Dockerfile of service `name`. */
  put(name: string, dockerfile: string): void;
  /** Requests answered with a body, and with 304 Not Modified, since the last reset. */
  counts(): { read: number; notModified: number };
  resetCounts(): void;
  stop(): Promise<void>;
}

/**
 * Serves `/<name>/Dockerfile` with a strong ETag and answers a matching
 * `If-None-Match` with 304, as GitHub's and GitLab's raw file endpoints do, so
 * the backend reads the fleet through its real URL reader, conditionally.
 */
export async function startSourceHost(): Promise<SourceHost> {
  const files = new Map<string, { body: string; etag: string }>();
  let read = 0;
  let notModified = 0;
  const server: Server = createServer((req, res) => {
    const name = /^\/([^/]+)\/Dockerfile$/.exec(req.url ?? '')?.[1];
    const file = name === undefined ? undefined : files.get(name);
    if (!file) {
      res.writeHead(404).end();
      return;
    }
    if (req.headers['if-none-match'] === file.etag) {
      notModified += 1;
      res.writeHead(304, { etag: file.etag }).end();
      return;
    }
    read += 1;
    res
      .writeHead(200, { etag: file.etag, 'content-type': 'text/plain' })
      .end(file.body);
  });
  await new Promise<void>(resolve =>
    server.listen(0, '127.0.0.1', () => resolve()),
  );
  const host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    host,
    sourceLocation: name => `url:http://${host}/${name}/`,
    put(name, body) {
      const hash = createHash('sha256').update(body).digest('hex');
      files.set(name, { body, etag: `"${hash.slice(0, 32)}"` });
    },
    counts: () => ({ read, notModified }),
    resetCounts() {
      read = 0;
      notModified = 0;
    },
    stop: () =>
      new Promise((resolve, reject) =>
        server.close(error => (error ? reject(error) : resolve())),
      ),
  };
}
