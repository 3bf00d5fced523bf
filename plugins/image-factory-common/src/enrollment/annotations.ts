/**
 * The catalog annotations that enroll an entity in the Image Factory
 * (docs/annotations.md), by the field of {@link Enrollment} they set.
 *
 * @public
 */
export const IMAGE_FACTORY_ANNOTATIONS = {
  image: 'image-factory.io/image',
  imageTag: 'image-factory.io/image-tag',
  externalImage: 'image-factory.io/external-image',
  dockerfile: 'image-factory.io/dockerfile',
  sourceLocation: 'image-factory.io/source-location',
  buildArgs: 'image-factory.io/build-args',
  target: 'image-factory.io/target',
  rebuildDelay: 'image-factory.io/rebuild-delay',
  autoRebuild: 'image-factory.io/auto-rebuild',
  workflow: 'image-factory.io/workflow',
  priority: 'image-factory.io/priority',
  platforms: 'image-factory.io/platforms',
} as const;

/**
 * Backstage's own annotations the enrollment falls back to for the source
 * location.
 *
 * @public
 */
export const BACKSTAGE_LOCATION_ANNOTATIONS = {
  sourceLocation: 'backstage.io/source-location',
  managedByLocation: 'backstage.io/managed-by-location',
  managedByOriginLocation: 'backstage.io/managed-by-origin-location',
} as const;

/**
 * The annotations whose presence enrolls an entity: a managed image or an
 * external one.
 *
 * @public
 */
export const ENROLLING_ANNOTATIONS = [
  IMAGE_FACTORY_ANNOTATIONS.image,
  IMAGE_FACTORY_ANNOTATIONS.externalImage,
] as const;

/**
 * The annotations the Image Factory writes on a generated Kargo Warehouse.
 *
 * @public
 */
export const WAREHOUSE_ANNOTATIONS = {
  /** The catalog entities the Warehouse serves, comma-separated refs. */
  entities: 'image-factory.io/entities',
  /** The image reference the Warehouse watches. */
  image: IMAGE_FACTORY_ANNOTATIONS.image,
} as const;
