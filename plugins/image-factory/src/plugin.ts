import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { ImageFactoryApiClient } from '@image-factory/backstage-plugin-image-factory-common';
import { ReactElement } from 'react';
import { imageFactoryApiRef } from './api';
import { baseImageRouteRef, rootRouteRef } from './routes';

/**
 * The Image Factory plugin for Backstage's legacy frontend system.
 *
 * @public
 */
export const imageFactoryPlugin = createPlugin({
  id: 'image-factory',
  apis: [
    createApiFactory({
      api: imageFactoryApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new ImageFactoryApiClient({ discoveryApi, fetchApi }),
    }),
  ],
  routes: { root: rootRouteRef, baseImage: baseImageRouteRef },
});

// The components are typed explicitly: the inferred types would name the
// component modules, which the package does not export.

/**
 * Overview card for enrolled entities; render it where
 * `isImageFactoryAvailable(entity)` holds.
 *
 * @public
 */
export const EntityImageFactoryCard: () => ReactElement =
  imageFactoryPlugin.provide(
    createComponentExtension({
      name: 'EntityImageFactoryCard',
      component: {
        lazy: () =>
          import('./components/EntityImageFactoryCard').then(
            m => m.EntityImageFactoryCard,
          ),
      },
    }),
  );

/**
 * The Image Status tab for enrolled entities.
 *
 * @public
 */
export const EntityImageFactoryContent: () => ReactElement =
  imageFactoryPlugin.provide(
    createComponentExtension({
      name: 'EntityImageFactoryContent',
      component: {
        lazy: () =>
          import('./components/EntityImageFactoryContent').then(
            m => m.EntityImageFactoryContent,
          ),
      },
    }),
  );

/**
 * The fleet page, mounted at a route of the app's choosing (`/image-factory`).
 *
 * @public
 */
export const ImageFactoryPage: () => ReactElement = imageFactoryPlugin.provide(
  createRoutableExtension({
    name: 'ImageFactoryPage',
    component: () =>
      import('./components/ImageFactoryPage').then(m => m.ImageFactoryPage),
    mountPoint: rootRouteRef,
  }),
);
