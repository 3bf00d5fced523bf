/**
 * The Image Factory HTTP API (`/api/image-factory`): its types and client,
 * generated from the backend's `src/schema/openapi.yaml`, and the rules the
 * backend and its callers share.
 */
export * from '../schema/openapi';
export * from './eligibility';
export * from './rebuild';
export * from './refresh';
export * from './signals';
export * from './scmViews';
export * from './paging';
export * from './entityPath';
