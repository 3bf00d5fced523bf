import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { RefreshSummary } from '@image-factory/backstage-plugin-image-factory-common';
import { DatabaseImageFactoryStore } from '../database';
import {
  createTestStore,
  openReplicaClients,
  STORE_DATABASE_IDS,
} from '../database/__testUtils__/testStores';
import { RunCoordinator, RunRequest } from './RunCoordinator';

jest.setTimeout(60_000);

const summary: RefreshSummary = {
  startedAt: '2026-12-01T00:00:00.000Z',
  finishedAt: '2026-12-01T00:00:01.000Z',
  analyzed: 0,
  checked: 0,
  newFreight: 0,
  rebuildsTriggered: 0,
  commit: null,
  errors: [],
};

/** A pipeline that records how many of its runs overlap, and can be held. */
function recordingPipeline() {
  let running = 0;
  const record = {
    maxConcurrent: 0,
    runs: [] as string[][],
    release: () => {},
    held: Promise.resolve(),
    hold() {
      record.held = new Promise(resolve => {
        record.release = resolve;
      });
    },
    async run(request: RunRequest): Promise<RefreshSummary> {
      running++;
      record.maxConcurrent = Math.max(record.maxConcurrent, running);
      record.runs.push(request.forceAnalysis);
      try {
        await record.held;
        await new Promise(resolve => setTimeout(resolve, 5));
        request.signal.throwIfAborted();
        return summary;
      } finally {
        running--;
      }
    },
  };
  return record;
}

async function settle(store: DatabaseImageFactoryStore, id: string) {
  for (;;) {
    const run = await store.getRun(id);
    if (run?.status === 'succeeded' || run?.status === 'failed') return run;
    await new Promise(resolve => setTimeout(resolve, 10));
  }
}

describe('RunCoordinator', () => {
  const databases = TestDatabases.create({ ids: STORE_DATABASE_IDS });

  describe.each(databases.eachSupportedId())('on %s', databaseId => {
    it('runs requests from two replicas one at a time, and a burst as one more run', async () => {
      const { clients, close } = await openReplicaClients(
        databases,
        databaseId,
      );
      try {
        const pipeline = recordingPipeline();
        const coordinators = await Promise.all(
          clients.map(async client =>
            RunCoordinator.create({
              store: await DatabaseImageFactoryStore.create({
                database: { getClient: async () => client },
              }),
              logger: mockServices.logger.mock(),
              run: request => pipeline.run(request),
              deadlineMs: 60_000,
            }),
          ),
        );
        const store = await DatabaseImageFactoryStore.create({
          database: { getClient: async () => clients[0] },
        });
        pipeline.hold();
        const first = await coordinators[0].request();
        while (pipeline.runs.length === 0) {
          await new Promise(resolve => setTimeout(resolve, 5));
        }

        // While the first run holds the lease, ten requests on each replica.
        const burst = await Promise.all(
          Array.from({ length: 20 }, (_, i) =>
            coordinators[i % 2].request(
              i === 3 ? { forceAnalysis: ['component:default/a'] } : {},
            ),
          ),
        );
        pipeline.release();

        expect(new Set(burst.map(r => r.id)).size).toBe(1);
        expect(burst[0].id).not.toBe(first.id);
        expect(await settle(store, first.id)).toMatchObject({
          status: 'succeeded',
          summary,
        });
        expect(await settle(store, burst[0].id)).toMatchObject({
          status: 'succeeded',
        });
        expect(pipeline.runs).toEqual([[], ['component:default/a']]);
        expect(pipeline.maxConcurrent).toBe(1);
      } finally {
        await close();
      }
    });

    it('tells of each ended run once its outcome is stored, and a listener that fails changes nothing', async () => {
      const { store } = await createTestStore(databases, databaseId);
      let fail = false;
      const told: unknown[] = [];
      const coordinator = RunCoordinator.create({
        store,
        logger: mockServices.logger.mock(),
        run: async () => {
          if (fail) throw new Error('the state repository is gone');
          return summary;
        },
        deadlineMs: 60_000,
        onFinished: async run => {
          told.push({ ...run, stored: (await store.getRun(run.id))?.status });
          throw new Error('nobody is listening');
        },
      });

      const succeeded = await coordinator.request();
      expect(await settle(store, succeeded.id)).toMatchObject({
        status: 'succeeded',
      });
      fail = true;
      const failed = await coordinator.request();
      expect(await settle(store, failed.id)).toMatchObject({
        status: 'failed',
        error: 'the state repository is gone',
      });
      // The listener is told after the outcome is stored, so it may lag.
      while (told.length < 2) {
        await new Promise(resolve => setTimeout(resolve, 10));
      }
      expect(told).toEqual([
        { id: succeeded.id, status: 'succeeded', stored: 'succeeded' },
        { id: failed.id, status: 'failed', stored: 'failed' },
      ]);
    });

    it('stops a run at its deadline and records why', async () => {
      const { store } = await createTestStore(databases, databaseId);
      const pipeline = recordingPipeline();
      pipeline.hold();
      const coordinator = RunCoordinator.create({
        store,
        logger: mockServices.logger.mock(),
        run: request => pipeline.run(request),
        deadlineMs: 50,
      });

      const queued = await coordinator.request();
      await new Promise(resolve => setTimeout(resolve, 100));
      pipeline.release();

      expect(await settle(store, queued.id)).toMatchObject({
        status: 'failed',
        error: 'The run was stopped: it passed its deadline',
      });
    });

    it('ends a run left running by a killed replica once its lease has expired', async () => {
      const { store } = await createTestStore(databases, databaseId);
      // The killed replica: it held a short lease and had claimed a run.
      expect(await store.acquirePipelineLease('killed', 1)).toBe(true);
      await store.requestRun();
      const orphan = (await store.claimQueuedRun())!;
      await new Promise(resolve => setTimeout(resolve, 20));
      const coordinator = RunCoordinator.create({
        store,
        logger: mockServices.logger.mock(),
        run: async () => summary,
        deadlineMs: 60_000,
      });

      await coordinator.runScheduled(new AbortController().signal);

      expect(await store.getRun(orphan.id)).toMatchObject({
        status: 'failed',
        error: expect.stringContaining('stopped before the run finished'),
      });
      expect(await store.getQueuedRun()).toBeUndefined();
    });

    it('runs what it was asked once the lease of a killed replica has expired', async () => {
      const { store } = await createTestStore(databases, databaseId);
      expect(await store.acquirePipelineLease('killed', 300)).toBe(true);
      const run = jest.fn(async () => summary);
      const coordinator = RunCoordinator.create({
        store,
        logger: mockServices.logger.mock(),
        run,
        deadlineMs: 60_000,
        leaseMs: 100,
      });

      const queued = await coordinator.request();

      expect(await settle(store, queued.id)).toMatchObject({
        status: 'succeeded',
      });
      expect(run).toHaveBeenCalledTimes(1);
    });

    it('leaves the queued run to the replica that holds the lease', async () => {
      const { store } = await createTestStore(databases, databaseId);
      expect(await store.acquirePipelineLease('other replica', 60_000)).toBe(
        true,
      );
      const run = jest.fn(async () => summary);
      const coordinator = RunCoordinator.create({
        store,
        logger: mockServices.logger.mock(),
        run,
        deadlineMs: 60_000,
      });

      await coordinator.runScheduled(new AbortController().signal);

      expect(run).not.toHaveBeenCalled();
      expect(await store.getQueuedRun()).toMatchObject({ status: 'queued' });
    });
  });
});
