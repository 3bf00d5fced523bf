import { fork } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A loopback HTTP host serving the fleet's Dockerfiles, as a Git host's raw files. */
export interface SourceHost {
  /** `127.0.0.1:<port>`, for `backend.reading.allow`. */
  host: string;
  /** The `url:` source location of service `name`. */
  sourceLocation(name: string): string;
  /** Serves these Dockerfiles (service name to text), replacing any before. */
  serve(files: ReadonlyMap<string, string>): Promise<void>;
  /** Requests answered with a body, and with 304 Not Modified, since the last reset. */
  counts(): Promise<Counts>;
  resetCounts(): Promise<void>;
  stop(): Promise<void>;
}

interface Counts {
  read: number;
  notModified: number;
}

type Request =
  | { op: 'serve'; files: [string, string][] }
  | { op: 'counts' | 'reset' };

/** Each request's answer: the counts as they are after it. */
type Reply = { id: number; counts: Counts } | { port: number };

/**
 * Starts the host in a process of its own, as a Git host is: the measured
 * process pays for its side of each request only, and the answers come from
 * the other core.
 */
export async function startSourceHost(): Promise<SourceHost> {
  const child = fork(__filename, ['serve'], {
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const waiting = new Map<number, (counts: Counts) => void>();
  let nextId = 0;
  const port = await new Promise<number>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', code =>
      reject(new Error(`the source host exited (${code}) before listening`)),
    );
    child.on('message', (reply: Reply) => {
      if ('port' in reply) resolve(reply.port);
      else waiting.get(reply.id)?.(reply.counts);
    });
  });
  const ask = (request: Request) =>
    new Promise<Counts>(resolve => {
      const id = nextId++;
      waiting.set(id, counts => {
        waiting.delete(id);
        resolve(counts);
      });
      child.send({ ...request, id });
    });
  const host = `127.0.0.1:${port}`;
  return {
    host,
    sourceLocation: name => `url:http://${host}/${name}/`,
    serve: async files => {
      await ask({ op: 'serve', files: [...files] });
    },
    counts: () => ask({ op: 'counts' }),
    resetCounts: async () => {
      await ask({ op: 'reset' });
    },
    stop: () =>
      new Promise(resolve => {
        child.removeAllListeners('exit');
        child.once('exit', () => resolve());
        child.kill();
      }),
  };
}

/**
 * Serves `/<name>/Dockerfile` with a strong ETag and answers a matching
 * `If-None-Match` with 304, as GitHub's and GitLab's raw file endpoints do, so
 * the backend reads the fleet through its real URL reader, conditionally.
 */
function serveFiles(): void {
  const files = new Map<string, { body: string; etag: string }>();
  const counts: Counts = { read: 0, notModified: 0 };
  const server = createServer((req, res) => {
    const name = /^\/([^/]+)\/Dockerfile$/.exec(req.url ?? '')?.[1];
    const file = name === undefined ? undefined : files.get(name);
    if (!file) {
      res.writeHead(404).end();
      return;
    }
    if (req.headers['if-none-match'] === file.etag) {
      counts.notModified += 1;
      res.writeHead(304, { etag: file.etag }).end();
      return;
    }
    counts.read += 1;
    res
      .writeHead(200, { etag: file.etag, 'content-type': 'text/plain' })
      .end(file.body);
  });
  process.on('message', (request: Request & { id: number }) => {
    if (request.op === 'serve') {
      files.clear();
      for (const [name, body] of request.files) {
        const hash = createHash('sha256').update(body).digest('hex');
        files.set(name, { body, etag: `"${hash.slice(0, 32)}"` });
      }
    } else if (request.op === 'reset') {
      counts.read = 0;
      counts.notModified = 0;
    }
    process.send!({ id: request.id, counts: { ...counts } });
  });
  // The parent's end of the channel closing is the signal to stop.
  process.on('disconnect', () => process.exit(0));
  server.listen(0, '127.0.0.1', () =>
    process.send!({ port: (server.address() as AddressInfo).port }),
  );
}

if (require.main === module && process.argv[2] === 'serve') {
  serveFiles();
}
