/**
 * Types of the Image Factory HTTP API (`/api/image-factory`), shared by the
 * backend router, the frontend client and automation.
 */
export * from './eligibility';
export * from './rebuild';
export * from './imageStatus';
export * from './imageList';
export * from './baseImages';
export * from './dependencyGraph';
export * from './refresh';
export * from './errors';
export * from './paging';
