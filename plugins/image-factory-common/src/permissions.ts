import { RESOURCE_TYPE_CATALOG_ENTITY } from '@backstage/plugin-catalog-common/alpha';
import { createPermission } from '@backstage/plugin-permission-common';

/**
 * See an image's status. A permission of the image's catalog entity, so a
 * policy can use the catalog's rules (`isEntityOwner`, `hasAnnotation`, …);
 * an entity the caller may not read in the catalog is not found either.
 *
 * @public
 */
export const imageFactoryImageReadPermission = createPermission({
  name: 'image-factory.image.read',
  attributes: { action: 'read' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Trigger an ordinary rebuild of a managed image. Ordinary rebuilds respect the
 * rebuild delay: an image that is not eligible yet is refused with a 409. A
 * permission of the image's catalog entity: "owners may rebuild their own
 * images" is the catalog's `isEntityOwner` rule.
 *
 * @public
 */
export const imageFactoryRebuildCreatePermission = createPermission({
  name: 'image-factory.rebuild.create',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Trigger an emergency rebuild that bypasses the rebuild delay. Needs a written
 * justification and is audited and counted.
 *
 * @public
 */
export const imageFactoryRebuildEmergencyPermission = createPermission({
  name: 'image-factory.rebuild.emergency',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Run the pipeline now (analysis, discovery, eligibility) instead of waiting for
 * the schedule; also covers analysing one entity on demand.
 *
 * @public
 */
export const imageFactoryRefreshPermission = createPermission({
  name: 'image-factory.refresh',
  attributes: { action: 'update' },
});

/**
 * Every Image Factory permission, for registering with the permission framework.
 *
 * @public
 */
export const imageFactoryPermissions = [
  imageFactoryImageReadPermission,
  imageFactoryRebuildCreatePermission,
  imageFactoryRebuildEmergencyPermission,
  imageFactoryRefreshPermission,
];
