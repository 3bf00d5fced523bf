import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import { RESOURCE_TYPE_CATALOG_ENTITY } from '@backstage/plugin-catalog-common/alpha';
import {
  AuthorizeResult,
  BasicPermission,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  formatEntityRef,
  imageFactoryImageReadPermission,
} from '@image-factory/backstage-plugin-image-factory-common';
import { Request } from 'express';
import { ImageFactoryService, imageNotFound } from '../ImageFactoryService';
import { EndpointServices } from './types';

/** The caller's credentials, once `permission` allows it. */
export async function authorize(
  services: Pick<EndpointServices, 'httpAuth' | 'permissions'>,
  req: Request,
  permission: BasicPermission,
): Promise<BackstageCredentials> {
  const credentials = await services.httpAuth.credentials(req);
  const [decision] = await services.permissions.authorize([{ permission }], {
    credentials,
  });
  if (decision.result !== AuthorizeResult.ALLOW) {
    throw new NotAllowedError(`Not allowed: ${permission.name}`);
  }
  return credentials;
}

/**
 * The caller's credentials, once it may see the image and act on it. An
 * image is its catalog entity's: one the caller may not read in the catalog,
 * or whose image it may not read, is not found (the same answer as for an
 * entity that is not enrolled, so nothing is revealed); one it may read but
 * not act on is 403.
 */
export async function authorizeOnEntity(
  services: EndpointServices & {
    model: Pick<ImageFactoryService, 'isVisible'>;
  },
  req: Request,
  entityRef: string,
  permission?: ResourcePermission<typeof RESOURCE_TYPE_CATALOG_ENTITY>,
): Promise<BackstageCredentials> {
  const credentials = await services.httpAuth.credentials(req);
  const asked = permission
    ? [imageFactoryImageReadPermission, permission]
    : [imageFactoryImageReadPermission];
  const [visible, ...decisions] = await Promise.all([
    services.model.isVisible(entityRef, credentials),
    ...asked.map(p =>
      services.permissions
        .authorize([{ permission: p, resourceRef: entityRef }], {
          credentials,
        })
        .then(([decision]) => decision.result === AuthorizeResult.ALLOW),
    ),
  ]);
  if (!visible || !decisions[0]) {
    throw imageNotFound(entityRef);
  }
  if (permission && !decisions[1]) {
    throw new NotAllowedError(`Not allowed: ${permission.name}`);
  }
  return credentials;
}

/**
 * The ref of the image route's entity as enrollment writes it (kind and
 * namespace lower-cased, name as given), so it finds the image stored under
 * that ref.
 */
export function entityRefOf(params: {
  namespace: string;
  kind: string;
  name: string;
}): string {
  const { namespace, kind, name } = params;
  return formatEntityRef({ kind, metadata: { namespace, name } });
}
