import { Content } from '@backstage/core-components';
import {
  ApiBlueprint,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import BuildIcon from '@material-ui/icons/Build';
import { ImageFactoryApiClient } from '@image-factory/backstage-plugin-image-factory-common';
import { imageFactoryApiRef } from '../api';
import { isImageFactoryAvailable } from '../isImageFactoryAvailable';
import { fleetRouteRef } from './routes';

/** The generated `ImageFactoryApiClient` as the app's Image Factory API. */
export const imageFactoryApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: imageFactoryApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new ImageFactoryApiClient({ discoveryApi, fetchApi }),
    }),
});

/** The overview card, on enrolled entities only. */
export const imageFactoryEntityCard = EntityCardBlueprint.make({
  params: {
    filter: isImageFactoryAvailable,
    loader: () =>
      import('../components/EntityImageFactoryCard').then(
        ({ EntityImageFactoryCard }) => <EntityImageFactoryCard />,
      ),
  },
});

/** The Image Status tab, on enrolled entities only. */
export const imageFactoryEntityContent = EntityContentBlueprint.make({
  params: {
    path: 'image-status',
    title: 'Image Status',
    filter: isImageFactoryAvailable,
    loader: () =>
      import('../components/EntityImageFactoryContent').then(
        ({ EntityImageFactoryContent }) => <EntityImageFactoryContent />,
      ),
  },
});

/**
 * The fleet page. Its title and icon also make the app's navigation list it:
 * in this version of the frontend system nav items are derived from pages.
 */
export const imageFactoryPage = PageBlueprint.make({
  params: {
    path: '/image-factory',
    title: 'Image Factory',
    icon: <BuildIcon fontSize="inherit" />,
    routeRef: fleetRouteRef,
    loader: () =>
      import('../components/ImageFactoryPage').then(
        ({ ImageFactoryRoutes }) => (
          // The page supplies the header, not the content's padding.
          <Content>
            <ImageFactoryRoutes />
          </Content>
        ),
      ),
  },
});
