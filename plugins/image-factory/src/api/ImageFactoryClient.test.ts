import { mockApis, registerMswTestHooks } from '@backstage/test-utils';
import { ResponseError } from '@backstage/errors';
import { http, HttpResponse, JsonBodyType } from 'msw';
import { setupServer } from 'msw/node';
import { ImageFactoryClient } from './ImageFactoryClient';

const baseUrl = 'http://example.com/api/image-factory';

describe('ImageFactoryClient', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  const seen: {
    method: string;
    url: URL;
    body: unknown;
    auth: string | null;
  }[] = [];

  function answer(method: 'get' | 'post', path: string, body: JsonBodyType) {
    server.use(
      http[method](`${baseUrl}${path}`, async ({ request }) => {
        const text = await request.text();
        seen.push({
          method: request.method,
          url: new URL(request.url),
          body: text ? JSON.parse(text) : undefined,
          auth: request.headers.get('authorization'),
        });
        return HttpResponse.json(body);
      }),
    );
  }

  const client = new ImageFactoryClient({
    discoveryApi: mockApis.discovery(),
    fetchApi: {
      fetch: (input, init) => {
        const headers = new Headers(init?.headers);
        headers.set('Authorization', 'Bearer user-token');
        return fetch(input, { ...init, headers });
      },
    },
  });

  beforeEach(() => {
    seen.length = 0;
  });

  it('gets the status of an entity from its namespace, kind and name', async () => {
    answer('get', '/images/team-a/component/payments', { entityRef: 'x' });

    await expect(client.getImage('component:team-a/payments')).resolves.toEqual(
      { entityRef: 'x' },
    );
    expect(seen).toHaveLength(1);
    expect(seen[0].method).toBe('GET');
    expect(seen[0].auth).toBe('Bearer user-token');
  });

  it('uses the default namespace when the entity ref has none', async () => {
    answer('get', '/images/default/component/payments', {});

    await client.getImage('component:payments');

    expect(seen[0].url.pathname).toBe(
      '/api/image-factory/images/default/component/payments',
    );
  });

  it('sends only the list filters that are set', async () => {
    answer('get', '/images', { items: [], totalCount: 0 });

    await expect(
      client.listImages({
        state: 'pending',
        owner: 'group:default/payments',
        search: '',
        offset: 50,
        limit: 25,
        order: 'staleness',
      }),
    ).resolves.toEqual({ items: [], totalCount: 0 });

    expect(Object.fromEntries(seen[0].url.searchParams)).toEqual({
      state: 'pending',
      owner: 'group:default/payments',
      offset: '50',
      limit: '25',
      order: 'staleness',
    });
  });

  it('posts a rebuild request as JSON', async () => {
    answer('post', '/images/default/component/payments/rebuild', {
      rebuild: { id: 'r1' },
    });

    const answered = await client.rebuild('component:default/payments', {
      emergency: true,
      justification: 'CVE-2024-0001 in openssl, exploited in the wild',
    });

    expect(answered).toEqual({ rebuild: { id: 'r1' } });
    expect(seen[0].method).toBe('POST');
    expect(seen[0].body).toEqual({
      emergency: true,
      justification: 'CVE-2024-0001 in openssl, exploited in the wild',
    });
  });

  it('queues analysis and refresh runs and follows them', async () => {
    const run = {
      id: 'r-1',
      status: 'queued',
      queuedAt: '2026-12-01T00:00:00Z',
    };
    answer('post', '/images/default/component/payments/analyze', run);
    answer('post', '/refresh', run);
    answer('get', '/runs/r-1', { ...run, status: 'running' });

    expect(await client.analyze('component:default/payments')).toEqual(run);
    expect(await client.refresh()).toEqual(run);
    expect(await client.getRun('r-1')).toMatchObject({ status: 'running' });

    expect(seen.map(s => `${s.method} ${s.url.pathname}`)).toEqual([
      'POST /api/image-factory/images/default/component/payments/analyze',
      'POST /api/image-factory/refresh',
      'GET /api/image-factory/runs/r-1',
    ]);
  });

  it('reads base images and the dependency graph', async () => {
    answer('get', '/base-images', { items: [], totalCount: 0 });
    answer('get', '/base-images/docker-io-library-node-22', { name: 'n' });
    answer('get', '/graph', { nodes: [], edges: [], totalImageCount: 0 });

    await expect(client.listBaseImages()).resolves.toEqual({
      items: [],
      totalCount: 0,
    });
    await expect(
      client.getBaseImage('docker-io-library-node-22'),
    ).resolves.toEqual({ name: 'n' });
    await expect(client.getGraph()).resolves.toEqual({
      nodes: [],
      edges: [],
      totalImageCount: 0,
    });

    expect(
      seen.map(s => `${s.method} ${s.url.pathname}${s.url.search}`),
    ).toEqual([
      'GET /api/image-factory/base-images',
      'GET /api/image-factory/base-images/docker-io-library-node-22',
      'GET /api/image-factory/graph',
    ]);
  });

  it('asks for a page of base images and of the graph', async () => {
    answer('get', '/base-images', { items: [], totalCount: 120 });
    answer('get', '/graph', { nodes: [], edges: [], totalImageCount: 450 });

    await client.listBaseImages({ offset: 100, limit: 50 });
    await client.getGraph({ offset: 200, limit: 200 });
    await client.getGraph({ limit: 200 });

    expect(seen.map(s => `${s.url.pathname}${s.url.search}`)).toEqual([
      '/api/image-factory/base-images?offset=100&limit=50',
      '/api/image-factory/graph?offset=200&limit=200',
      '/api/image-factory/graph?limit=200',
    ]);
  });

  it('turns an error answer into a ResponseError that keeps the body', async () => {
    server.use(
      http.post(`${baseUrl}/images/default/component/payments/rebuild`, () =>
        HttpResponse.json(
          {
            error: {
              name: 'ConflictError',
              message: 'not eligible yet',
              eligibleAt: '2030-01-01T00:00:00.000Z',
            },
            response: { statusCode: 409 },
          },
          { status: 409 },
        ),
      ),
    );

    const error = await client
      .rebuild('component:default/payments', {})
      .catch(e => e);

    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(409);
    expect(error.cause.name).toBe('ConflictError');
    expect(error.cause.message).toBe('not eligible yet');
    expect(error.body.error.eligibleAt).toBe('2030-01-01T00:00:00.000Z');
  });

  it('reports a non-JSON failure with its status', async () => {
    server.use(
      http.get(`${baseUrl}/graph`, () =>
        HttpResponse.text('upstream down', { status: 502 }),
      ),
    );

    const error = await client.getGraph().catch(e => e);

    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(502);
    expect(error.cause.message).toContain('upstream down');
  });
});
