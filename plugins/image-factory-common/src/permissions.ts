import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Trigger an ordinary rebuild of a managed image. Ordinary rebuilds respect the
 * rebuild delay: an image that is not eligible yet is refused with a 409.
 *
 * @public
 */
export const imageFactoryRebuildCreatePermission = createPermission({
  name: 'image-factory.rebuild.create',
  attributes: { action: 'update' },
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
  imageFactoryRebuildCreatePermission,
  imageFactoryRebuildEmergencyPermission,
  imageFactoryRefreshPermission,
];
