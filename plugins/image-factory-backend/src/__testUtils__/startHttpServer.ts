import {
  createServer,
  IncomingHttpHeaders,
  IncomingMessage,
  ServerResponse,
} from 'node:http';
import { AddressInfo } from 'node:net';

/** A request a {@link TestHttpServer} received. */
export interface RecordedRequest {
  method: string;
  /** Path and query. */
  url: string;
  headers: IncomingHttpHeaders;
  /** `Date.now()` when it arrived. */
  at: number;
}

/** A local HTTP server on loopback that records what it is sent. */
export interface TestHttpServer {
  /** `127.0.0.1:<port>`. */
  host: string;
  /** `http://127.0.0.1:<port>`. */
  url: string;
  /** Every request received, in order. */
  requests: RecordedRequest[];
  stop(): Promise<void>;
}

/**
 * Starts a loopback HTTP server around `handler`, for protocol partners that cannot
 * run here (token services, misbehaving registries, the Kubernetes API).
 */
export async function startHttpServer(
  handler: (
    request: IncomingMessage,
    response: ServerResponse,
  ) => void | Promise<void>,
): Promise<TestHttpServer> {
  const requests: RecordedRequest[] = [];
  const server = createServer((request, response) => {
    requests.push({
      method: request.method ?? '',
      url: request.url ?? '',
      headers: request.headers,
      at: Date.now(),
    });
    Promise.resolve(handler(request, response)).catch(error => {
      response.statusCode = 599;
      response.end(String(error));
    });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    host: `127.0.0.1:${port}`,
    url: `http://127.0.0.1:${port}`,
    requests,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        // Handlers that never answer (timeout tests) must not keep the server open.
        server.closeAllConnections();
        server.close(error => (error ? reject(error) : resolve()));
      }),
  };
}

/**
 * Forwards a request to `target` (a real registry) and copies the answer back,
 * without the `authorization` header unless `keepAuthorization` is set.
 */
export async function forwardRequest(
  request: IncomingMessage,
  response: ServerResponse,
  target: string,
  options: { keepAuthorization?: boolean } = {},
): Promise<void> {
  const headers: Record<string, string> = {};
  for (const name of [
    'accept',
    ...(options.keepAuthorization ? ['authorization'] : []),
  ]) {
    const value = request.headers[name];
    if (typeof value === 'string') {
      headers[name] = value;
    }
  }
  const answer = await fetch(`${target}${request.url}`, {
    method: request.method,
    headers,
    redirect: 'manual',
  });
  const body = Buffer.from(await answer.arrayBuffer());
  answer.headers.forEach((value, name) => {
    if (
      ![
        'content-length',
        'transfer-encoding',
        'connection',
        'content-encoding',
      ].includes(name)
    ) {
      response.setHeader(name, value);
    }
  });
  response.statusCode = answer.status;
  response.end(request.method === 'HEAD' ? undefined : body);
}
