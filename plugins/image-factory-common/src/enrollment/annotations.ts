/**
 * The catalog annotations that enroll an entity in the Image Factory
 * (docs/annotations.md), by the field of {@link Enrollment} they set.
 *
 * @public
 */
export const IMAGE_FACTORY_ANNOTATIONS = {
  image: 'image-factory.io/image',
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
