/**
 * The Image Factory backend plugin: keeps container images rebuilt on fresh base images.
 *
 * @packageDocumentation
 */
export { imageFactoryPlugin as default } from './plugin';
