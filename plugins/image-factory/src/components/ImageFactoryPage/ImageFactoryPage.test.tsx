import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import {
  BaseImageList,
  DependencyGraph,
  ImageList,
  PAGE_LIMITS,
  ImageListItem,
} from '@image-factory/backstage-plugin-image-factory-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ImageFactoryApi, imageFactoryApiRef } from '../../api';
import { seriousA11yViolations } from '../../__testUtils__/axe';
import {
  fakeImageFactoryApi,
  pipelineRun,
} from '../../__testUtils__/fakeImageFactoryApi';
import {
  FreshPermissionCache,
  permissionAnswered,
  recordingPermissionApi,
} from '../../__testUtils__/permissions';
import {
  digests,
  fromNow,
  imageStatus,
  units,
} from '../../__testUtils__/fixtures';
import { responseError } from '../../__testUtils__/responseError';
import { rootRouteRef } from '../../routes';
import { ImageFactoryPage } from './ImageFactoryPage';

function item(
  name: string,
  overrides: Partial<ImageListItem> = {},
): ImageListItem {
  return {
    entityRef: `component:default/${name}`,
    kind: 'managed',
    image: `ghcr.io/acme/${name}`,
    owner: 'group:default/payments-team',
    eligibility: { state: 'up-to-date' },
    baseImageCount: 1,
    ...overrides,
  };
}

const images: ImageList = {
  totalCount: 2,
  emergencyRebuildCount: 3,
  items: [
    item('payments', {
      eligibility: {
        state: 'pending',
        eligibleAt: fromNow(3 * units.DAY + 4 * units.HOUR + 30 * units.MINUTE),
      },
      staleSince: fromNow(-2 * units.DAY),
      upstreamCriticalFixes: 2,
      baseImageCount: 2,
      lastRebuild: imageStatus().rebuilds[0],
    }),
    item('checkout', { owner: 'group:default/shop-team' }),
  ],
};

/** A page as the server orders it: the most dependents first. */
const baseImages: BaseImageList = {
  totalCount: 2,
  items: [
    {
      ref: 'docker.io/library/node:22-bookworm-slim',
      name: 'docker-io-library-node-22-bookworm-slim',
      registry: 'docker.io',
      repository: 'library/node',
      tag: '22-bookworm-slim',
      currentDigest: digests.nodeNew,
      lastUpdated: fromNow(-2 * units.DAY),
      dependents: ['component:default/payments', 'component:default/checkout'],
    },
    {
      ref: 'gcr.io/distroless/base-debian12:latest',
      name: 'gcr-io-distroless-base-debian12-latest',
      registry: 'gcr.io',
      repository: 'distroless/base-debian12',
      tag: 'latest',
      currentDigest: digests.distroless,
      lastUpdated: fromNow(-30 * units.DAY),
      dependents: ['component:default/payments'],
    },
  ],
};

const graph: DependencyGraph = {
  nodes: [
    {
      id: 'node',
      kind: 'base',
      label: 'docker.io/library/node:22-bookworm-slim',
      baseImage: 'docker-io-library-node-22-bookworm-slim',
    },
    {
      id: 'payments',
      kind: 'managed',
      label: 'ghcr.io/acme/payments',
      entityRef: 'component:default/payments',
      state: 'pending',
      owner: 'group:default/payments',
    },
  ],
  edges: [{ from: 'payments', to: 'node' }],
  totalImageCount: 1,
};

async function renderPage(
  methods: Partial<ImageFactoryApi> = {},
  allowed?: string[],
) {
  const api = fakeImageFactoryApi({
    listImages: jest.fn(async () => images),
    listBaseImages: jest.fn(async () => baseImages),
    getGraph: jest.fn(async () => graph),
    ...methods,
  });
  const permissionApi = recordingPermissionApi(allowed);
  const rendered = await renderInTestApp(
    <TestApiProvider
      apis={[
        [imageFactoryApiRef, api],
        [permissionApiRef, permissionApi],
      ]}
    >
      <FreshPermissionCache>
        <ImageFactoryPage />
      </FreshPermissionCache>
    </TestApiProvider>,
    {
      mountedRoutes: {
        '/image-factory': rootRouteRef,
        '/catalog/:namespace/:kind/:name': entityRouteRef,
      },
    },
  );
  return { api, permissionApi, container: rendered.container };
}

/** The filters named `name`, e.g. those of the enrolled images. */
function filters(name: string) {
  return within(screen.getByRole('search', { name }));
}
const imageFilters = () => filters('Filter enrolled images');

/** The "Next page" button of the paging control named `name`. */
function nextPage(name: string): HTMLElement {
  return within(screen.getByRole('navigation', { name })).getByRole('button', {
    name: 'Next page',
  });
}

describe('ImageFactoryPage', () => {
  it('lists enrolled images most urgent first with their eligibility', async () => {
    const { api } = await renderPage();

    const table = await screen.findByRole('table', { name: 'Enrolled images' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveTextContent('ghcr.io/acme/payments');
    expect(rows[0]).toHaveTextContent('Pending');
    expect(rows[0]).toHaveTextContent('Eligible in 3d 4h');
    expect(rows[0]).toHaveTextContent('2d ago');
    expect(rows[0]).toHaveTextContent('Succeeded');
    // Why it is first: critical vulnerabilities the newest base digests fix.
    expect(rows[0]).toHaveTextContent('2 critical fixed upstream');
    expect(rows[1]).not.toHaveTextContent('fixed upstream');
    expect(rows[1]).toHaveTextContent('not stale');
    expect(rows[1]).toHaveTextContent('never');
    expect(api.listImages).toHaveBeenCalledWith({
      query: {
        order: 'staleness',
        offset: 0,
        limit: 25,
        state: undefined,
        owner: undefined,
        search: undefined,
      },
    });
    expect(
      screen.getByRole('heading', { name: 'Image Factory' }),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'Rebuilds before the delay across the fleet (emergency and evidence): 3',
      ),
    ).toBeInTheDocument();
  });

  it('filters by state', async () => {
    const { api } = await renderPage();
    await screen.findByRole('table', { name: 'Enrolled images' });

    await userEvent.click(
      imageFilters().getByRole('button', { name: /^State/ }),
    );
    await userEvent.click(
      await screen.findByRole('option', { name: 'Failed' }),
    );

    await waitFor(() =>
      expect(api.listImages).toHaveBeenLastCalledWith({
        query: expect.objectContaining({ state: 'failed', offset: 0 }),
      }),
    );
  });

  it('filters by an owner seen in the list', async () => {
    const { api } = await renderPage();
    await screen.findByRole('table', { name: 'Enrolled images' });

    await userEvent.click(
      imageFilters().getByRole('textbox', { name: 'Owner' }),
    );
    await userEvent.click(
      await screen.findByRole('option', { name: 'group:default/shop-team' }),
    );

    await waitFor(() =>
      expect(api.listImages).toHaveBeenLastCalledWith({
        query: expect.objectContaining({ owner: 'group:default/shop-team' }),
      }),
    );
  });

  it('searches and sorts by name on request', async () => {
    const { api } = await renderPage();
    await screen.findByRole('table', { name: 'Enrolled images' });

    await userEvent.type(
      imageFilters().getByRole('searchbox', { name: 'Search' }),
      'pay',
    );
    await waitFor(() =>
      expect(api.listImages).toHaveBeenLastCalledWith({
        query: expect.objectContaining({ search: 'pay' }),
      }),
    );
    await userEvent.click(
      imageFilters().getByRole('button', { name: /^Sort by/ }),
    );
    await userEvent.click(await screen.findByRole('option', { name: 'Name' }));
    await waitFor(() =>
      expect(api.listImages).toHaveBeenLastCalledWith({
        query: expect.objectContaining({ order: 'name', search: 'pay' }),
      }),
    );
  });

  it('pages through a long list on the server', async () => {
    const { api } = await renderPage({
      listImages: jest.fn(async () => ({ ...images, totalCount: 60 })),
    });
    await screen.findByRole('table', { name: 'Enrolled images' });

    await userEvent.click(nextPage('Enrolled images pages'));

    await waitFor(() =>
      expect(api.listImages).toHaveBeenLastCalledWith({
        query: expect.objectContaining({ offset: 25, limit: 25 }),
      }),
    );
  });

  it('explains how to enroll when nothing is enrolled', async () => {
    await renderPage({
      listImages: async () => ({
        items: [],
        totalCount: 0,
        emergencyRebuildCount: 0,
      }),
      listBaseImages: async () => ({ items: [], totalCount: 0 }),
      getGraph: async () => ({ nodes: [], edges: [], totalImageCount: 0 }),
    });
    expect(await screen.findByText('No enrolled images')).toBeInTheDocument();
    expect(screen.getByText(/No base images yet/)).toBeInTheDocument();
    expect(
      screen.getByText(/No images yet: the graph fills in/),
    ).toBeInTheDocument();
  });

  it('shows a backend error in an error panel', async () => {
    const error = await responseError(500, {
      name: 'Error',
      message: 'database is locked',
    });
    await renderPage({ listImages: () => Promise.reject(error) });
    expect(await screen.findByText('database is locked')).toBeInTheDocument();
  });

  it('lists the first page of base images in the order the server gives', async () => {
    const { api } = await renderPage();
    const table = await screen.findByRole('table', { name: 'Base images' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows[0]).toHaveTextContent(
      'docker.io/library/node:22-bookworm-slim',
    );
    expect(rows[0]).toHaveTextContent('2 images');
    expect(
      within(rows[0]).getByRole('link', {
        name: 'docker.io/library/node:22-bookworm-slim',
      }),
    ).toHaveAttribute(
      'href',
      '/image-factory/base-images/docker-io-library-node-22-bookworm-slim',
    );
    expect(rows[1]).toHaveTextContent('gcr.io/distroless/base-debian12');
    expect(rows[1]).toHaveTextContent('1 image');
    expect(api.listBaseImages).toHaveBeenCalledWith({
      query: { offset: 0, limit: 25 },
    });
    expect(
      within(
        screen.getByRole('navigation', { name: 'Base images pages' }),
      ).getByText('1-2 of 2'),
    ).toBeInTheDocument();
  });

  it('pages through base images on the server', async () => {
    const { api } = await renderPage({
      listBaseImages: jest.fn(async () => ({ ...baseImages, totalCount: 60 })),
    });
    await screen.findByRole('table', { name: 'Base images' });

    await userEvent.click(nextPage('Base images pages'));

    await waitFor(() =>
      expect(api.listBaseImages).toHaveBeenLastCalledWith({
        query: { offset: 25, limit: 25 },
      }),
    );
  });

  it('draws the dependency graph with images linked to their entity pages and base images to theirs', async () => {
    await renderPage();
    const graphGroup = await screen.findByRole('group', {
      name: /Dependency graph/,
    });
    // Drawn once Backstage's graph has measured and laid out its nodes.
    const link = await within(graphGroup).findByRole('link', {
      name: /^ghcr.io\/acme\/payments, managed image, pending, owned by group:default\/payments, built on docker.io\/library\/node:22-bookworm-slim/,
    });
    expect(link).toHaveAttribute('href', '/catalog/default/component/payments');
    expect(
      within(graphGroup).getByRole('link', {
        name: 'docker.io/library/node:22-bookworm-slim, base image, used by 1 image',
      }),
    ).toHaveAttribute(
      'href',
      '/image-factory/base-images/docker-io-library-node-22-bookworm-slim',
    );
  });

  it('filters the dependency graph by state, owner and text, from its first page', async () => {
    const { api } = await renderPage();
    await screen.findByRole('group', { name: /Dependency graph/ });
    const graphFilters = () => filters('Filter the dependency graph');

    await userEvent.click(
      graphFilters().getByRole('button', { name: /^State/ }),
    );
    await userEvent.click(
      await screen.findByRole('option', { name: 'Pending' }),
    );
    // The graph's own owners are suggested.
    await userEvent.click(
      graphFilters().getByRole('textbox', { name: 'Owner' }),
    );
    await userEvent.click(
      await screen.findByRole('option', { name: 'group:default/payments' }),
    );
    await userEvent.type(
      graphFilters().getByRole('searchbox', { name: 'Search' }),
      'pay',
    );
    await waitFor(() =>
      expect(api.getGraph).toHaveBeenLastCalledWith({
        query: {
          state: 'pending',
          owner: 'group:default/payments',
          search: 'pay',
          offset: 0,
          limit: PAGE_LIMITS.graph.default,
        },
      }),
    );
    // A graph has no order to choose, and the list's filters stay as they were.
    expect(
      graphFilters().queryByRole('button', { name: /^Sort by/ }),
    ).not.toBeInTheDocument();
    expect(api.listImages).toHaveBeenLastCalledWith({
      query: expect.objectContaining({ state: undefined, owner: undefined }),
    });
  });

  it("says so when no image matches the graph's filters", async () => {
    await renderPage({
      getGraph: jest.fn(async () => ({
        nodes: [],
        edges: [],
        totalImageCount: 0,
      })),
    });
    await screen.findByText(/No images yet: the graph fills in/);
    await userEvent.type(
      filters('Filter the dependency graph').getByRole('searchbox', {
        name: 'Search',
      }),
      'zzz',
    );
    expect(
      await screen.findByText('No images match these filters.'),
    ).toBeInTheDocument();
  });

  it('draws the graph of a small fleet in one page, without paging', async () => {
    const { api } = await renderPage();
    await screen.findByRole('group', { name: /Dependency graph/ });

    expect(api.getGraph).toHaveBeenCalledTimes(1);
    expect(api.getGraph).toHaveBeenCalledWith({
      query: { offset: 0, limit: 200 },
    });
    expect(
      screen.queryByRole('navigation', { name: 'Dependency graph pages' }),
    ).not.toBeInTheDocument();
  });

  it('pages the dependency graph when the fleet has more images than a page', async () => {
    const { api } = await renderPage({
      getGraph: jest.fn(async () => ({ ...graph, totalImageCount: 450 })),
    });
    const paging = await screen.findByRole('navigation', {
      name: 'Dependency graph pages',
    });
    expect(within(paging).getByText('Images 1–200 of 450')).toBeInTheDocument();

    await userEvent.click(nextPage('Dependency graph pages'));

    await waitFor(() =>
      expect(api.getGraph).toHaveBeenLastCalledWith({
        query: { offset: 200, limit: 200 },
      }),
    );
    expect(
      await within(paging).findByText('Images 201–400 of 450'),
    ).toBeInTheDocument();
  });

  it('refreshes now, reloads the lists and reports what the run did', async () => {
    const refresh = jest.fn(async () => pipelineRun());
    const getRun = jest.fn(async () =>
      pipelineRun({
        status: 'succeeded',
        summary: {
          startedAt: fromNow(-units.MINUTE),
          finishedAt: fromNow(0),
          analyzed: 2,
          checked: 5,
          newFreight: 1,
          rebuildsTriggered: 0,
          commit: '0123456789abcdef0123',
          errors: ['docker.io: 429 Too Many Requests'],
        },
      }),
    );
    const { api } = await renderPage({ refresh, getRun });
    await screen.findByRole('table', { name: 'Enrolled images' });

    await userEvent.click(screen.getByRole('button', { name: 'Refresh now' }));

    expect(
      await screen.findByText(
        /2 images analysed, 5 tags checked, 1 new digest, 0 rebuilds triggered/,
        {},
        { timeout: 3000 },
      ),
    ).toHaveTextContent('state repository commit 0123456789ab');
    expect(
      screen.getByText('docker.io: 429 Too Many Requests'),
    ).toBeInTheDocument();
    await waitFor(() => expect(api.listImages).toHaveBeenCalledTimes(2));
    expect(api.getGraph).toHaveBeenCalledTimes(2);
  });

  it('hides Refresh now without the refresh permission', async () => {
    const { permissionApi } = await renderPage({}, []);
    await screen.findByRole('table', { name: 'Enrolled images' });
    await permissionAnswered(permissionApi, 'image-factory.refresh');
    expect(
      screen.queryByRole('button', { name: 'Refresh now' }),
    ).not.toBeInTheDocument();
  });

  it('has no serious accessibility violations', async () => {
    const { container } = await renderPage();
    await screen.findByRole('table', { name: 'Enrolled images' });
    await screen.findByRole('group', { name: /Dependency graph/ });
    expect(await seriousA11yViolations(container)).toEqual([]);
  });
});
