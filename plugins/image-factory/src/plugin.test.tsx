import {
  entityRouteRef,
  EntityProvider,
} from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { Route, Routes } from 'react-router-dom';
import { fakeImageFactoryApi } from './__testUtils__/fakeImageFactoryApi';
import { imageStatus, paymentsEntity } from './__testUtils__/fixtures';
import {
  EntityImageFactoryCard,
  EntityImageFactoryContent,
  imageFactoryApiRef,
  imageFactoryPlugin,
  ImageFactoryPage,
} from './index';

describe('Image Factory in the legacy frontend system', () => {
  const api = fakeImageFactoryApi({
    getImage: async () => imageStatus(),
    listImages: async () => ({
      items: [],
      totalCount: 0,
      emergencyRebuildCount: 0,
    }),
    listBaseImages: async () => ({ items: [], totalCount: 0 }),
    getGraph: async () => ({ nodes: [], edges: [], totalImageCount: 0 }),
  });
  const apis = [
    [imageFactoryApiRef, api],
    [permissionApiRef, mockApis.permission()],
  ] as const;

  it('is the image-factory plugin and provides the API', () => {
    expect(imageFactoryPlugin.getId()).toBe('image-factory');
    expect(
      [...imageFactoryPlugin.getApis()].map(factory => factory.api.id),
    ).toEqual(['plugin.image-factory.api']);
  });

  it('renders the fleet page with its header', async () => {
    await renderInTestApp(
      <TestApiProvider apis={apis}>
        <Routes>
          <Route path="/image-factory" element={<ImageFactoryPage />} />
        </Routes>
      </TestApiProvider>,
      {
        routeEntries: ['/image-factory'],
        mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      },
    );
    expect(
      await screen.findByRole('heading', { name: 'Image Factory' }),
    ).toBeInTheDocument();
    expect(await screen.findByText('No enrolled images')).toBeInTheDocument();
  });

  it('renders the card and the tab on an entity page', async () => {
    await renderInTestApp(
      <TestApiProvider apis={apis}>
        <EntityProvider entity={paymentsEntity}>
          <EntityImageFactoryCard />
          <EntityImageFactoryContent />
        </EntityProvider>
      </TestApiProvider>,
      { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
    );
    expect(await screen.findAllByText('Eligible in 3d 4h')).toHaveLength(2);
    expect(
      await screen.findByRole('table', { name: 'Base images' }),
    ).toBeInTheDocument();
  });
});
