import { ResponseError } from '@backstage/errors';
import type { operations } from './generated/types';

/**
 * The service discovery the client needs: `DiscoveryApi` or `DiscoveryService`.
 *
 * @public
 */
export interface ImageFactoryDiscovery {
  getBaseUrl(pluginId: string): Promise<string>;
}

/**
 * The fetch the client sends through: `FetchApi`, or one adding credentials.
 *
 * @public
 */
export interface ImageFactoryFetch {
  fetch: typeof fetch;
}

/**
 * No fields: the part of a request an operation does not take.
 *
 * @public
 */
export type Nothing = Record<never, never>;

/**
 * What an operation of {@link operations} takes: its path parameters, query
 * and JSON body, each only when the operation has them.
 *
 * @public
 */
export type RequestOf<O> = (O extends { parameters: { path: infer P } }
  ? [P] extends [undefined | never]
    ? Nothing
    : { path: P }
  : Nothing) &
  (O extends { parameters: { query?: infer Q } }
    ? [Q] extends [undefined | never]
      ? Nothing
      : { query?: Q }
    : Nothing) &
  (O extends { requestBody?: { content: { 'application/json': infer B } } }
    ? { body?: B }
    : Nothing);

/**
 * The JSON body of an operation's success answer (200, 201 or 202).
 *
 * @public
 */
export type SuccessOf<O> = O extends { responses: infer R }
  ? {
      [S in keyof R]: S extends 200 | 201 | 202
        ? R[S] extends { content: { 'application/json': infer B } }
          ? B
          : never
        : never;
    }[keyof R]
  : never;

/**
 * The request a client method takes: its path and query parameters, its body.
 *
 * @public
 */
export type ImageFactoryRequest<Operation extends keyof operations> = RequestOf<
  operations[Operation]
>;

/**
 * What a client method resolves to: the operation's success body.
 *
 * @public
 */
export type ImageFactoryResponse<Operation extends keyof operations> =
  SuccessOf<operations[Operation]>;

/**
 * The query parameters of a request; unset and empty ones are left out.
 *
 * @public
 */
export type Query = Record<string, string | number | boolean | undefined>;

/**
 * How the generated client sends a request: to the plugin's base URL, the
 * query without unset fields, a JSON body; an answer that is not 2xx throws a
 * `ResponseError` carrying the error body. The methods, one per operation,
 * are generated from the spec (`generated/client.ts`).
 *
 * @public
 */
export class ImageFactoryClientBase {
  private readonly discoveryApi: ImageFactoryDiscovery;
  private readonly fetchApi: ImageFactoryFetch;

  constructor(options: {
    discoveryApi: ImageFactoryDiscovery;
    fetchApi?: ImageFactoryFetch;
  }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi ?? { fetch: (...args) => fetch(...args) };
  }

  protected async send<T>(
    method: string,
    path: string,
    request: { query?: Query; body?: unknown },
  ): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl('image-factory');
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(request.query ?? {})) {
      if (value !== undefined && value !== '') search.set(key, String(value));
    }
    const query = search.toString();
    const response = await this.fetchApi.fetch(
      `${baseUrl}${path}${query ? `?${query}` : ''}`,
      request.body === undefined
        ? { method }
        : {
            method,
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify(request.body),
          },
    );
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}
