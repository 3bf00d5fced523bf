export * from './platform';
export type { ImageReference, ImageReferencePart } from './types';
export { ImageReferenceError } from './ImageReferenceError';
export { parseImageReference } from './parseImageReference';
export { formatImageReference } from './formatImageReference';
export {
  DOCKER_HUB_REGISTRY,
  isPublicRegistry,
  normalizeRegistry,
  normalizeRegistryHost,
} from './registries';
export { shortDigest } from './shortDigest';
