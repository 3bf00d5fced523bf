import { mockCredentials } from '@backstage/backend-test-utils';
import {
  DependencyGraph,
  PAGE_LIMITS,
} from '@image-factory/backstage-plugin-image-factory-common';
import { endpointTestApp } from '../../__testUtils__/endpointTestApp';
import { bindGetGraphEndpoint } from './GetGraph';

const graph: DependencyGraph = {
  nodes: [
    {
      id: 'component:default/payments',
      kind: 'managed',
      label: 'ghcr.io/acme/payments',
      entityRef: 'component:default/payments',
      state: 'pending',
    },
    { id: 'docker.io/library/node:22', kind: 'base', label: 'node:22' },
  ],
  edges: [
    { from: 'component:default/payments', to: 'docker.io/library/node:22' },
  ],
  totalImageCount: 1,
};

describe('GET /graph', () => {
  const model = { getGraph: jest.fn() };
  const app = (options?: Parameters<typeof endpointTestApp>[1]) =>
    endpointTestApp(
      (router, services) =>
        bindGetGraphEndpoint(router, { ...services, model }),
      options,
    );

  beforeEach(() => {
    model.getGraph.mockReset().mockResolvedValue(graph);
  });

  it('passes the typed page and the caller to the model, and answers its graph', async () => {
    const api = await app({
      credentials: mockCredentials.user('user:default/alice'),
    });
    const response = await api.get('/graph?offset=200&limit=50');
    expect(response.status).toBe(200);
    expect(response.body).toEqual(graph);
    expect(model.getGraph).toHaveBeenCalledWith(
      { offset: 200, limit: 50 },
      expect.objectContaining({
        principal: expect.objectContaining({
          userEntityRef: 'user:default/alice',
        }),
      }),
    );
  });

  it('passes the filters the fleet list shares with the graph', async () => {
    const api = await app();
    const response = await api.get(
      '/graph?state=eligible&owner=group:default/payments&search=node',
    );
    expect(response.status).toBe(200);
    expect(model.getGraph).toHaveBeenCalledWith(
      { state: 'eligible', owner: 'group:default/payments', search: 'node' },
      expect.anything(),
    );
  });

  it('asks for the first page of the default size when the query says nothing', async () => {
    const api = await app();
    expect((await api.get('/graph')).status).toBe(200);
    const [query] = model.getGraph.mock.calls[0];
    expect(query.offset ?? 0).toBe(0);
    expect(query.limit ?? PAGE_LIMITS.graph.default).toBe(
      PAGE_LIMITS.graph.default,
    );
  });

  it('takes a page of the most images the shared limits allow, and no more', async () => {
    const api = await app();
    const most = await api.get(`/graph?limit=${PAGE_LIMITS.graph.max}`);
    expect(most.status).toBe(200);
    expect(model.getGraph).toHaveBeenCalledWith(
      { limit: PAGE_LIMITS.graph.max },
      expect.anything(),
    );
    const over = await api.get(`/graph?limit=${PAGE_LIMITS.graph.max + 1}`);
    expect(over.status).toBe(400);
    expect(over.body.error.message).toMatch(/limit/);
    expect(model.getGraph).toHaveBeenCalledTimes(1);
  });

  it.each([
    ['limit=0', /limit/],
    ['limit=all', /limit/],
    ['offset=-1', /offset/],
    ['offset=0.5', /offset/],
    ['entityRef=component:default/payments', /entityRef/],
    ['state=stale', /state/],
    ['search=', /search/],
  ])('refuses %s with a 400 naming the field', async (query, field) => {
    const api = await app();
    const response = await api.get(`/graph?${query}`);
    expect(response.status).toBe(400);
    expect(response.body.error.name).toBe('InputError');
    expect(response.body.error.message).toMatch(field);
    expect(model.getGraph).not.toHaveBeenCalled();
  });
});
