/*
 * The one entry point for code outside this package that drives the backend's
 * internals: the benchmarks (bench/) and the browser tests (e2e/). They are
 * folders, not workspace packages, so they import this module by relative path
 * instead of reaching into individual source files. Not exported from the
 * package (src/index.ts); the backend's own tests import helpers directly.
 */

// Test support.
export { createImagePusher } from './pushTestImage';
export { startOciRegistry } from './startOciRegistry';

// The assembly the plugin runs, for the pipeline benchmark.
export { createImageFactoryServices } from '../createImageFactoryServices';
export { createRouter } from '../service/createRouter';
