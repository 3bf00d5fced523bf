import {
  createServer,
  IncomingMessage,
  Server,
  ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';

// Test support. No real GitHub or GitLab is reachable from the test machines,
// so the trigger tests run against local HTTP servers that implement the
// documented REST endpoints they call (localGithubApi.ts, localGitlabApi.ts).
// This file is their common base: it records every request and lets a test
// queue answers such as a rate limit, or a failure after the request was
// handled (the provider acted on it, and its answer was lost). A server may
// also take some requests as streams, before their body is read, for
// protocols that are not JSON (git's smart HTTP, next to GitHub's API).

/** A request as the server received it. */
export interface RecordedRequest {
  method: string;
  /** Path and query, as sent (still percent-encoded). */
  url: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  /** Parsed JSON body, or undefined without one. */
  body: unknown;
}

/** An answer: status, headers and a JSON body (none for 204), or raw text. */
export interface Answer {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** Sent as is, as `text/plain`, instead of a JSON body. */
  text?: string;
  /** Waits this long before answering, to let a client time out. */
  delayMs?: number;
}

/** Routes a request to its answer; undefined means 404. */
export type Router = (request: RecordedRequest) => Answer | undefined;

/**
 * Takes a request before its body is read (`body` is undefined) and answers it
 * itself, streaming; returns false to leave it to the {@link Router}. Queued
 * answers do not apply to the requests it takes.
 */
export type StreamRouter = (
  request: RecordedRequest,
  incoming: IncomingMessage,
  response: ServerResponse,
) => boolean;

/** A running local server. */
export interface LocalHttpServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  requests: RecordedRequest[];
  /**
   * Answers the next request with `answer` (or with what it computes): the next
   * of any kind, or the next that `when` matches.
   */
  answerNext(
    answer: Answer | ((request: RecordedRequest) => Answer),
    when?: (request: RecordedRequest) => boolean,
  ): void;
  /**
   * Handles the next request as usual, so whatever it does is done (a run is
   * started), then answers with `answer` instead, or with what it makes of
   * the usual answer: a 502 or a timeout after the provider accepted. `when`
   * picks the request, as for `answerNext`.
   */
  answerNextAfterHandling(
    answer: Answer | ((handled: Answer) => Answer),
    when?: (request: RecordedRequest) => boolean,
  ): void;
  close(): Promise<void>;
}

async function readBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) {
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? JSON.parse(text) : undefined;
}

function send(response: ServerResponse, answer: Answer) {
  const headers = { ...answer.headers };
  if (answer.text !== undefined) {
    headers['content-type'] = 'text/plain; charset=utf-8';
    response.writeHead(answer.status, headers);
    response.end(answer.text);
    return;
  }
  if (answer.body !== undefined) {
    headers['content-type'] = 'application/json; charset=utf-8';
  }
  response.writeHead(answer.status, headers);
  response.end(
    answer.body === undefined ? undefined : JSON.stringify(answer.body),
  );
}

function recordOf(incoming: IncomingMessage, body: unknown): RecordedRequest {
  const url = new URL(incoming.url ?? '/', 'http://127.0.0.1');
  return {
    method: incoming.method ?? 'GET',
    url: incoming.url ?? '/',
    path: url.pathname,
    query: url.searchParams,
    headers: incoming.headers,
    body,
  };
}

/** Starts a server on a free loopback port. */
export async function startLocalHttpServer(
  route: Router,
  options: { stream?: StreamRouter } = {},
): Promise<LocalHttpServer> {
  const requests: RecordedRequest[] = [];
  type Matcher = (request: RecordedRequest) => boolean;
  const queued: Array<
    | {
        before: Answer | ((request: RecordedRequest) => Answer);
        when?: Matcher;
      }
    | { after: Answer | ((handled: Answer) => Answer); when?: Matcher }
  > = [];
  const timers = new Set<NodeJS.Timeout>();
  const respond = (response: ServerResponse, reply: Answer) => {
    if (!reply.delayMs) {
      send(response, reply);
      return;
    }
    const timer = setTimeout(() => {
      timers.delete(timer);
      if (!response.destroyed) send(response, reply);
    }, reply.delayMs);
    timers.add(timer);
  };
  const server: Server = createServer((incoming, response) => {
    const streamed = recordOf(incoming, undefined);
    if (options.stream?.(streamed, incoming, response)) {
      requests.push(streamed);
      return;
    }
    readBody(incoming)
      .then(body => {
        const recorded = recordOf(incoming, body);
        requests.push(recorded);
        const index = queued.findIndex(q => !q.when || q.when(recorded));
        const next = index < 0 ? undefined : queued.splice(index, 1)[0];
        if (next && 'before' in next) {
          const { before } = next;
          respond(
            response,
            typeof before === 'function' ? before(recorded) : before,
          );
          return;
        }
        const handled = route(recorded) ?? {
          status: 404,
          body: { message: 'Not Found' },
        };
        const after = next?.after;
        respond(
          response,
          (typeof after === 'function' ? after(handled) : after) ?? handled,
        );
      })
      .catch(error =>
        send(response, { status: 500, body: { message: String(error) } }),
      );
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    answerNext: (before, when) => queued.push({ before, when }),
    answerNextAfterHandling: (after, when) => queued.push({ after, when }),
    close: () =>
      new Promise<void>((resolve, reject) => {
        timers.forEach(timer => clearTimeout(timer));
        timers.clear();
        server.closeAllConnections();
        server.close(error => (error ? reject(error) : resolve()));
      }),
  };
}
