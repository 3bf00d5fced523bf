import { parseEntityRef } from '@backstage/catalog-model';
import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  BaseImageDetail,
  BaseImageList,
  DependencyGraph,
  ImageList,
  ImageListQuery,
  ImageStatus,
  PageQuery,
  RebuildRequest,
  RebuildResponse,
  PipelineRun,
} from '@internal/plugin-image-factory-common';
import { ImageFactoryApi } from './ImageFactoryApi';

/**
 * Talks to the Image Factory backend at `/api/image-factory`.
 *
 * @public
 */
export class ImageFactoryClient implements ImageFactoryApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  async listImages(query: ImageListQuery = {}): Promise<ImageList> {
    return this.request(`/images${queryString(query)}`);
  }

  async getImage(entityRef: string): Promise<ImageStatus> {
    return this.request(imagePath(entityRef));
  }

  async analyze(entityRef: string): Promise<PipelineRun> {
    return this.request(`${imagePath(entityRef)}/analyze`, { method: 'POST' });
  }

  async rebuild(
    entityRef: string,
    request: RebuildRequest,
  ): Promise<RebuildResponse> {
    return this.request(`${imagePath(entityRef)}/rebuild`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(request),
    });
  }

  async listBaseImages(query: PageQuery = {}): Promise<BaseImageList> {
    return this.request(`/base-images${queryString(query)}`);
  }

  async getBaseImage(name: string): Promise<BaseImageDetail> {
    return this.request(`/base-images/${encodeURIComponent(name)}`);
  }

  async getGraph(query: PageQuery = {}): Promise<DependencyGraph> {
    return this.request(`/graph${queryString(query)}`);
  }

  async refresh(): Promise<PipelineRun> {
    return this.request('/refresh', { method: 'POST' });
  }

  async getRun(id: string): Promise<PipelineRun> {
    return this.request(`/runs/${encodeURIComponent(id)}`);
  }

  private async request<T>(path: string, init?: RequestInit): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl('image-factory');
    const response = await this.fetchApi.fetch(`${baseUrl}${path}`, init);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}

function imagePath(entityRef: string): string {
  const { kind, namespace, name } = parseEntityRef(entityRef);
  return `/images/${[namespace, kind, name].map(encodeURIComponent).join('/')}`;
}

/** `?a=1&b=2` from the fields of `query` that are set, or `''` when none is. */
function queryString(query: object): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') {
      params.set(key, String(value));
    }
  }
  const search = params.toString();
  return search ? `?${search}` : '';
}
