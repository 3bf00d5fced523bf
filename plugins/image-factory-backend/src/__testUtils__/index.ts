/*
 * The one entry point for code outside this package that drives the backend's
 * internals: the benchmarks (bench/) and the browser tests (e2e/). They are
 * folders, not workspace packages, so they import this module by relative path
 * instead of reaching into individual source files. Not exported from the
 * package (src/index.ts); the backend's own tests import helpers directly.
 */

// Test support.
export { createImagePusher } from './pushTestImage';
export type { ImagePusher, PushImageOptions } from './pushTestImage';
export { startOciRegistry } from './startOciRegistry';
export type { OciRegistry, StartOciRegistryOptions } from './startOciRegistry';

// Backend internals the pipeline benchmark assembles by hand.
export { DockerfileReader } from '../analysis/DockerfileReader';
export { readImageFactoryConfig } from '../config/readImageFactoryConfig';
export { DatabaseImageFactoryStore } from '../database';
export { createFreightSource, RegistryPolicy } from '../discovery';
export { createMonitoringPolicy } from '../discovery/markUnmonitorable';
export { createRebuildTargetPolicy } from '../enrollment/checkRebuildTarget';
export { openStateRepository } from '../git/openStateRepository';
export { Pipeline } from '../pipeline/Pipeline';
export { RebuildService } from '../rebuilds/RebuildService';
export { ScmRebuildTrigger } from '../triggers';
