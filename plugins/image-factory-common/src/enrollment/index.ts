export {
  IMAGE_FACTORY_ANNOTATIONS,
  BACKSTAGE_LOCATION_ANNOTATIONS,
  ENROLLING_ANNOTATIONS,
  WAREHOUSE_ANNOTATIONS,
} from './annotations';
export { isImageFactoryAvailable } from './isImageFactoryAvailable';
export {
  REBUILD_PRIORITIES,
  comparePriority,
  isRebuildPriority,
} from './priorities';
export { formatEntityRef } from './formatEntityRef';
export { parseEnrollment } from './parseEnrollment';
export {
  DEFAULT_ENROLLMENT_DEFAULTS,
  type EnrollableEntity,
  type Enrollment,
  type EnrollmentDefaults,
} from './types';
