/**
 * The Image Factory frontend plugin for Backstage's new frontend system: the
 * entity card, the Image Status tab and the fleet page as extensions.
 *
 * @packageDocumentation
 */
import { imageFactoryPlugin } from './alpha/plugin';

/**
 * The Image Factory plugin for Backstage's new frontend system. Installed by
 * `app.packages: all` discovery, or passed to `createApp({ features })`.
 *
 * @alpha
 */
export default imageFactoryPlugin;
