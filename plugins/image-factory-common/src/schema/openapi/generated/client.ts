/* eslint-disable */
// Generated from plugins/image-factory-backend/src/schema/openapi.yaml by
// `yarn generate:openapi`: do not edit. `make test` fails when it is stale.

import {
  ImageFactoryClientBase,
  ImageFactoryRequest,
  ImageFactoryResponse,
} from '../clientBase';

/**
 * A client of every operation of the Image Factory API, one method per
 * operation id. A failed request throws a `ResponseError` carrying the
 * error body.
 *
 * @public
 */
export class ImageFactoryApiClient extends ImageFactoryClientBase {
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

  /** `GET /graph`: A page of the enrolled images whose entity the caller may read, by entity ref, with the base images they use and the edges between them; filtered by state, owner and text as `/images` is. */
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
}
