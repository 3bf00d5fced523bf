import { Entity } from '@backstage/catalog-model';
import {
  entityRouteParams,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { useOptionalRouteRef } from './useOptionalRouteRef';

/**
 * Where the entity's Image Status tab is: the new frontend system mounts it
 * at `image-status` below the entity page, and the README has legacy apps use
 * the same path. Undefined where the app has no entity page route.
 */
export function useImageStatusTabPath(entity: Entity): string | undefined {
  const entityPath = useOptionalRouteRef(entityRouteRef)?.(
    entityRouteParams(entity, { encodeParams: true }),
  );
  return entityPath && `${entityPath.replace(/\/$/, '')}/image-status`;
}
