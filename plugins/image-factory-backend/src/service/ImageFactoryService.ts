import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  BaseImageDetail,
  BaseImageList,
  DependencyGraph,
  ImageList,
  ImageListQuery,
  ImageStatus,
  RebuildRequest,
  RebuildResponse,
  PageQuery,
  PipelineRun,
} from '@internal/plugin-image-factory-common';

/**
 * What the HTTP API can ask of the plugin. Reads come from the plugin's database;
 * the actions queue a pipeline run or start a rebuild. Authorization happens before these
 * are called; errors are `@backstage/errors` types.
 */
export interface ImageFactoryService {
  listImages(query: ImageListQuery): Promise<ImageList>;
  /** @throws NotFoundError when the entity is not enrolled. */
  getImage(entityRef: string): Promise<ImageStatus>;
  /**
   * Queues a run that analyses this entity's Dockerfile again.
   *
   * @throws NotFoundError when the entity is not enrolled.
   */
  analyze(entityRef: string): Promise<PipelineRun>;
  rebuild(options: {
    entityRef: string;
    request: RebuildRequest;
    credentials: BackstageCredentials;
  }): Promise<RebuildResponse>;
  listBaseImages(query: PageQuery): Promise<BaseImageList>;
  /** @throws NotFoundError for an unknown base image. */
  getBaseImage(name: string): Promise<BaseImageDetail>;
  getGraph(query: PageQuery): Promise<DependencyGraph>;
  /** Queues a run of the whole pipeline (or joins the one queued). */
  refresh(): Promise<PipelineRun>;
  /** @throws NotFoundError for an unknown run. */
  getRun(id: string): Promise<PipelineRun>;
}
