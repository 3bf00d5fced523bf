import { Entity } from '@backstage/catalog-model';
import { coreExtensionData } from '@backstage/frontend-plugin-api';
import {
  createExtensionTester,
  renderTestApp,
} from '@backstage/frontend-test-utils';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { mockApis } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { imageFactoryApiRef } from '../api';
import { fakeImageFactoryApi } from '../__testUtils__/fakeImageFactoryApi';
import { paymentsEntity } from '../__testUtils__/fixtures';
import imageFactoryPlugin from '../alpha';
import {
  imageFactoryEntityCard,
  imageFactoryEntityContent,
  imageFactoryPage,
} from './extensions';

const unenrolled: Entity = {
  ...paymentsEntity,
  metadata: { name: 'docs-site', annotations: {} },
};

describe('Image Factory in the new frontend system', () => {
  it('exposes its extensions under the ids the README documents', () => {
    for (const id of [
      'api:image-factory',
      'entity-card:image-factory',
      'entity-content:image-factory',
      'page:image-factory',
    ] as const) {
      expect(imageFactoryPlugin.getExtension(id)).toBeDefined();
    }
  });

  it('adds the Image Status tab to enrolled entities only', () => {
    const tester = createExtensionTester(imageFactoryEntityContent);
    expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe(
      'Image Status',
    );
    expect(tester.get(coreExtensionData.routePath)).toBe('image-status');
    const filter = tester.get(EntityContentBlueprint.dataRefs.filterFunction)!;
    expect(filter(paymentsEntity)).toBe(true);
    expect(filter(unenrolled)).toBe(false);
  });

  it('adds the card to enrolled entities only', () => {
    const tester = createExtensionTester(imageFactoryEntityCard);
    const filter = tester.get(EntityCardBlueprint.dataRefs.filterFunction)!;
    expect(filter(paymentsEntity)).toBe(true);
    expect(filter(unenrolled)).toBe(false);
  });

  it('mounts the fleet page at /image-factory under its title', () => {
    const tester = createExtensionTester(imageFactoryPage);
    expect(tester.get(coreExtensionData.routePath)).toBe('/image-factory');
    expect(tester.get(coreExtensionData.title)).toBe('Image Factory');
  });

  it('serves the fleet page from the installed plugin', async () => {
    const api = fakeImageFactoryApi({
      listImages: async () => ({
        items: [],
        totalCount: 0,
        emergencyRebuildCount: 0,
      }),
      listBaseImages: async () => ({ items: [], totalCount: 0 }),
      getGraph: async () => ({ nodes: [], edges: [], totalImageCount: 0 }),
    });
    renderTestApp({
      features: [imageFactoryPlugin],
      apis: [
        [imageFactoryApiRef, api],
        [permissionApiRef, mockApis.permission()],
      ],
      initialRouteEntries: ['/image-factory'],
    });
    expect(await screen.findByText('No enrolled images')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Refresh now' })).toBeEnabled();
  });
});
