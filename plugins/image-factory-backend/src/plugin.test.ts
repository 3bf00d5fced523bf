import { createBackendPlugin } from '@backstage/backend-plugin-api';
import { mockCredentials } from '@backstage/backend-test-utils';
import {
  eventsServiceFactory,
  eventsServiceRef,
} from '@backstage/plugin-events-node';
import { Entity } from '@backstage/catalog-model';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import { pluginTestBed } from './__testUtils__/pluginTestBed';
import { startPluginBackend } from './__testUtils__/startPluginBackend';

// The whole plugin on a real OCI registry (Debian's docker-registry on loopback), a
// real bare git repository as the state repository, and SQLite.
describe('imageFactoryPlugin', () => {
  const bed = pluginTestBed();

  const component = (
    name: string,
    dockerfile: string | undefined,
    annotations: Record<string, string>,
  ) =>
    bed.fileComponent({
      name,
      dockerfile,
      annotations,
      spec: { owner: 'group:default/payments', lifecycle: 'production' },
    });

  const start = (
    entities: Entity[],
    permission:
      | AuthorizeResult.ALLOW
      | AuthorizeResult.DENY = AuthorizeResult.ALLOW,
    imageFactory?: Parameters<typeof startPluginBackend>[0]['imageFactory'],
  ) => bed.start({ entities, permission, imageFactory });

  const commits = () => bed.fixture().commits();

  it('answers the health check without credentials', async () => {
    const { server } = await start([]);
    const res = await request(server).get('/api/image-factory/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('signals every signed-in user through Backstage signals when a run ends', async () => {
    // Backstage's signals service sends through the events service (the real
    // one, not the test backend's per-plugin mock); a plugin beside it hears
    // what the signals backend would push to browsers.
    const heard: unknown[] = [];
    const listener = createBackendPlugin({
      pluginId: 'signals-listener',
      register(env) {
        env.registerInit({
          deps: { events: eventsServiceRef },
          async init({ events }) {
            await events.subscribe({
              id: 'signals-listener',
              topics: ['signals'],
              onEvent: async event => {
                heard.push(event.eventPayload);
              },
            });
          },
        });
      },
    });
    const api = await bed.start({
      entities: [],
      features: [eventsServiceFactory, listener],
      config: { events: { useEventBus: 'never' } },
    });

    const { run } = await api.refresh();
    expect(run?.status).toBe('succeeded');
    // Sent once the run's outcome is stored, which is when refresh() returns.
    while (heard.length === 0) {
      await new Promise(resolve => setTimeout(resolve, 20));
    }
    expect(heard).toEqual([
      {
        recipients: { type: 'broadcast' },
        channel: 'image-factory',
        message: { type: 'run-finished', runId: run!.id, status: 'succeeded' },
      },
    ]);
  });

  it('analyses, discovers freight, commits once per run and serves the status', async () => {
    const node1 = await bed.registry().pushImage('library/node', '22', {
      content: 'one',
    });
    const postgres = await bed.registry().pushImage('library/postgres', '16');
    const api = await start([
      component(
        'payments',
        `ARG NODE=22\nFROM ${
          bed.registry().host
        }/library/node:\${NODE} AS build\nRUN make\nFROM build\n`,
        {
          'image-factory.io/image': `${bed.registry().host}/acme/payments`,
          'image-factory.io/workflow': 'build.yml',
          'image-factory.io/rebuild-delay': '7d',
        },
      ),
      component('broken', 'RUN echo no base\n', {
        'image-factory.io/image': `${bed.registry().host}/acme/broken`,
        'image-factory.io/rebuild-delay': 'one week',
      }),
      component('db', undefined, {
        'image-factory.io/external-image': `${
          bed.registry().host
        }/library/postgres:16`,
      }),
    ]);

    const first = await api.refresh();
    expect(first.run?.status).toBe('succeeded');
    expect(first.body).toMatchObject({
      analyzed: 2,
      checked: 2,
      newFreight: 2,
    });
    expect(first.body.commit).toMatch(/^[0-9a-f]{40}$/);

    const payments = await api.get('/images/default/component/payments');
    expect(payments.status).toBe(200);
    expect(payments.body).toMatchObject({
      entityRef: 'component:default/payments',
      kind: 'managed',
      owner: 'group:default/payments',
      analysis: { status: 'ok' },
      baseImages: [
        {
          ref: `${bed.registry().host}/library/node:22`,
          builtDigest: node1,
          latestDigest: node1,
          tag: '22',
          source: 'registry',
          updates: [{ digest: node1 }],
        },
      ],
      // Enrolling never triggers a rebuild: the image counts as built on what it found.
      eligibility: { state: 'up-to-date' },
    });

    const broken = await api.get('/images/default/component/broken');
    expect(broken.body.analysis).toMatchObject({ status: 'failed' });
    expect(broken.body.enrollment.errors).toEqual([
      expect.objectContaining({ annotation: 'image-factory.io/rebuild-delay' }),
    ]);
    expect(broken.body.eligibility.state).toBe('blocked');

    const db = await api.get('/images/default/component/db');
    expect(db.body).toMatchObject({
      kind: 'external',
      freight: [{ digest: postgres }],
      eligibility: { state: 'up-to-date' },
    });

    // Nothing changed: no commit.
    const second = await api.refresh();
    expect(second.body).toMatchObject({
      analyzed: 0,
      newFreight: 0,
      commit: null,
    });
    expect(commits()).toHaveLength(2);

    // Upstream moves: new freight, the image waits out its delay.
    const node2 = await bed.registry().pushImage('library/node', '22', {
      content: 'two',
    });
    const third = await api.refresh();
    expect(third.body).toMatchObject({ newFreight: 1 });
    expect(third.body.commit).toMatch(/^[0-9a-f]{40}$/);
    const pending = await api.get('/images/default/component/payments');
    expect(pending.body.baseImages[0]).toMatchObject({
      builtDigest: node1,
      latestDigest: node2,
      eligibleDigest: null,
    });
    // One list of the tag's digest changes, newest first.
    expect(pending.body.baseImages[0]).not.toHaveProperty('freight');
    expect(
      pending.body.baseImages[0].updates.map(
        (u: { digest: string }) => u.digest,
      ),
    ).toEqual([node2, node1]);
    expect(pending.body.eligibility.state).toBe('pending');
    expect(Date.parse(pending.body.eligibility.eligibleAt)).toBeGreaterThan(
      Date.now() + 6 * 86_400_000,
    );
    expect(commits()).toHaveLength(3);

    // Asking before the delay has passed is refused with the time it will pass.
    const early = await api.post(
      '/images/default/component/payments/rebuild',
      {},
    );
    expect(early.status).toBe(409);
    expect(early.body.error.eligibleAt).toBe(
      pending.body.eligibility.eligibleAt,
    );
    const unjustified = await api.post(
      '/images/default/component/payments/rebuild',
      {
        emergency: true,
        justification: 'too short',
      },
    );
    expect(unjustified.status).toBe(400);
    expect(unjustified.body.error.message).toContain('at least 20 characters');

    const list = await api.get('/images?state=pending');
    expect(list.body).toMatchObject({
      totalCount: 1,
      items: [{ entityRef: 'component:default/payments' }],
    });
    const bases = await api.get('/base-images');
    expect(bases.body.items).toEqual([
      expect.objectContaining({
        ref: `${bed.registry().host}/library/node:22`,
        dependents: ['component:default/payments'],
      }),
    ]);
    expect(bases.body.totalCount).toBe(1);
    const base = await api.get(`/base-images/${bases.body.items[0].name}`);
    // The images built on one base image, as its page lists them.
    const onNode = await api.get(
      `/images?baseImage=${bases.body.items[0].name}`,
    );
    expect(
      onNode.body.items.map((i: { entityRef: string }) => i.entityRef),
    ).toEqual(['component:default/payments']);
    expect(onNode.body.totalCount).toBe(1);
    const onNothing = await api.get('/images?baseImage=no-such-base-image');
    expect(onNothing.body).toMatchObject({ items: [], totalCount: 0 });
    expect(base.body).not.toHaveProperty('freight');
    // Its state file and the Warehouse that watches its tag; the test bed's
    // state repository is local, so there are paths and no links.
    const baseName = bases.body.items[0].name;
    expect(base.body.paths).toEqual({
      stateFile: `state/base-images/${baseName}.yaml`,
      warehouseManifest: `manifests/warehouses/${baseName}.yaml`,
    });
    expect(base.body.links).toEqual({});
    expect(bases.body.items[0]).not.toHaveProperty('paths');
    expect(base.body).toMatchObject({ tag: '22', currentDigest: node2 });
    expect(base.body.updates.map((u: { digest: string }) => u.digest)).toEqual([
      node2,
      node1,
    ]);
    const graph = await api.get('/graph');
    expect(graph.body.totalImageCount).toBe(3);
    expect(graph.body.edges).toContainEqual({
      from: 'component:default/payments',
      to: `base:${bases.body.items[0].name}`,
    });
    // A base image's node names it, so the graph can link to its page.
    expect(graph.body.nodes).toContainEqual(
      expect.objectContaining({
        id: `base:${bases.body.items[0].name}`,
        kind: 'base',
        baseImage: bases.body.items[0].name,
      }),
    );
    // A page of the graph: the images on it, and only the base images they use.
    const firstPage = await api.get('/graph?offset=0&limit=2');
    expect(firstPage.body).toMatchObject({ totalImageCount: 3, edges: [] });
    expect(firstPage.body.nodes.map((n: { id: string }) => n.id)).toEqual([
      'component:default/broken',
      'component:default/db',
    ]);
    const lastPage = await api.get('/graph?offset=2&limit=2');
    expect(lastPage.body.nodes.map((n: { id: string }) => n.id)).toEqual([
      `base:${bases.body.items[0].name}`,
      'component:default/payments',
    ]);
    // The filters of the fleet list apply to the graph.
    const pendingOnly = await api.get('/graph?state=pending');
    expect(pendingOnly.body.totalImageCount).toBe(1);
    expect(pendingOnly.body.nodes.map((n: { id: string }) => n.id)).toEqual([
      `base:${bases.body.items[0].name}`,
      'component:default/payments',
    ]);
    const searched = await api.get('/graph?search=DB');
    expect(searched.body.nodes.map((n: { id: string }) => n.id)).toEqual([
      'component:default/db',
    ]);
    expect((await api.get('/graph?limit=501')).status).toBe(400);
    expect((await api.get('/base-images?offset=-1')).status).toBe(400);
    expect((await api.get('/base-images?offset=1')).body).toEqual({
      totalCount: 1,
      items: [],
    });
  });

  it('refuses rebuilds and refreshes to callers without the permission', async () => {
    const api = await start(
      [
        await component(
          'payments',
          `FROM ${bed.registry().host}/library/node:22\n`,
          {
            'image-factory.io/image': `${bed.registry().host}/acme/payments`,
          },
        ),
      ],
      AuthorizeResult.DENY,
    );
    const rebuild = await api.post(
      '/images/default/component/payments/rebuild',
      {
        emergency: true,
        justification: 'CVE-2026-1234 is exploited in the wild',
      },
    );
    // Without image-factory.image.read on the entity, the image is not found.
    expect(rebuild.status).toBe(404);
    expect(rebuild.body.error.message).toBe(
      'component:default/payments is not enrolled in the Image Factory, or has not been processed yet',
    );
    expect((await api.get('/images/default/component/payments')).status).toBe(
      404,
    );
    expect((await api.refresh()).status).toBe(403);
    const unauthenticated = await request(api.server)
      .post('/api/image-factory/refresh')
      .set('Authorization', mockCredentials.none.header());
    expect(unauthenticated.status).toBe(401);
  });

  it('answers refresh and analysis requests with 202 and the run to follow', async () => {
    await bed.registry().pushImage('library/node', '22', { content: 'one' });
    const api = await start([
      component('payments', `FROM ${bed.registry().host}/library/node:22\n`, {
        'image-factory.io/image': `${bed.registry().host}/acme/payments`,
      }),
    ]);
    expect((await api.refresh()).run?.status).toBe('succeeded');

    const burst = await Promise.all(
      Array.from({ length: 5 }, () =>
        api.post('/images/default/component/payments/analyze', {}),
      ),
    );

    expect(burst.map(answer => answer.status)).toEqual(Array(5).fill(202));
    const [first] = burst;
    expect(first.headers.location).toBe(
      `/api/image-factory/runs/${first.body.id}`,
    );
    expect(first.body).toMatchObject({
      id: expect.any(String),
      status: expect.stringMatching(/^(queued|running)$/),
      queuedAt: expect.any(String),
    });
    expect(first.body.summary).toBeUndefined();
    // Asked while one is queued, a run is joined, not queued again.
    expect(new Set(burst.map(answer => answer.body.id)).size).toBeLessThan(5);
    let run = first.body;
    while (run.status === 'queued' || run.status === 'running') {
      run = (await api.get(`/runs/${run.id}`)).body;
    }
    expect(run).toMatchObject({
      status: 'succeeded',
      summary: { analyzed: 1, errors: [] },
    });
    expect(
      (await api.get('/runs/7e0b5e1c-0000-4000-8000-000000000000')).status,
    ).toBe(404);
    expect((await api.get('/runs/not-a-run')).status).toBe(404);
    expect(
      (await api.post('/images/default/component/nope/analyze', {})).status,
    ).toBe(404);
  });

  it('analyses and serves an entity whose name has capitals, and hides nothing from who may read it', async () => {
    await bed.registry().pushImage('library/node', '22', { content: 'one' });
    const api = await start([
      component(
        'PaymentsApi',
        `FROM ${bed.registry().host}/library/node:22\n`,
        {
          'image-factory.io/image': `${bed.registry().host}/acme/payments-api`,
        },
      ),
    ]);

    expect((await api.refresh()).body.errors).toEqual([]);

    const status = await api.get('/images/default/component/PaymentsApi');
    expect(status.status).toBe(200);
    expect(status.body.analysis.status).toBe('ok');
    expect(status.body.owner).toBe('group:default/payments');
    expect((await api.get('/images')).body.totalCount).toBe(1);
  });

  it('fails the analysis of a Dockerfile naming more base images than allowed, and keeps what it tracked', async () => {
    await bed.registry().pushImage('library/node', '22', { content: 'one' });
    const entity = component(
      'payments',
      `FROM ${bed.registry().host}/library/node:22\n`,
      { 'image-factory.io/image': `${bed.registry().host}/acme/payments` },
    );
    const api = await start([entity], AuthorizeResult.ALLOW, {
      safety: { maxBaseImagesPerDockerfile: 2 },
    });
    expect((await api.refresh()).run?.status).toBe('succeeded');
    await fs.writeFile(
      path.join(bed.dir(), 'entities', 'payments', 'Dockerfile'),
      ['a', 'b', 'c']
        .map(
          name => `FROM ${bed.registry().host}/library/${name}:1 AS ${name}\n`,
        )
        .join(''),
    );

    const second = await api.refresh();

    expect(second.body.errors).toEqual([
      'component:default/payments: The Dockerfile names 3 base images, more than the 2 imageFactory.safety.maxBaseImagesPerDockerfile allows; nothing of it is tracked until it names fewer',
    ]);
    const status = await api.get('/images/default/component/payments');
    expect(status.body.baseImages.map((b: { ref: string }) => b.ref)).toEqual([
      `${bed.registry().host}/library/node:22`,
    ]);
  });

  it('rejects bad input with 400 and unknown entities with 404', async () => {
    const api = await start([]);
    expect((await api.get('/images?limit=0')).status).toBe(400);
    expect((await api.get('/images?state=stale')).status).toBe(400);
    const missing = await api.get('/images/default/component/nope');
    expect(missing.status).toBe(404);
    expect(missing.body.error.name).toBe('NotFoundError');
  });
});
