/**
 * Image Factory domain logic shared by the backend, the frontend and the CLI.
 * Pure: no I/O, runs in Node and the browser.
 *
 * @packageDocumentation
 */
export * from './references';
export * from './analysis';
export * from './enrollment';
export * from './state';
export * from './freight';
export * from './warehouses';
export * from './api';
export * from './permissions';
export * from './durations';
export * from './eligibility';
export * from './status';
export * from './supplyChain';
export * from './verification';
