import { convertLegacyRouteRef } from '@backstage/core-compat-api';
import { baseImageRouteRef, rootRouteRef } from '../routes';

// The legacy system's refs, converted in place: the components both systems
// share resolve one ref, whichever system the app runs.

/** Route of the fleet page in the new frontend system. */
export const fleetRouteRef = convertLegacyRouteRef(rootRouteRef);

/** The page of one base image, below the fleet page. */
export const fleetBaseImageRouteRef = convertLegacyRouteRef(baseImageRouteRef);
