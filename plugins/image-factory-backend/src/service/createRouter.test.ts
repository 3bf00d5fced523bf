import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { mockServices } from '@backstage/backend-test-utils';
import express from 'express';
import request from 'supertest';
import {
  exampleBaseImage,
  exampleImageStatus,
  exampleRebuild,
  exampleRun,
} from '../__testUtils__/apiExamples';
import { recordingAuditor } from '../__testUtils__/recordingAuditor';
import { checkAgainstSpec } from '../__testUtils__/specAnswers';
import { spec } from '../schema/openapi';
import { createRouter } from './createRouter';
import { ImageFactoryService } from './ImageFactoryService';

const MOUNT = '/api/image-factory';
const METHODS = ['get', 'post'] as const;

// Every operation of the spec, as `METHOD /express/:path`.
const specOperations = Object.entries(spec.paths).flatMap(([path, item]) =>
  METHODS.filter(method => method in item).map(method => ({
    method,
    path,
    operationId: (item as Record<string, { operationId: string }>)[method]
      .operationId,
    route: `${method.toUpperCase()} ${path.replace(/\{([^}]+)\}/g, ':$1')}`,
  })),
);

function serviceStub(): jest.Mocked<ImageFactoryService> {
  return {
    listImages: jest.fn().mockResolvedValue({
      items: [],
      totalCount: 0,
      emergencyRebuildCount: 0,
    }),
    getImage: jest.fn().mockResolvedValue(exampleImageStatus()),
    isVisible: jest.fn().mockResolvedValue(true),
    analyze: jest.fn().mockResolvedValue(exampleRun({ id: 'run-a' })),
    rebuild: jest.fn().mockResolvedValue({ rebuild: exampleRebuild() }),
    listBaseImages: jest.fn().mockResolvedValue({ items: [], totalCount: 0 }),
    getBaseImage: jest.fn().mockResolvedValue(exampleBaseImage()),
    getGraph: jest
      .fn()
      .mockResolvedValue({ nodes: [], edges: [], totalImageCount: 0 }),
    refresh: jest.fn().mockResolvedValue(exampleRun({ id: 'run-r' })),
    getRun: jest.fn().mockResolvedValue(exampleRun()),
  };
}

async function composed() {
  const service = serviceStub();
  const { auditor, events } = recordingAuditor();
  const router = await createRouter({
    httpAuth: mockServices.httpAuth(),
    permissions: mockServices.permissions(),
    auditor,
    service,
  });
  const app = express()
    .use(MOUNT, router)
    .use(
      MiddlewareFactory.create({
        config: mockServices.rootConfig(),
        logger: mockServices.logger.mock(),
      }).error(),
    );
  return { router, app, service, events };
}

// Express 4 keeps each bound route on a layer of the router's stack, with
// the methods it answers (`_all` for `router.all`, which no spec path allows).
interface RouteLayer {
  route?: { path: string; methods: Record<string, boolean> };
}

// The routes an express router binds, as `METHOD /path`.
function boundRoutes(router: express.Router): string[] {
  return (router.stack as unknown as RouteLayer[]).flatMap(({ route }) =>
    route
      ? Object.keys(route.methods).map(
          method => `${method.toUpperCase()} ${route.path}`,
        )
      : [],
  );
}

// One request per operation, and the service method it must reach.
const calls: Record<
  string,
  { url: string; body?: object; reaches?: keyof ImageFactoryService }
> = {
  getHealth: { url: '/health' },
  listImages: { url: '/images?limit=5', reaches: 'listImages' },
  getImage: { url: '/images/default/component/payments', reaches: 'getImage' },
  analyzeImage: {
    url: '/images/default/component/payments/analyze',
    reaches: 'analyze',
  },
  rebuildImage: {
    url: '/images/default/component/payments/rebuild',
    body: {},
    reaches: 'rebuild',
  },
  listBaseImages: { url: '/base-images?limit=5', reaches: 'listBaseImages' },
  getBaseImage: {
    url: '/base-images/docker-io-node-22',
    reaches: 'getBaseImage',
  },
  getGraph: { url: '/graph?limit=5', reaches: 'getGraph' },
  refresh: { url: '/refresh', reaches: 'refresh' },
  getRun: { url: '/runs/run-1', reaches: 'getRun' },
};

describe('createRouter', () => {
  it('binds every operation of the spec, and nothing the spec lacks but the spec itself', async () => {
    const { router } = await composed();
    const bound = boundRoutes(router);
    expect(specOperations.length).toBeGreaterThan(0);
    expect([...bound].sort()).toEqual(
      [...specOperations.map(o => o.route), 'GET /openapi.json'].sort(),
    );
    // Bound once each: a second binding of a route would never answer.
    expect(new Set(bound).size).toBe(bound.length);
  });

  it('has a request below for every operation of the spec', () => {
    expect(Object.keys(calls).sort()).toEqual(
      specOperations.map(o => o.operationId).sort(),
    );
  });

  it.each(specOperations.map(o => [o.operationId, o.method] as const))(
    'answers %s through the service it was given',
    async (operationId, method) => {
      const { app, service } = await composed();
      const { url, body, reaches } = calls[operationId];
      const test = request(app)[method](`${MOUNT}${url}`);
      const response = await (body ? test.send(body) : test);
      checkAgainstSpec(method, url, response);
      expect(response.status).toBeLessThan(300);
      const called = Object.entries(service)
        .filter(([name, fn]) => name !== 'isVisible' && fn.mock.calls.length)
        .map(([name]) => name);
      expect(called).toEqual(reaches ? [reaches] : []);
    },
  );

  it('says where to follow a queued run below where the router is mounted', async () => {
    const { app, events } = await composed();
    const refreshed = await request(app).post(`${MOUNT}/refresh`);
    expect(refreshed.status).toBe(202);
    expect(refreshed.headers.location).toBe(`${MOUNT}/runs/run-r`);
    const analyzed = await request(app).post(
      `${MOUNT}/images/default/component/payments/analyze`,
    );
    expect(analyzed.status).toBe(202);
    expect(analyzed.headers.location).toBe(`${MOUNT}/runs/run-a`);
    expect(events.map(e => [e.eventId, e.status])).toEqual([
      ['refresh', 'succeeded'],
      ['analyze', 'succeeded'],
    ]);
  });

  it('serves its spec at /openapi.json, with the paths where it is mounted', async () => {
    const { app } = await composed();
    const response = await request(app).get(`${MOUNT}/openapi.json`);
    expect(response.status).toBe(200);
    const { openapi: _version, paths, ...rest } = response.body;
    const { openapi: _specVersion, paths: specPaths, ...specRest } = spec;
    expect(rest).toEqual(specRest);
    expect(paths).toEqual(
      Object.fromEntries(
        Object.entries(specPaths).map(([path, item]) => [
          `${MOUNT}${path}`,
          item,
        ]),
      ),
    );
  });
});
