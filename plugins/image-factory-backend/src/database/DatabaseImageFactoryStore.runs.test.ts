import { TestDatabases } from '@backstage/backend-test-utils';
import { DatabaseImageFactoryStore } from './DatabaseImageFactoryStore';
import {
  createTestStore,
  openReplicaClients,
  STORE_DATABASE_IDS,
} from './__testUtils__/testStores';

jest.setTimeout(60_000);

describe('DatabaseImageFactoryStore runs and the pipeline lease', () => {
  const databases = TestDatabases.create({ ids: STORE_DATABASE_IDS });

  describe.each(databases.eachSupportedId())('on %s', databaseId => {
    it('starts on a fresh database while another replica migrates it', async () => {
      const { clients, close } = await openReplicaClients(
        databases,
        databaseId,
      );
      try {
        const stores = await Promise.all(
          clients.map(client =>
            DatabaseImageFactoryStore.create({
              database: { getClient: async () => client },
            }),
          ),
        );
        expect(await stores[1].requestRun()).toMatchObject({
          status: 'queued',
        });
      } finally {
        await close();
      }
    });

    it('queues one run however many replicas ask at once, with every entity asked for', async () => {
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
        const asks = Array.from({ length: 20 }, (_, i) =>
          (i % 2 ? one : two).requestRun(
            i % 5 === 0
              ? { forceAnalysis: [`component:default/app-${i}`] }
              : {},
          ),
        );

        const runs = await Promise.all(asks);

        expect(new Set(runs.map(r => r.id)).size).toBe(1);
        expect((await one.getQueuedRun())?.forceAnalysis).toEqual([
          'component:default/app-0',
          'component:default/app-10',
          'component:default/app-15',
          'component:default/app-5',
        ]);
      } finally {
        await close();
      }
    });

    it('runs the queued run once; a request after the claim queues the next', async () => {
      const { store } = await createTestStore(databases, databaseId);
      const queued = await store.requestRun({
        forceAnalysis: ['component:default/a'],
      });

      const claimed = await store.claimQueuedRun();
      expect(claimed).toMatchObject({
        id: queued.id,
        status: 'running',
        forceAnalysis: ['component:default/a'],
        startedAt: expect.any(String),
      });
      expect(await store.claimQueuedRun()).toBeUndefined();
      const next = await store.requestRun();
      expect(next.id).not.toBe(queued.id);

      expect(
        await store.finishRun(queued.id, { summary: { analyzed: 1 } }),
      ).toMatchObject({ status: 'succeeded', summary: { analyzed: 1 } });
      await store.claimQueuedRun();
      expect(await store.failRunningRuns('the backend stopped')).toBe(1);
      expect(await store.getRun(next.id)).toMatchObject({
        status: 'failed',
        error: 'the backend stopped',
        finishedAt: expect.any(String),
      });
      expect(await store.getRun('not-a-uuid')).toBeUndefined();
      await expect(
        store.finishRun('7e0b5e1c-0000-4000-8000-000000000000', {}),
      ).rejects.toMatchObject({ name: 'NotFoundError' });
    });

    it('gives the lease to one holder at a time until it is released or expires', async () => {
      const { clients, close } = await openReplicaClients(
        databases,
        databaseId,
      );
      try {
        const [one, two] = await Promise.all(
          clients.map(client =>
            DatabaseImageFactoryStore.create({
              database: { getClient: async () => client },
            }),
          ),
        );
        const taken = await Promise.all([
          one.acquirePipelineLease('a', 60_000),
          two.acquirePipelineLease('b', 60_000),
          one.acquirePipelineLease('c', 60_000),
        ]);
        expect(taken.filter(Boolean)).toHaveLength(1);
        const holder = ['a', 'b', 'c'][taken.indexOf(true)];
        expect(await two.renewPipelineLease(holder, 60_000)).toBe(true);
        expect(await two.renewPipelineLease('x', 60_000)).toBe(false);

        await one.releasePipelineLease(holder);
        expect(await two.acquirePipelineLease('d', 1)).toBe(true);
        await new Promise(resolve => setTimeout(resolve, 20));
        // 'd' was killed: its lease ran out, so another may take it.
        expect(await one.acquirePipelineLease('e', 60_000)).toBe(true);
        expect(await two.renewPipelineLease('d', 60_000)).toBe(false);
      } finally {
        await close();
      }
    });
  });
});
