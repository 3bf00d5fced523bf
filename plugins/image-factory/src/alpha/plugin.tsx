import { createFrontendPlugin } from '@backstage/frontend-plugin-api';
import BuildIcon from '@material-ui/icons/Build';
import {
  imageFactoryApi,
  imageFactoryEntityCard,
  imageFactoryEntityContent,
  imageFactoryPage,
} from './extensions';
import { fleetBaseImageRouteRef, fleetRouteRef } from './routes';

/**
 * The Image Factory plugin for Backstage's new frontend system: the API, the
 * entity card and Image Status tab (on enrolled entities), and the fleet page.
 *
 * @alpha
 */
export const imageFactoryPlugin = createFrontendPlugin({
  pluginId: 'image-factory',
  title: 'Image Factory',
  icon: <BuildIcon fontSize="inherit" />,
  routes: { root: fleetRouteRef, baseImage: fleetBaseImageRouteRef },
  extensions: [
    imageFactoryApi,
    imageFactoryEntityCard,
    imageFactoryEntityContent,
    imageFactoryPage,
  ],
});
