import { createRouteRef } from '@backstage/frontend-plugin-api';

/** Route of the fleet page in the new frontend system. */
export const fleetRouteRef = createRouteRef();
