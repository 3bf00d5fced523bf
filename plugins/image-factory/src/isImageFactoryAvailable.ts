import { Entity } from '@backstage/catalog-model';
import {
  IMAGE_FACTORY_ANNOTATIONS,
  isImageFactoryAvailable as carriesEnrollingAnnotation,
} from '@image-factory/backstage-plugin-image-factory-common';

/**
 * Annotation that enrolls an entity's image as a managed image.
 *
 * @public
 */
export const IMAGE_FACTORY_IMAGE_ANNOTATION = IMAGE_FACTORY_ANNOTATIONS.image;

/**
 * Annotation that enrolls a third-party image as an external image.
 *
 * @public
 */
export const IMAGE_FACTORY_EXTERNAL_IMAGE_ANNOTATION =
  IMAGE_FACTORY_ANNOTATIONS.externalImage;

/**
 * Whether the entity is enrolled in the Image Factory, as a managed or an
 * external image. Decides where the card and the Image Status tab appear.
 *
 * @public
 */
export function isImageFactoryAvailable(entity: Entity): boolean {
  return carriesEnrollingAnnotation(entity);
}
