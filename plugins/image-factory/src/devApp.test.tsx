import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { renderInTestApp } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { Route, Routes } from 'react-router-dom';
import { mockPages } from '../dev/pages';
import { fakeImageFactoryApi } from './__testUtils__/fakeImageFactoryApi';
import { renderWithEntity } from './__testUtils__/renderWithEntity';

// The mock pages of the dev app (`yarn start`) bring their own API: the fake
// around them rejects every call, so what renders came from dev/'s mock.
describe('the dev app on the mocked API', () => {
  it('shows the example image on the entity card', async () => {
    await renderWithEntity(mockPages.card, { api: fakeImageFactoryApi() });
    expect(
      await screen.findByText('ghcr.io/acme/payments'),
    ).toBeInTheDocument();
    expect(screen.getByText('Eligible in 3d 4h')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Rebuild' })).toBeEnabled();
  });

  it('shows the example base images on the Image Status tab', async () => {
    await renderWithEntity(mockPages.content, { api: fakeImageFactoryApi() });
    expect(
      (await screen.findAllByText('docker.io/library/node:22-bookworm-slim'))
        .length,
    ).toBeGreaterThan(0);
  });

  it('lists the example fleet on the fleet page', async () => {
    // As the dev app mounts it: a routable extension needs a route of its own.
    await renderInTestApp(
      <Routes>
        <Route path="/mock/image-factory" element={mockPages.fleet} />
      </Routes>,
      {
        routeEntries: ['/mock/image-factory'],
        mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      },
    );
    const table = await screen.findByRole('table', {
      name: 'Enrolled images',
    });
    for (const image of [
      'ghcr.io/acme/payments',
      'ghcr.io/acme/checkout',
      'docker.io/library/postgres:16',
    ]) {
      expect(within(table).getByText(image)).toBeInTheDocument();
    }
  });
});
