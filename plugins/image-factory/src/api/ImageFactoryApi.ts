import { createApiRef } from '@backstage/frontend-plugin-api';
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

/**
 * The Image Factory backend, as seen by the frontend. Methods reject with a
 * `ResponseError` from `@backstage/errors` when the backend answers with an error.
 *
 * @public
 */
export interface ImageFactoryApi {
  /** Enrolled images with their eligibility, filtered and paged. */
  listImages(query?: ImageListQuery): Promise<ImageList>;
  /** Full status of one enrolled entity, by entity ref (`component:default/payments`). */
  getImage(entityRef: string): Promise<ImageStatus>;
  /** Queues a run that analyses one entity's Dockerfile again; follow it with {@link ImageFactoryApi.getRun}. */
  analyze(entityRef: string): Promise<PipelineRun>;
  /** Triggers a rebuild; a 409 answers a request made before the image is eligible. */
  rebuild(entityRef: string, request: RebuildRequest): Promise<RebuildResponse>;
  /** A page of the monitored base images with their dependents, the most used first. */
  listBaseImages(query?: PageQuery): Promise<BaseImageList>;
  /** One base image, by its name in the state repository. */
  getBaseImage(name: string): Promise<BaseImageDetail>;
  /** Which image uses which base image, for a page of the enrolled images by entity ref. */
  getGraph(query?: PageQuery): Promise<DependencyGraph>;
  /** Queues a run of the whole pipeline (or joins the one queued). */
  refresh(): Promise<PipelineRun>;
  /** Where a queued run stands. */
  getRun(id: string): Promise<PipelineRun>;
}

/**
 * Reference to the {@link ImageFactoryApi}.
 *
 * @public
 */
export const imageFactoryApiRef = createApiRef<ImageFactoryApi>().with({
  id: 'plugin.image-factory.api',
  pluginId: 'image-factory',
});
