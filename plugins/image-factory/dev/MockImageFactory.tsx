import { permissionApiRef } from '@backstage/plugin-permission-react';
import { mockApis, TestApiProvider } from '@backstage/test-utils';
import { ReactElement, ReactNode } from 'react';
import { SWRConfig } from 'swr';
import { imageFactoryApiRef } from '../src/api';
import { createMockImageFactoryApi } from './mockImageFactoryApi';

/**
 * One mocked backend for every mock page of the dev app, so a rebuild asked
 * for on the card shows on the tab and the fleet page too.
 */
const sharedMockApi = createMockImageFactoryApi();

/**
 * Serves its children the mocked Image Factory API and a permission API that
 * allows everything, in front of the app's own APIs (which talk to the dev
 * backend): the mock pages work with no backend running.
 */
export function MockImageFactory(props: { children: ReactNode }): ReactElement {
  return (
    <TestApiProvider
      apis={[
        [imageFactoryApiRef, sharedMockApi],
        [permissionApiRef, mockApis.permission()],
      ]}
    >
      {/* usePermission caches answers by permission, not by API: without a
          cache of their own these pages would show the dev backend's answers. */}
      <SWRConfig value={{ provider: () => new Map() }}>
        {props.children}
      </SWRConfig>
    </TestApiProvider>
  );
}
