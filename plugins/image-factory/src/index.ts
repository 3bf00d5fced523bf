/**
 * The Image Factory frontend plugin: base images, freight and rebuild eligibility
 * on the entity page, and the fleet view. This entry point serves the legacy
 * frontend system; `/alpha` serves the new one.
 *
 * @packageDocumentation
 */
export {
  imageFactoryPlugin,
  EntityImageFactoryCard,
  EntityImageFactoryContent,
  ImageFactoryPage,
} from './plugin';
export { rootRouteRef as imageFactoryRouteRef } from './routes';
export {
  isImageFactoryAvailable,
  IMAGE_FACTORY_IMAGE_ANNOTATION,
  IMAGE_FACTORY_EXTERNAL_IMAGE_ANNOTATION,
} from './isImageFactoryAvailable';
export { imageFactoryApiRef } from './api';
export { ImageFactoryApiClient } from '@image-factory/backstage-plugin-image-factory-common';
export type { ImageFactoryApi } from './api';
