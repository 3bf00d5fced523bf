import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import {
  BaseImageDetail,
  shortDigest,
} from '@image-factory/backstage-plugin-image-factory-common';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ImageFactoryApi, imageFactoryApiRef } from '../../api';
import { rootRouteRef } from '../../routes';
import { seriousA11yViolations } from '../../__testUtils__/axe';
import { fakeImageFactoryApi } from '../../__testUtils__/fakeImageFactoryApi';
import {
  digests,
  fromNow,
  imageStatus,
  units,
} from '../../__testUtils__/fixtures';
import {
  FreshPermissionCache,
  recordingPermissionApi,
} from '../../__testUtils__/permissions';
import { responseError } from '../../__testUtils__/responseError';
import { ImageFactoryRoutes } from '../ImageFactoryPage/ImageFactoryRoutes';

const NAME = 'docker-io-library-node-22-bookworm-slim';

const node: BaseImageDetail = {
  ref: 'docker.io/library/node:22-bookworm-slim',
  name: NAME,
  registry: 'docker.io',
  repository: 'library/node',
  tag: '22-bookworm-slim',
  currentDigest: digests.nodeNew,
  previousDigest: digests.nodeOld,
  lastUpdated: fromNow(-2 * units.DAY),
  firstDiscovered: fromNow(-40 * units.DAY),
  dependents: ['component:default/payments'],
  updates: [
    {
      digest: digests.nodeNew,
      firstSeen: fromNow(-2 * units.DAY),
      platformDigests: {
        'linux/amd64': `sha256:${'1'.repeat(64)}`,
        'linux/arm64': `sha256:${'2'.repeat(64)}`,
      },
    },
    { digest: digests.nodeOld, firstSeen: fromNow(-40 * units.DAY) },
  ],
  paths: {
    stateFile: `state/base-images/${NAME}.yaml`,
    warehouseManifest: `manifests/warehouses/${NAME}.yaml`,
  },
  links: {
    stateFile: `https://github.com/acme/state/blob/main/state/base-images/${NAME}.yaml`,
    warehouseManifest: `https://github.com/acme/state/blob/main/manifests/warehouses/${NAME}.yaml`,
  },
};

/** The value of a term of the base image's details. */
function definitionOf(term: string): HTMLElement {
  return screen.getByText(term, { selector: 'dt' })
    .nextElementSibling as HTMLElement;
}

async function renderBaseImagePage(methods: Partial<ImageFactoryApi>) {
  const api = fakeImageFactoryApi({
    listImages: jest.fn(async () => ({
      totalCount: 1,
      emergencyRebuildCount: 0,
      items: [
        {
          entityRef: 'component:default/payments',
          kind: 'managed' as const,
          image: 'ghcr.io/acme/payments',
          owner: 'group:default/payments-team',
          eligibility: { state: 'pending' as const },
          baseImageCount: 2,
          lastRebuild: imageStatus().rebuilds[0],
        },
      ],
    })),
    ...methods,
  });
  const rendered = await renderInTestApp(
    <TestApiProvider
      apis={[
        [imageFactoryApiRef, api],
        [permissionApiRef, recordingPermissionApi()],
      ]}
    >
      <FreshPermissionCache>
        <ImageFactoryRoutes />
      </FreshPermissionCache>
    </TestApiProvider>,
    {
      routeEntries: [`/base-images/${NAME}`],
      mountedRoutes: {
        '/image-factory': rootRouteRef,
        '/catalog/:namespace/:kind/:name': entityRouteRef,
      },
    },
  );
  return { api, container: rendered.container };
}

describe('BaseImagePage', () => {
  it('shows the reference, digests, platforms, freight and the images built on it', async () => {
    const { api, container } = await renderBaseImagePage({
      getBaseImage: jest.fn(async () => node),
    });

    expect(
      await screen.findByRole('heading', { name: node.ref }),
    ).toBeInTheDocument();
    expect(api.getBaseImage).toHaveBeenCalledWith({ path: { name: NAME } });
    expect(screen.getByRole('link', { name: 'All images' })).toHaveAttribute(
      'href',
      '/image-factory',
    );
    expect(definitionOf('Platforms')).toHaveTextContent(
      'linux/amd64, linux/arm64',
    );
    expect(definitionOf('First discovered')).toHaveTextContent('40d ago');
    expect(definitionOf('Previous digest')).toHaveTextContent(
      shortDigest(digests.nodeOld),
    );
    expect(
      within(definitionOf('Current digest')).getByRole('button', {
        name: `Copy docker.io/library/node:22-bookworm-slim@${digests.nodeNew}`,
      }),
    ).toBeInTheDocument();

    // Its files in the state repository, the Warehouse that watches its tag.
    expect(
      within(definitionOf('State repository')).getByRole('link', {
        name: new RegExp(
          `^Warehouse manifest manifests/warehouses/${NAME}\\.yaml`,
        ),
      }),
    ).toHaveAttribute('href', node.links!.warehouseManifest);
    expect(
      within(definitionOf('State repository')).getByRole('link', {
        name: new RegExp(`^State file state/base-images/${NAME}\\.yaml`),
      }),
    ).toHaveAttribute('href', node.links!.stateFile);

    const freight = screen.getByRole('table', {
      name: `Freight of ${node.ref}`,
    });
    const rows = within(freight).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveTextContent('current');
    expect(rows[0]).toHaveTextContent('2d ago');
    expect(rows[0]).toHaveTextContent('linux/arm64');
    expect(rows[1]).toHaveTextContent('single-platform or not recorded');

    // Its dependents, with their eligibility, from the filtered image list.
    const images = await screen.findByRole('table', {
      name: 'Enrolled images',
    });
    expect(within(images).getAllByRole('row')[1]).toHaveTextContent('Pending');
    expect(api.listImages).toHaveBeenCalledWith({
      query: expect.objectContaining({ baseImage: NAME }),
    });
    expect(
      screen.queryByText(/Rebuilds before the delay across the fleet/),
    ).not.toBeInTheDocument();
    expect(await seriousA11yViolations(container)).toEqual([]);
  });

  it("shows each digest's signature and vulnerability scan when its repository has a signing key", async () => {
    await renderBaseImagePage({
      getBaseImage: jest.fn(async () => ({
        ...node,
        updates: [
          {
            ...node.updates[0],
            signature: {
              state: 'invalid' as const,
              detail:
                'The signature is not valid for this digest: it does not verify with the key "release".',
            },
            vulnerabilities: {
              state: 'reported' as const,
              detail: 'Scanned by trivy 0.58.1 on 2026-12-03.',
              scannedAt: '2026-12-03T08:00:00.000Z',
              counts: { critical: 1, high: 2, medium: 0, low: 5, unknown: 0 },
              ids: {
                critical: ['CVE-2026-0001'],
                high: ['CVE-2026-0002', 'CVE-2026-0003'],
              },
            },
          },
          {
            ...node.updates[1],
            signature: {
              state: 'verified' as const,
              detail: 'Signed with the key "release".',
            },
            vulnerabilities: {
              state: 'none' as const,
              detail:
                'No vulnerability attestation: the registry has no attestation tag or referrer for this digest.',
            },
          },
        ],
      })),
    });
    const freight = await screen.findByRole('table', {
      name: `Freight of ${node.ref}`,
    });
    const cells = (row: number) =>
      within(within(freight).getAllByRole('row')[row])
        .getAllByRole(row === 0 ? 'columnheader' : 'cell')
        .map(cell => cell.textContent);
    expect(cells(0)).toEqual([
      'Digest',
      'First seen',
      'Signature',
      'Vulnerabilities',
      'Platforms',
    ]);
    expect(cells(1).slice(2, 4)).toEqual([
      'Bad signature',
      '1 critical · 2 high · 5 low',
    ]);
    expect(cells(2).slice(2, 4)).toEqual(['Signed', 'no attestation']);
    await userEvent.hover(screen.getByText('1 critical · 2 high · 5 low'));
    expect(
      await screen.findByText(
        'Scanned by trivy 0.58.1 on 2026-12-03. Critical: CVE-2026-0001. High: CVE-2026-0002, CVE-2026-0003.',
      ),
    ).toBeInTheDocument();
  });

  it('says why discovery failed', async () => {
    await renderBaseImagePage({
      getBaseImage: jest.fn(async () => ({
        ...node,
        error: 'registry answered 401 Unauthorized',
      })),
    });
    expect(
      await screen.findByText('registry answered 401 Unauthorized'),
    ).toBeInTheDocument();
    expect(screen.getByText(/Discovery failed/)).toBeInTheDocument();
  });

  it('names its files as paths in a local state repository', async () => {
    await renderBaseImagePage({
      getBaseImage: jest.fn(async () => ({ ...node, links: {} })),
    });
    await screen.findByRole('heading', { name: node.ref });
    expect(definitionOf('State repository')).toHaveTextContent(
      `Warehouse manifest: manifests/warehouses/${NAME}.yaml (local state repository)`,
    );
    expect(
      within(definitionOf('State repository')).queryByRole('link'),
    ).not.toBeInTheDocument();
  });

  it('says so when a document stored before base images had paths names none', async () => {
    const { links: _l, paths: _p, ...older } = node;
    await renderBaseImagePage({ getBaseImage: jest.fn(async () => older) });
    await screen.findByRole('heading', { name: node.ref });
    expect(definitionOf('State repository')).toHaveTextContent(
      'Not written to the state repository yet.',
    );
  });

  it('says when no base image has the name, with a way back', async () => {
    await renderBaseImagePage({
      getBaseImage: jest.fn(async () => {
        throw await responseError(404, {
          name: 'NotFoundError',
          message: `No base image named ${NAME}`,
        });
      }),
    });
    expect(await screen.findByText('No such base image')).toBeInTheDocument();
    expect(
      screen.getAllByRole('link', { name: 'All images' })[0],
    ).toHaveAttribute('href', '/image-factory');
  });

  it('shows any other error as the backend gave it', async () => {
    await renderBaseImagePage({
      getBaseImage: jest.fn(async () => {
        throw await responseError(500, {
          name: 'Error',
          message: 'database is locked',
        });
      }),
    });
    expect(
      (await screen.findAllByText(/database is locked/)).length,
    ).toBeGreaterThan(0);
  });
});
