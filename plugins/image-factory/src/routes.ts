import { createRouteRef, createSubRouteRef } from '@backstage/core-plugin-api';

/**
 * Route of the Image Factory fleet page in the legacy frontend system.
 *
 * @public
 */
export const rootRouteRef = createRouteRef({ id: 'image-factory' });

/**
 * The page of one base image, below the fleet page.
 *
 * @public
 */
export const baseImageRouteRef = createSubRouteRef({
  id: 'image-factory/base-image',
  parent: rootRouteRef,
  path: '/base-images/:name',
});
