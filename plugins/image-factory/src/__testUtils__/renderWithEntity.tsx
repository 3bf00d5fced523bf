import { Entity } from '@backstage/catalog-model';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import {
  PermissionApi,
  permissionApiRef,
} from '@backstage/plugin-permission-react';
import {
  ScmIntegrationsApi,
  scmIntegrationsApiRef,
} from '@backstage/integration-react';
import { SignalApi, signalApiRef } from '@backstage/plugin-signals-react';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { ReactElement } from 'react';
import { ImageFactoryApi, imageFactoryApiRef } from '../api';
import { rootRouteRef } from '../routes';
import { paymentsEntity } from './fixtures';
import { FreshPermissionCache, recordingPermissionApi } from './permissions';

/**
 * Renders an entity page element with the Image Factory API, permissions and
 * SCM integrations, in an app with entity pages and the fleet page.
 */
export function renderWithEntity(
  element: ReactElement,
  options: {
    api: ImageFactoryApi;
    permissionApi?: PermissionApi;
    entity?: Entity;
    /** The app's signals; absent: an app without the signals plugin. */
    signalApi?: SignalApi;
  },
) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [imageFactoryApiRef, options.api],
        [permissionApiRef, options.permissionApi ?? recordingPermissionApi()],
        // With no integrations configured, the default ones: github.com.
        [
          scmIntegrationsApiRef,
          ScmIntegrationsApi.fromConfig(mockApis.config()),
        ],
        ...(options.signalApi
          ? [[signalApiRef, options.signalApi] as const]
          : []),
      ]}
    >
      <FreshPermissionCache>
        <EntityProvider entity={options.entity ?? paymentsEntity}>
          {element}
        </EntityProvider>
      </FreshPermissionCache>
    </TestApiProvider>,
    {
      mountedRoutes: {
        '/catalog/:namespace/:kind/:name': entityRouteRef,
        '/image-factory': rootRouteRef,
      },
    },
  );
}
