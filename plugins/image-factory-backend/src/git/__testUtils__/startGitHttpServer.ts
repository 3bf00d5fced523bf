import { spawn } from 'node:child_process';
import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';

/** A git smart-HTTP server on loopback. */
export interface GitHttpServer {
  /** Base URL, e.g. `http://127.0.0.1:41234`; repositories are below it by folder name. */
  url: string;
  /** Every `Authorization` header received, in order. */
  authorizations: Array<string | undefined>;
  /** Accepts only this password from now on, as when a token is rotated. */
  setPassword(password: string): void;
  close(): Promise<void>;
}

/**
 * Answers one smart-HTTP request with git's own `git http-backend` (a CGI
 * program shipped with git) on the bare repositories below `projectRoot`,
 * streaming both ways: pack data is binary and may be large. Authentication is
 * the caller's: this serves whoever it is handed.
 */
export function serveGitHttpBackend(
  req: IncomingMessage,
  res: ServerResponse,
  options: {
    projectRoot: string;
    /** Who the server says pushed (`REMOTE_USER`), as a web server would after authenticating. */
    remoteUser: string;
    env: NodeJS.ProcessEnv;
  },
): void {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const cgi = spawn('git', ['http-backend'], {
    env: {
      ...options.env,
      GIT_PROJECT_ROOT: options.projectRoot,
      GIT_HTTP_EXPORT_ALL: '1',
      REMOTE_USER: options.remoteUser,
      REMOTE_ADDR: '127.0.0.1',
      REQUEST_METHOD: req.method ?? 'GET',
      PATH_INFO: decodeURIComponent(url.pathname),
      QUERY_STRING: url.search.slice(1),
      CONTENT_TYPE: req.headers['content-type'] ?? '',
      HTTP_CONTENT_ENCODING: req.headers['content-encoding'] ?? '',
      GIT_PROTOCOL: String(req.headers['git-protocol'] ?? ''),
    },
  });
  req.pipe(cgi.stdin);
  let head = Buffer.alloc(0);
  let headersSent = false;
  cgi.stdout.on('data', (chunk: Buffer) => {
    if (headersSent) {
      res.write(chunk);
      return;
    }
    head = Buffer.concat([head, chunk]);
    const end = head.indexOf('\r\n\r\n');
    if (end < 0) return;
    let status = 200;
    for (const line of head.subarray(0, end).toString('latin1').split('\r\n')) {
      const colon = line.indexOf(':');
      const name = line.slice(0, colon).trim();
      const value = line.slice(colon + 1).trim();
      if (name.toLowerCase() === 'status') {
        status = parseInt(value, 10);
      } else {
        res.setHeader(name, value);
      }
    }
    res.statusCode = status;
    headersSent = true;
    res.write(head.subarray(end + 4));
  });
  cgi.on('close', () => res.end());
}

/**
 * Serves the bare repositories in `projectRoot` over HTTP with
 * {@link serveGitHttpBackend}, behind HTTP basic authentication, as GitHub or
 * GitLab would over HTTPS.
 */
export async function startGitHttpServer(options: {
  projectRoot: string;
  username: string;
  password: string;
  env: NodeJS.ProcessEnv;
}): Promise<GitHttpServer> {
  const basic = (password: string) =>
    `Basic ${Buffer.from(`${options.username}:${password}`).toString(
      'base64',
    )}`;
  let expected = basic(options.password);
  const authorizations: Array<string | undefined> = [];

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    authorizations.push(req.headers.authorization);
    if (req.headers.authorization !== expected) {
      res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="git"' });
      res.end('authentication required\n');
      return;
    }
    serveGitHttpBackend(req, res, {
      projectRoot: options.projectRoot,
      remoteUser: options.username,
      env: options.env,
    });
  };

  const server = createServer(handle);
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    authorizations,
    setPassword: password => {
      expected = basic(password);
    },
    close: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
