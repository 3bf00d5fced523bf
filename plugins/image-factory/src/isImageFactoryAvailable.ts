import { Entity } from '@backstage/catalog-model';

/**
 * Annotation that enrolls an entity's image as a managed image.
 *
 * @public
 */
export const IMAGE_FACTORY_IMAGE_ANNOTATION = 'image-factory.io/image';

/**
 * Annotation that enrolls a third-party image as an external image.
 *
 * @public
 */
export const IMAGE_FACTORY_EXTERNAL_IMAGE_ANNOTATION =
  'image-factory.io/external-image';

/**
 * Whether the entity is enrolled in the Image Factory, as a managed or an
 * external image. Decides where the card and the Image Status tab appear.
 *
 * @public
 */
export function isImageFactoryAvailable(entity: Entity): boolean {
  const annotations = entity.metadata.annotations ?? {};
  return Boolean(
    annotations[IMAGE_FACTORY_IMAGE_ANNOTATION]?.trim() ||
      annotations[IMAGE_FACTORY_EXTERNAL_IMAGE_ANNOTATION]?.trim(),
  );
}
