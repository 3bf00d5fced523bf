import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import {
  BaseImageDetail,
  BaseImageList,
  DependencyGraph,
  ImageList,
  GraphQuery,
  ImageListQuery,
  ImageStatus,
  RebuildRequest,
  RebuildResponse,
  PageQuery,
  PipelineRun,
} from '@image-factory/backstage-plugin-image-factory-common';

/**
 * What the HTTP API can ask of the plugin. Reads come from the plugin's database;
 * the actions queue a pipeline run or start a rebuild. Authorization happens before these
 * are called; errors are `@backstage/errors` types.
 */
export interface ImageFactoryService {
  /** Only images whose entity the caller may read in the catalog. */
  listImages(
    query: ImageListQuery,
    credentials: BackstageCredentials,
  ): Promise<ImageList>;
  /** @throws NotFoundError when the entity is not enrolled. */
  getImage(entityRef: string): Promise<ImageStatus>;
  /** Whether the caller may read the entity in the catalog. */
  isVisible(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<boolean>;
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
  /** Dependents only where the caller may read their entity. */
  listBaseImages(
    query: PageQuery,
    credentials: BackstageCredentials,
  ): Promise<BaseImageList>;
  /** @throws NotFoundError for an unknown base image. */
  getBaseImage(
    name: string,
    credentials: BackstageCredentials,
  ): Promise<BaseImageDetail>;
  /** The images that match the query's filters and their base images. */
  getGraph(
    query: GraphQuery,
    credentials: BackstageCredentials,
  ): Promise<DependencyGraph>;
  /** Queues a run of the whole pipeline (or joins the one queued). */
  refresh(): Promise<PipelineRun>;
  /** @throws NotFoundError for an unknown run. */
  getRun(id: string): Promise<PipelineRun>;
}

/**
 * The one answer for an image that is not there or may not be seen, so a
 * caller cannot tell the two apart.
 */
export function imageNotFound(entityRef: string): NotFoundError {
  return new NotFoundError(
    `${entityRef} is not enrolled in the Image Factory, or has not been processed yet`,
  );
}
