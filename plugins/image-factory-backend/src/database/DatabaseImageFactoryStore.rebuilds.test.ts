import { TestDatabases } from '@backstage/backend-test-utils';
import { DatabaseImageFactoryStore } from './DatabaseImageFactoryStore';
import {
  createTestStore,
  openReplicaClients,
  STORE_DATABASE_IDS,
} from './__testUtils__/testStores';

jest.setTimeout(60_000);

describe('DatabaseImageFactoryStore rebuilds', () => {
  const databases = TestDatabases.create({ ids: STORE_DATABASE_IDS });

  describe.each(databases.eachSupportedId())('on %s', databaseId => {
    const createStore = () => createTestStore(databases, databaseId);

    it('records a rebuild once per trigger key and follows it to its conclusion', async () => {
      const { store } = await createStore();
      const request = {
        entityRef: 'component:default/payments',
        triggerKey: 'component:default/payments@sha256:new',
        trigger: 'auto' as const,
        requestedBy: 'plugin:image-factory',
        requestedAt: '2026-01-10T10:00:00.000Z',
        provider: 'github' as const,
        baseDigests: { 'docker.io/library/node:22': 'sha256:new' },
      };

      const created = await store.createRebuild(request);
      const duplicate = await store.createRebuild({
        ...request,
        trigger: 'manual',
      });

      if (!created.created || duplicate.created)
        throw new Error('expected one rebuild');
      expect(created.rebuild).toMatchObject({
        ...request,
        status: 'requested',
      });
      expect(duplicate.existing).toEqual(created.rebuild);

      await store.updateRebuild(created.rebuild.id, {
        status: 'running',
        runId: '42',
        runUrl: 'https://github.com/acme/payments/actions/runs/42',
      });
      expect(
        (await store.listRebuilds({ active: true })).map(r => r.id),
      ).toEqual([created.rebuild.id]);
      const done = await store.updateRebuild(created.rebuild.id, {
        status: 'completed',
        conclusion: 'success',
        finishedAt: '2026-01-10T10:20:00.000Z',
      });

      expect(done).toMatchObject({
        status: 'completed',
        conclusion: 'success',
        runId: '42',
        runUrl: 'https://github.com/acme/payments/actions/runs/42',
        finishedAt: '2026-01-10T10:20:00.000Z',
        baseDigests: request.baseDigests,
      });
      expect(await store.listRebuilds({ active: true })).toEqual([]);
      expect(
        await store.listRebuilds({
          active: false,
          entityRef: request.entityRef,
        }),
      ).toEqual([done]);
      await expect(
        store.updateRebuild('5d2c4b5e-0000-4000-8000-000000000000', {
          status: 'failed',
        }),
      ).rejects.toMatchObject({ name: 'NotFoundError' });
      await expect(
        store.updateRebuild('not-a-uuid', { status: 'failed' }),
      ).rejects.toMatchObject({ name: 'NotFoundError' });
      expect(await store.getRebuild('not-a-uuid')).toBeUndefined();
    });

    it('keeps the ref and the time the trigger dispatched the run on, as the trigger answered them', async () => {
      const { store } = await createStore();
      const created = await store.createRebuild({
        entityRef: 'component:default/payments',
        triggerKey: 'component:default/payments@sha256:ref',
        trigger: 'manual',
        requestedBy: 'user:default/jane',
        provider: 'pending',
        baseDigests: { 'docker.io/library/node:22': 'sha256:ref' },
      });
      if (!created.created) throw new Error('expected a new rebuild');
      expect(created.rebuild.ref).toBeUndefined();
      expect(created.rebuild.dispatchedAt).toBeUndefined();

      const sent = await store.updateRebuild(created.rebuild.id, {
        provider: 'github',
        status: 'running',
        ref: 'release/2026',
        dispatchedAt: '2026-01-10T10:00:01.500Z',
      });
      expect(sent).toMatchObject({
        ref: 'release/2026',
        dispatchedAt: '2026-01-10T10:00:01.500Z',
      });
      expect(await store.getRebuild(created.rebuild.id)).toMatchObject({
        ref: 'release/2026',
        dispatchedAt: '2026-01-10T10:00:01.500Z',
      });
    });

    it('keeps a dispatched rebuild active with its error until its run is found, then clears the error', async () => {
      const { store } = await createStore();
      const created = await store.createRebuild({
        entityRef: 'component:default/payments',
        triggerKey: 'component:default/payments|lost|0',
        trigger: 'auto',
        requestedBy: 'image-factory',
        provider: 'pending',
        baseDigests: {},
      });
      if (!created.created) throw new Error('expected a new rebuild');

      await store.updateRebuild(created.rebuild.id, {
        status: 'dispatched',
        provider: 'github',
        error: 'GitHub answered 502 when dispatching build.yml: Server Error',
      });
      expect(await store.listRebuilds({ active: true })).toMatchObject([
        { id: created.rebuild.id, status: 'dispatched', provider: 'github' },
      ]);
      expect(await store.listRebuilds({ active: false })).toEqual([]);

      const found = await store.updateRebuild(created.rebuild.id, {
        status: 'running',
        runId: '42',
        error: null,
      });
      expect(found).toMatchObject({ status: 'running', runId: '42' });
      expect(found.error).toBeUndefined();
    });

    it('reads a run status written by a replica older than the running status as running, and follows it', async () => {
      const { knex, store } = await createStore();
      const created = await store.createRebuild({
        entityRef: 'component:default/payments',
        triggerKey: 'component:default/payments|old-replica|0',
        trigger: 'auto',
        requestedBy: 'image-factory',
        provider: 'github',
        baseDigests: {},
      });
      if (!created.created) throw new Error('expected a new rebuild');
      await knex('rebuilds')
        .where('id', created.rebuild.id)
        .update({ status: 'in_progress', conclusion: 'timed_out' });

      expect(await store.listRebuilds({ active: true })).toMatchObject([
        { id: created.rebuild.id, status: 'running', conclusion: 'timed-out' },
      ]);
      expect(await store.listRebuilds({ active: false })).toEqual([]);
      await knex('rebuilds')
        .where('id', created.rebuild.id)
        .update({ status: 'queued', conclusion: 'startup_failure' });
      expect(await store.getRebuild(created.rebuild.id)).toMatchObject({
        status: 'running',
        conclusion: 'unknown',
      });
    });

    it('lists rebuilds newest first and counts emergency rebuilds', async () => {
      const { store } = await createStore();
      const base = {
        requestedBy: 'user:default/sec',
        provider: 'github' as const,
        baseDigests: {},
      };
      for (const [entity, trigger, at] of [
        ['a', 'emergency', '2026-01-01T00:00:00.000Z'],
        ['a', 'emergency', '2026-01-05T00:00:00.000Z'],
        ['a', 'manual', '2026-01-06T00:00:00.000Z'],
        ['b', 'emergency', '2026-01-07T00:00:00.000Z'],
      ] as const) {
        await store.createRebuild({
          ...base,
          entityRef: `component:default/${entity}`,
          triggerKey: `${entity}-${at}`,
          trigger,
          justification: trigger === 'emergency' ? 'CVE-2026-0001' : undefined,
          requestedAt: at,
        });
      }

      expect(
        (await store.listRebuilds({ entityRef: 'component:default/a' })).map(
          r => r.requestedAt,
        ),
      ).toEqual([
        '2026-01-06T00:00:00.000Z',
        '2026-01-05T00:00:00.000Z',
        '2026-01-01T00:00:00.000Z',
      ]);
      expect(await store.listRebuilds({ limit: 1 })).toMatchObject([
        { entityRef: 'component:default/b' },
      ]);
      expect(await store.countEmergencyRebuilds()).toBe(3);
      expect(
        await store.countEmergencyRebuilds({
          entityRef: 'component:default/a',
        }),
      ).toBe(2);
      expect(
        await store.countEmergencyRebuilds({
          since: '2026-01-05T01:00:00+01:00',
        }),
      ).toBe(2);
    });
  });

  it.each(databases.eachSupportedId())(
    'lets exactly one of two concurrent rebuild requests with one trigger key win, on %s',
    async databaseId => {
      const { clients, close } = await openReplicaClients(
        databases,
        databaseId,
      );
      try {
        const one = await DatabaseImageFactoryStore.create({
          database: { getClient: async () => clients[0] },
        });
        const two = await DatabaseImageFactoryStore.create({
          database: { getClient: async () => clients[1] },
        });
        const keys = Array.from(
          { length: 20 },
          (_, i) => `component:default/app-${i}@sha256:${i}`,
        );

        const results = await Promise.all(
          keys.flatMap(triggerKey =>
            [one, two].map(store =>
              store.createRebuild({
                entityRef: triggerKey.split('@')[0],
                triggerKey,
                trigger: 'auto',
                requestedBy: 'plugin:image-factory',
                provider: 'github',
                baseDigests: {},
              }),
            ),
          ),
        );

        for (let i = 0; i < keys.length; i++) {
          const pair = results.slice(i * 2, i * 2 + 2);
          expect(pair.filter(r => r.created)).toHaveLength(1);
          const winner = pair.find(r => r.created)!;
          const loser = pair.find(r => !r.created)!;
          if (!winner.created || loser.created) throw new Error('unreachable');
          expect(loser.existing.id).toBe(winner.rebuild.id);
        }
        expect(await one.listRebuilds()).toHaveLength(keys.length);
      } finally {
        await close();
      }
    },
  );
});
