/**
 * Image Factory domain logic shared by the backend, the frontend and the CLI.
 * Pure: no I/O, runs in Node and the browser.
 *
 * @packageDocumentation
 */
export {};
