import { ENROLLING_ANNOTATIONS } from './annotations';

/**
 * Whether the entity is enrolled in the Image Factory, as a managed or an
 * external image: it carries a non-blank enrolling annotation. A Backstage
 * `Entity` fits.
 *
 * @public
 */
export function isImageFactoryAvailable(entity: {
  metadata: { annotations?: Record<string, string> };
}): boolean {
  const annotations = entity.metadata.annotations ?? {};
  return ENROLLING_ANNOTATIONS.some(annotation =>
    Boolean(annotations[annotation]?.trim()),
  );
}
