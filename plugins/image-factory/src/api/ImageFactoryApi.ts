import { createApiRef } from '@backstage/frontend-plugin-api';
import { ImageFactoryApiClient } from '@image-factory/backstage-plugin-image-factory-common';

/**
 * The Image Factory backend, as the frontend uses it: the operations of the
 * generated `ImageFactoryApiClient` (`@image-factory/backstage-plugin-image-factory-common`)
 * that the UI calls. Their requests, answers and errors are the ones
 * `plugins/image-factory-backend/src/schema/openapi.yaml` states; a method
 * rejects with a `ResponseError` from `@backstage/errors` when the backend
 * answers with an error.
 *
 * @public
 */
export type ImageFactoryApi = Pick<
  ImageFactoryApiClient,
  | 'listImages'
  | 'getImage'
  | 'analyzeImage'
  | 'rebuildImage'
  | 'listBaseImages'
  | 'getBaseImage'
  | 'getGraph'
  | 'refresh'
  | 'getRun'
>;

/**
 * Reference to the {@link ImageFactoryApi}.
 *
 * @public
 */
export const imageFactoryApiRef = createApiRef<ImageFactoryApi>().with({
  id: 'plugin.image-factory.api',
  pluginId: 'image-factory',
});
