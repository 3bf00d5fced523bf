import { createFrontendPlugin } from '@backstage/frontend-plugin-api';

/**
 * The Image Factory plugin for Backstage's new frontend system.
 *
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'image-factory',
  extensions: [],
});
