/* eslint-disable */
// Generated from plugins/image-factory-backend/src/schema/openapi.yaml by
// `yarn generate:openapi`: do not edit. `make test` fails when it is stale.

import { ResponseError } from '@backstage/errors';
import type { operations } from './types';

/** The service discovery the client needs: `DiscoveryApi` or `DiscoveryService`. */
export interface ImageFactoryDiscovery {
  getBaseUrl(pluginId: string): Promise<string>;
}

/** The fetch the client sends through: `FetchApi`, or one adding credentials. */
export interface ImageFactoryFetch {
  fetch: typeof fetch;
}

type Query = Record<string, string | number | boolean | undefined>;

/**
 * A client of every operation of the Image Factory API. A failed request
 * throws a `ResponseError` carrying the error body.
 *
 * @public
 */
export class ImageFactoryApiClient {
  private readonly discoveryApi: ImageFactoryDiscovery;
  private readonly fetchApi: ImageFactoryFetch;

  constructor(options: {
    discoveryApi: ImageFactoryDiscovery;
    fetchApi?: ImageFactoryFetch;
  }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi ?? { fetch: (...args) => fetch(...args) };
  }

  /** `GET /health`: Whether the backend answers; needs no credentials. */
  async getHealth(): Promise<ImageFactoryResponse<'getHealth'>> {
    return this.send('GET', `/health`, {});
  }

  /** `GET /images`: A page of the enrolled images whose entity the caller may read. */
  async listImages(
    request: ImageFactoryRequest<'listImages'> = {},
  ): Promise<ImageFactoryResponse<'listImages'>> {
    return this.send('GET', `/images`, { query: request.query });
  }

  /** `GET /images/{namespace}/{kind}/{name}`: The full status of one enrolled entity. */
  async getImage(
    request: ImageFactoryRequest<'getImage'>,
  ): Promise<ImageFactoryResponse<'getImage'>> {
    return this.send(
      'GET',
      `/images/${encodeURIComponent(
        request.path.namespace,
      )}/${encodeURIComponent(request.path.kind)}/${encodeURIComponent(
        request.path.name,
      )}`,
      {},
    );
  }

  /** `POST /images/{namespace}/{kind}/{name}/analyze`: Queues a run that analyses this entity's Dockerfile again. */
  async analyzeImage(
    request: ImageFactoryRequest<'analyzeImage'>,
  ): Promise<ImageFactoryResponse<'analyzeImage'>> {
    return this.send(
      'POST',
      `/images/${encodeURIComponent(
        request.path.namespace,
      )}/${encodeURIComponent(request.path.kind)}/${encodeURIComponent(
        request.path.name,
      )}/analyze`,
      {},
    );
  }

  /** `POST /images/{namespace}/{kind}/{name}/rebuild`: Starts a rebuild of a managed image. */
  async rebuildImage(
    request: ImageFactoryRequest<'rebuildImage'>,
  ): Promise<ImageFactoryResponse<'rebuildImage'>> {
    return this.send(
      'POST',
      `/images/${encodeURIComponent(
        request.path.namespace,
      )}/${encodeURIComponent(request.path.kind)}/${encodeURIComponent(
        request.path.name,
      )}/rebuild`,
      { body: request.body },
    );
  }

  /** `GET /base-images`: A page of the monitored base images, the most used first. */
  async listBaseImages(
    request: ImageFactoryRequest<'listBaseImages'> = {},
  ): Promise<ImageFactoryResponse<'listBaseImages'>> {
    return this.send('GET', `/base-images`, { query: request.query });
  }

  /** `GET /base-images/{name}`: A base image with its update history. */
  async getBaseImage(
    request: ImageFactoryRequest<'getBaseImage'>,
  ): Promise<ImageFactoryResponse<'getBaseImage'>> {
    return this.send(
      'GET',
      `/base-images/${encodeURIComponent(request.path.name)}`,
      {},
    );
  }

  /** `GET /graph`: A page of the enrolled images, by entity ref, with the base images they use and the edges between them. */
  async getGraph(
    request: ImageFactoryRequest<'getGraph'> = {},
  ): Promise<ImageFactoryResponse<'getGraph'>> {
    return this.send('GET', `/graph`, { query: request.query });
  }

  /** `POST /refresh`: Queues a run of the whole pipeline, or joins the one queued. */
  async refresh(): Promise<ImageFactoryResponse<'refresh'>> {
    return this.send('POST', `/refresh`, {});
  }

  /** `GET /runs/{id}`: One run of the pipeline. */
  async getRun(
    request: ImageFactoryRequest<'getRun'>,
  ): Promise<ImageFactoryResponse<'getRun'>> {
    return this.send('GET', `/runs/${encodeURIComponent(request.path.id)}`, {});
  }

  private async send<T>(
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

/** The request a client method takes: its path and query parameters, its body. */
export type ImageFactoryRequest<Operation extends keyof operations> = RequestOf<
  operations[Operation]
>;

/** What a client method resolves to: the operation's success body. */
export type ImageFactoryResponse<Operation extends keyof operations> =
  SuccessOf<operations[Operation]>;

type RequestOf<O> = (O extends { parameters: { path: infer P } }
  ? [P] extends [undefined | never]
    ? {}
    : { path: P }
  : {}) &
  (O extends { parameters: { query?: infer Q } }
    ? [Q] extends [undefined | never]
      ? {}
      : { query?: Q }
    : {}) &
  (O extends { requestBody?: { content: { 'application/json': infer B } } }
    ? { body?: B }
    : {});

type SuccessOf<O> = O extends { responses: infer R }
  ? {
      [S in keyof R]: S extends 200 | 201 | 202
        ? R[S] extends { content: { 'application/json': infer B } }
          ? B
          : never
        : never;
    }[keyof R]
  : never;
