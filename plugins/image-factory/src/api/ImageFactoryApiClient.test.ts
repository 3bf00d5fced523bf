/**
 * @jest-environment node
 */
import { FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  ImageFactoryApiClient,
  imagePathOf,
} from '@image-factory/backstage-plugin-image-factory-common';
import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { imageFactoryPlugin } from '../plugin';
import { readEligibleAt } from '../components/shared/describeRequestError';
import { ImageFactoryApi, imageFactoryApiRef } from './ImageFactoryApi';

/** A request as the local server received it. */
interface Received {
  method: string;
  /** The path and query as sent, before any decoding. */
  url: string;
  query: Record<string, string>;
  headers: IncomingMessage['headers'];
  body: string;
}

/** What the server answers to `METHOD /path` (the path without its query). */
interface Answer {
  status?: number;
  json?: unknown;
  text?: string;
}

/**
 * The generated client as the frontend plugin builds it, from its own API
 * factory, talking to a real HTTP server on 127.0.0.1.
 */
describe('ImageFactoryApiClient, as the frontend uses it', () => {
  let server: Server;
  let origin: string;
  const received: Received[] = [];
  const answers = new Map<string, Answer>();
  const askedFor: string[] = [];
  let api: ImageFactoryApi;

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', chunk => chunks.push(chunk));
      req.on('end', () => {
        const url = new URL(req.url ?? '/', 'http://127.0.0.1');
        received.push({
          method: req.method ?? '',
          url: req.url ?? '',
          query: Object.fromEntries(url.searchParams),
          headers: req.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        });
        const reply = answers.get(`${req.method} ${url.pathname}`) ?? {
          status: 404,
          json: {
            error: { name: 'NotFoundError', message: 'no such route' },
            response: { statusCode: 404 },
          },
        };
        const status = reply.status ?? 200;
        if (reply.text !== undefined) {
          res.writeHead(status, { 'Content-Type': 'text/plain' });
          res.end(reply.text);
        } else {
          res.writeHead(status, { 'Content-Type': 'application/json' });
          res.end(JSON.stringify(reply.json ?? {}));
        }
      });
    });
    await new Promise<void>(resolve =>
      server.listen(0, '127.0.0.1', () => resolve()),
    );
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    const factory = [...imageFactoryPlugin.getApis()].find(
      f => f.api.id === imageFactoryApiRef.id,
    );
    if (!factory) {
      throw new Error('the plugin provides no Image Factory API');
    }
    const fetchApi: FetchApi = {
      fetch: (input, init) => {
        const headers = new Headers(init?.headers);
        headers.set('Authorization', 'Bearer user-token');
        return fetch(input, { ...init, headers });
      },
    };
    api = factory.factory({
      discoveryApi: {
        getBaseUrl: async (pluginId: string) => {
          askedFor.push(pluginId);
          return `${origin}/api/${pluginId}`;
        },
      },
      fetchApi,
    }) as ImageFactoryApi;
  });

  afterAll(async () => {
    await new Promise(resolve => server.close(resolve));
  });

  beforeEach(() => {
    received.length = 0;
    answers.clear();
    askedFor.length = 0;
  });

  function answer(route: string, reply: Answer) {
    answers.set(route, reply);
  }

  it('is the generated client, built by the plugin from its dependencies', () => {
    expect(api).toBeInstanceOf(ImageFactoryApiClient);
  });

  it('gets the status of an entity from its namespace, kind and name, encoded', async () => {
    answer(
      'GET /api/image-factory/images/team-a/component/payments%20v2%23%CE%B2%3Fx',
      { json: { entityRef: 'x' } },
    );

    await expect(
      api.getImage({ path: imagePathOf('component:team-a/payments v2#β?x') }),
    ).resolves.toEqual({ entityRef: 'x' });

    expect(received).toHaveLength(1);
    expect(received[0].method).toBe('GET');
    expect(received[0].url).toBe(
      '/api/image-factory/images/team-a/component/payments%20v2%23%CE%B2%3Fx',
    );
    expect(received[0].body).toBe('');
    expect(received[0].headers.authorization).toBe('Bearer user-token');
    expect(askedFor).toEqual(['image-factory']);
  });

  it('uses the default namespace when the entity ref has none', async () => {
    answer('GET /api/image-factory/images/default/component/payments', {
      json: {},
    });

    await api.getImage({ path: imagePathOf('component:payments') });

    expect(received[0].url).toBe(
      '/api/image-factory/images/default/component/payments',
    );
  });

  it('sends only the list filters that are set', async () => {
    answer('GET /api/image-factory/images', {
      json: { items: [], totalCount: 0, emergencyRebuildCount: 0 },
    });

    await expect(
      api.listImages({
        query: {
          state: 'pending',
          owner: 'group:default/payments',
          search: '',
          order: undefined,
          offset: 50,
          limit: 25,
        },
      }),
    ).resolves.toEqual({ items: [], totalCount: 0, emergencyRebuildCount: 0 });

    expect(received[0].method).toBe('GET');
    expect(received[0].query).toEqual({
      state: 'pending',
      owner: 'group:default/payments',
      offset: '50',
      limit: '25',
    });
  });

  it('asks for no query at all when none is given', async () => {
    answer('GET /api/image-factory/images', { json: { items: [] } });
    answer('GET /api/image-factory/base-images', { json: { items: [] } });
    answer('GET /api/image-factory/graph', { json: { nodes: [] } });

    await api.listImages();
    await api.listBaseImages({ query: { offset: undefined } });
    await api.getGraph({});

    expect(received.map(r => `${r.method} ${r.url}`)).toEqual([
      'GET /api/image-factory/images',
      'GET /api/image-factory/base-images',
      'GET /api/image-factory/graph',
    ]);
  });

  it('asks for a page of base images and of the graph', async () => {
    answer('GET /api/image-factory/base-images', {
      json: { items: [], totalCount: 120 },
    });
    answer('GET /api/image-factory/graph', {
      json: { nodes: [], edges: [], totalImageCount: 450 },
    });

    await expect(
      api.listBaseImages({ query: { offset: 100, limit: 50 } }),
    ).resolves.toEqual({ items: [], totalCount: 120 });
    await expect(
      api.getGraph({ query: { offset: 200, limit: 200 } }),
    ).resolves.toEqual({ nodes: [], edges: [], totalImageCount: 450 });
    await api.getGraph({ query: { limit: 200 } });

    expect(received.map(r => r.url)).toEqual([
      '/api/image-factory/base-images?offset=100&limit=50',
      '/api/image-factory/graph?offset=200&limit=200',
      '/api/image-factory/graph?limit=200',
    ]);
  });

  it('posts a rebuild request as JSON', async () => {
    answer(
      'POST /api/image-factory/images/default/component/payments/rebuild',
      {
        status: 202,
        json: { rebuild: { id: 'r1' } },
      },
    );

    const answered = await api.rebuildImage({
      path: { namespace: 'default', kind: 'component', name: 'payments' },
      body: {
        emergency: true,
        justification: 'CVE-2024-0001 in openssl, exploited in the wild',
      },
    });

    expect(answered).toEqual({ rebuild: { id: 'r1' } });
    expect(received[0].method).toBe('POST');
    expect(received[0].headers['content-type']).toBe('application/json');
    expect(received[0].headers.authorization).toBe('Bearer user-token');
    expect(JSON.parse(received[0].body)).toEqual({
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
    answer(
      'POST /api/image-factory/images/default/component/payments/analyze',
      {
        status: 202,
        json: run,
      },
    );
    answer('POST /api/image-factory/refresh', { status: 202, json: run });
    answer('GET /api/image-factory/runs/r-1', {
      json: { ...run, status: 'running' },
    });

    const path = { namespace: 'default', kind: 'component', name: 'payments' };
    expect(await api.analyzeImage({ path })).toEqual(run);
    expect(await api.refresh()).toEqual(run);
    expect(await api.getRun({ path: { id: 'r-1' } })).toMatchObject({
      status: 'running',
    });

    expect(received.map(r => `${r.method} ${r.url} ${r.body}`)).toEqual([
      'POST /api/image-factory/images/default/component/payments/analyze ',
      'POST /api/image-factory/refresh ',
      'GET /api/image-factory/runs/r-1 ',
    ]);
  });

  it('turns a 409 into a ResponseError whose eligibleAt the UI reads', async () => {
    answer(
      'POST /api/image-factory/images/default/component/payments/rebuild',
      {
        status: 409,
        json: {
          error: {
            name: 'ConflictError',
            message: 'not eligible yet',
            eligibleAt: '2030-01-01T00:00:00.000Z',
          },
          response: { statusCode: 409 },
        },
      },
    );

    const error = await api
      .rebuildImage({
        path: { namespace: 'default', kind: 'component', name: 'payments' },
        body: {},
      })
      .catch(e => e);

    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(409);
    expect(error.cause.name).toBe('ConflictError');
    expect(error.cause.message).toBe('not eligible yet');
    expect(error.body.error.eligibleAt).toBe('2030-01-01T00:00:00.000Z');
    expect(readEligibleAt(error)).toBe('2030-01-01T00:00:00.000Z');
  });

  it('reads no eligibleAt from another refusal', async () => {
    answer(
      'POST /api/image-factory/images/default/component/payments/rebuild',
      {
        status: 403,
        json: {
          error: { name: 'NotAllowedError', message: 'Unauthorized' },
          response: { statusCode: 403 },
        },
      },
    );

    const error = await api
      .rebuildImage({
        path: { namespace: 'default', kind: 'component', name: 'payments' },
      })
      .catch(e => e);

    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(403);
    expect(readEligibleAt(error)).toBeUndefined();
  });

  it('reports a non-JSON failure with its status', async () => {
    answer('GET /api/image-factory/graph', {
      status: 502,
      text: 'upstream down',
    });

    const error = await api.getGraph().catch(e => e);

    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(502);
    expect(error.cause.message).toContain('upstream down');
  });
});
