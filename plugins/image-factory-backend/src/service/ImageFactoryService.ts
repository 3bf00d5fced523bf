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
  RefreshSummary,
} from '@internal/plugin-image-factory-common';

/**
 * What the HTTP API can ask of the plugin. Reads come from the plugin's database;
 * the actions run the pipeline or a rebuild. Authorization happens before these
 * are called; errors are `@backstage/errors` types.
 */
export interface ImageFactoryService {
  listImages(query: ImageListQuery): Promise<ImageList>;
  /** @throws NotFoundError when the entity is not enrolled. */
  getImage(entityRef: string): Promise<ImageStatus>;
  /** Analyses one entity now and returns its new status. */
  analyze(entityRef: string): Promise<ImageStatus>;
  rebuild(options: {
    entityRef: string;
    request: RebuildRequest;
    credentials: BackstageCredentials;
  }): Promise<RebuildResponse>;
  listBaseImages(): Promise<BaseImageList>;
  /** @throws NotFoundError for an unknown base image. */
  getBaseImage(name: string): Promise<BaseImageDetail>;
  getGraph(): Promise<DependencyGraph>;
  /** Runs the whole pipeline now. */
  refresh(): Promise<RefreshSummary>;
}
