import { TestDatabases } from '@backstage/backend-test-utils';
import knexFactory, { Knex } from 'knex';
import { DatabaseImageFactoryStore } from './DatabaseImageFactoryStore';
import {
  clockPast,
  createTestStore,
  STORE_DATABASE_IDS,
} from './__testUtils__/testStores';

jest.setTimeout(60_000);

describe('DatabaseImageFactoryStore rebuilds and runs', () => {
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
        provider: 'github',
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
        status: 'in_progress',
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

    it('lists rebuilds newest first and counts emergency rebuilds', async () => {
      const { store } = await createStore();
      const base = {
        requestedBy: 'user:default/sec',
        provider: 'github',
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

    it('records pipeline runs and finds the last one', async () => {
      const { store } = await createStore();
      expect(await store.getLastRun()).toBeUndefined();
      const first = await store.startRun();
      await store.finishRun(first.id, { summary: { images: 3, commits: 1 } });
      await clockPast(first.startedAt);
      const second = await store.startRun();

      expect(await store.getLastRun()).toEqual({
        id: second.id,
        startedAt: second.startedAt,
      });
      expect(await store.getLastRun({ finished: true })).toEqual({
        id: first.id,
        startedAt: first.startedAt,
        finishedAt: expect.any(String),
        summary: { images: 3, commits: 1 },
      });
      const failed = await store.finishRun(second.id, {
        error: 'state repository unreachable',
      });
      expect(failed).toMatchObject({
        id: second.id,
        error: 'state repository unreachable',
      });
      await expect(
        store.finishRun('7e0b5e1c-0000-4000-8000-000000000000', {}),
      ).rejects.toMatchObject({ name: 'NotFoundError' });
    });
  });

  it.each(databases.eachSupportedId())(
    'lets exactly one of two concurrent rebuild requests with one trigger key win, on %s',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const clients: Knex[] = [knex];
      if (databaseId.startsWith('POSTGRES')) {
        // A second connection pool on the same database: two backend replicas.
        clients.push(
          knexFactory({
            client: 'pg',
            connection: knex.client.config.connection,
          }),
        );
      } else {
        // An in-memory SQLite database lives in one connection only.
        clients.push(knex);
      }
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
        if (clients[1] !== knex) await clients[1].destroy();
      }
    },
  );
});
