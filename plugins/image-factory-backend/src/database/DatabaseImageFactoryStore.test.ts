import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { DatabaseImageFactoryStore } from './DatabaseImageFactoryStore';
import { ImageStatusRecord } from './types';

jest.setTimeout(60_000);

type ImageInput = Omit<ImageStatusRecord, 'updatedAt'>;

function image(name: string, fields: Partial<ImageInput> = {}): ImageInput {
  return {
    entityRef: `component:default/${name}`,
    kind: 'managed',
    image: `ghcr.io/acme/${name}`,
    owner: 'group:default/platform',
    eligibilityState: 'up-to-date',
    status: { entityRef: `component:default/${name}`, baseImages: [] },
    ...fields,
  };
}

/** Waits until the clock has moved past a timestamp, so a later write is later. */
async function clockPast(iso: string): Promise<void> {
  while (new Date().toISOString() <= iso) {
    await new Promise(resolve => setImmediate(resolve));
  }
}

describe('DatabaseImageFactoryStore', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  async function createStore(databaseId: TestDatabaseId) {
    const knex = await databases.init(databaseId);
    const store = await DatabaseImageFactoryStore.create({
      database: { getClient: async () => knex },
    });
    return { knex, store };
  }

  describe.each(databases.eachSupportedId())('on %s', databaseId => {
    it('replaces image statuses: inserts, updates what changed, deletes what is gone', async () => {
      const { store } = await createStore(databaseId);
      expect(
        await store.replaceImageStatuses([image('a'), image('b'), image('c')]),
      ).toEqual({ inserted: 3, updated: 0, unchanged: 0, deleted: 0 });
      const first = (await store.getImageStatus('component:default/a'))!;
      await clockPast(first.updatedAt);
      const before = new Date().toISOString();

      const result = await store.replaceImageStatuses([
        image('a'),
        image('b', { eligibilityState: 'eligible', status: { changed: true } }),
        image('d'),
      ]);

      expect(result).toEqual({ inserted: 1, updated: 1, unchanged: 1, deleted: 1 });
      const { items } = await store.listImageStatuses();
      expect(items.map(i => i.entityRef)).toEqual([
        'component:default/a',
        'component:default/b',
        'component:default/d',
      ]);
      expect(items[0].updatedAt).toBe(first.updatedAt);
      expect(items[1]).toMatchObject({
        eligibilityState: 'eligible',
        status: { changed: true },
      });
      expect(items[1].updatedAt >= before).toBe(true);
      expect(items[2].updatedAt >= before).toBe(true);
    });

    it('replaces nothing when the given statuses hold a duplicate entity', async () => {
      const { store } = await createStore(databaseId);
      await store.replaceImageStatuses([image('a')]);

      await expect(
        store.replaceImageStatuses([image('b'), image('b')]),
      ).rejects.toMatchObject({ name: 'InputError' });
      expect((await store.listImageStatuses()).items.map(i => i.entityRef)).toEqual([
        'component:default/a',
      ]);
    });

    it('serves an image status with its document and ISO timestamps', async () => {
      const { store } = await createStore(databaseId);
      const status = {
        entityRef: 'component:default/a',
        eligibility: { state: 'pending', reasons: ['node:22 moved'] },
        rebuilds: [],
      };
      await store.replaceImageStatuses([
        image('a', {
          kind: 'external',
          owner: undefined,
          eligibilityState: 'pending',
          // Offsets are normalized to UTC, milliseconds kept.
          eligibleAt: '2026-03-01T14:30:00.123+02:00',
          staleSince: '2026-02-22T12:30:00.123Z',
          status,
        }),
      ]);

      expect(await store.getImageStatus('component:default/a')).toEqual({
        entityRef: 'component:default/a',
        kind: 'external',
        image: 'ghcr.io/acme/a',
        eligibilityState: 'pending',
        eligibleAt: '2026-03-01T12:30:00.123Z',
        staleSince: '2026-02-22T12:30:00.123Z',
        status,
        updatedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      });
      expect(await store.getImageStatus('component:default/missing')).toBeUndefined();
      await expect(
        store.replaceImageStatuses([image('b', { eligibleAt: 'next week' })]),
      ).rejects.toMatchObject({ name: 'InputError' });
    });

    it('filters, searches, orders by staleness and pages image statuses', async () => {
      const { store } = await createStore(databaseId);
      await store.replaceImageStatuses([
        image('alpha', { staleSince: '2026-01-10T00:00:00.000Z', eligibilityState: 'eligible' }),
        image('bravo'),
        image('charlie', { staleSince: '2026-01-05T00:00:00.000Z', eligibilityState: 'pending' }),
        image('delta', { owner: 'group:default/payments', kind: 'external' }),
        image('echo', { staleSince: '2026-01-07T00:00:00.000Z', eligibilityState: 'eligible' }),
        image('under_score', { image: 'docker.io/library/100%_pure' }),
      ]);
      const refs = (items: ImageStatusRecord[]) =>
        items.map(i => i.entityRef.replace('component:default/', ''));

      const stale = await store.listImageStatuses({ order: 'staleness' });
      expect(refs(stale.items)).toEqual([
        'charlie', 'echo', 'alpha', 'bravo', 'delta', 'under_score',
      ]);

      const page = await store.listImageStatuses({ order: 'staleness', offset: 2, limit: 2 });
      expect(refs(page.items)).toEqual(['alpha', 'bravo']);
      expect(page.totalCount).toBe(6);

      const eligible = await store.listImageStatuses({ state: 'eligible', limit: 1 });
      expect(refs(eligible.items)).toEqual(['alpha']);
      expect(eligible.totalCount).toBe(2);
      expect(
        refs((await store.listImageStatuses({ state: ['pending', 'eligible'] })).items),
      ).toEqual(['alpha', 'charlie', 'echo']);
      expect(
        refs((await store.listImageStatuses({ owner: 'group:default/payments' })).items),
      ).toEqual(['delta']);
      expect(refs((await store.listImageStatuses({ kind: 'external' })).items)).toEqual([
        'delta',
      ]);
      expect(refs((await store.listImageStatuses({ search: 'ECH' })).items)).toEqual(['echo']);
      // Wildcards are searched literally.
      expect(refs((await store.listImageStatuses({ search: '0%_' })).items)).toEqual([
        'under_score',
      ]);
      expect(refs((await store.listImageStatuses({ search: '_' })).items)).toEqual([
        'under_score',
      ]);
      expect(await store.listImageStatuses({ search: 'nothing' })).toEqual({
        items: [],
        totalCount: 0,
      });
      await expect(store.listImageStatuses({ limit: 0 })).rejects.toMatchObject({
        name: 'InputError',
      });
      await expect(store.listImageStatuses({ offset: -1 })).rejects.toMatchObject({
        name: 'InputError',
      });
    });

    it('replaces base image statuses and lists them by name', async () => {
      const { store } = await createStore(databaseId);
      await store.replaceBaseImageStatuses([
        { name: 'node-22', ref: 'docker.io/library/node:22', dependentsCount: 3, status: { a: 1 } },
        { name: 'alpine-3', ref: 'docker.io/library/alpine:3', dependentsCount: 1, status: {} },
      ]);

      const result = await store.replaceBaseImageStatuses([
        { name: 'node-22', ref: 'docker.io/library/node:22', dependentsCount: 4, status: { a: 2 } },
        { name: 'distroless', ref: 'gcr.io/distroless/base:latest', dependentsCount: 0, status: {} },
      ]);

      expect(result).toEqual({ inserted: 1, updated: 1, unchanged: 0, deleted: 1 });
      expect((await store.listBaseImageStatuses()).map(b => [b.name, b.dependentsCount])).toEqual([
        ['distroless', 0],
        ['node-22', 4],
      ]);
      expect(await store.getBaseImageStatus('node-22')).toMatchObject({
        ref: 'docker.io/library/node:22',
        status: { a: 2 },
      });
      expect(await store.getBaseImageStatus('alpine-3')).toBeUndefined();
    });

    it('keeps the first sighting of freight when the same digest is seen again', async () => {
      const { store } = await createStore(databaseId);
      const node = { registry: 'docker.io', repository: 'library/node', source: 'registry' as const };
      const first = await store.addFreight([
        { ...node, tag: '22', digest: 'sha256:aaa', platformDigests: { 'linux/amd64': 'sha256:a1' }, firstSeen: '2026-01-01T00:00:00.000Z' },
        { ...node, tag: '22', digest: 'sha256:bbb', platformDigests: {}, firstSeen: '2026-01-08T00:00:00.000Z' },
        { ...node, tag: '20', digest: 'sha256:ccc', platformDigests: {}, firstSeen: '2026-01-09T00:00:00.000Z' },
      ]);
      expect(first.map(f => f.digest)).toEqual(['sha256:aaa', 'sha256:bbb', 'sha256:ccc']);

      const again = await store.addFreight([
        { ...node, tag: '22', digest: 'sha256:aaa', platformDigests: { 'linux/amd64': 'sha256:zz' }, firstSeen: '2026-02-01T00:00:00.000Z', source: 'kargo' },
        { ...node, tag: '22', digest: 'sha256:ddd', platformDigests: {}, firstSeen: '2026-01-15T00:00:00.000Z' },
      ]);

      expect(again).toEqual([
        { ...node, tag: '22', digest: 'sha256:ddd', platformDigests: {}, firstSeen: '2026-01-15T00:00:00.000Z' },
      ]);
      const tag22 = await store.listFreight({ registry: 'docker.io', repository: 'library/node', tag: '22' });
      expect(tag22.map(f => [f.digest, f.firstSeen])).toEqual([
        ['sha256:ddd', '2026-01-15T00:00:00.000Z'],
        ['sha256:bbb', '2026-01-08T00:00:00.000Z'],
        ['sha256:aaa', '2026-01-01T00:00:00.000Z'],
      ]);
      expect(tag22[2]).toMatchObject({ platformDigests: { 'linux/amd64': 'sha256:a1' }, source: 'registry' });
      expect(
        (await store.listFreight({ registry: 'docker.io', repository: 'library/node', limit: 2 })).map(f => f.digest),
      ).toEqual(['sha256:ddd', 'sha256:ccc']);
      expect(await store.listFreight({ registry: 'ghcr.io', repository: 'library/node' })).toEqual([]);
    });

    it('stores the latest registry check per target and the Dockerfile cache per location', async () => {
      const { store } = await createStore(databaseId);
      await store.putRegistryCheck({ target: 'docker.io/library/node:22', checkedAt: '2026-01-01T00:00:00.000Z', digest: 'sha256:a', platformDigests: { 'linux/amd64': 'sha256:a1' } });
      await store.putRegistryCheck({ target: 'ghcr.io/acme/x:1', checkedAt: '2026-01-01T00:00:00.000Z', error: 'unauthorized' });
      await store.putRegistryCheck({ target: 'docker.io/library/node:22', checkedAt: '2026-01-02T00:00:00.000Z', error: 'toomanyrequests' });

      expect(await store.getRegistryChecks()).toEqual([
        { target: 'docker.io/library/node:22', checkedAt: '2026-01-02T00:00:00.000Z', error: 'toomanyrequests' },
        { target: 'ghcr.io/acme/x:1', checkedAt: '2026-01-01T00:00:00.000Z', error: 'unauthorized' },
      ]);

      const location = 'url:https://github.com/acme/payments/blob/main/Dockerfile';
      expect(await store.getDockerfileCache(location)).toBeUndefined();
      await store.putDockerfileCache({ location, etag: 'W/"1"', contentHash: 'abc', analysis: { baseImages: ['node:22'] }, analyzedAt: '2026-01-01T00:00:00.000Z' });
      await store.putDockerfileCache({ location, etag: 'W/"2"', error: 'FROM line 3: unresolved ARG', analyzedAt: '2026-01-02T00:00:00.000Z' });
      expect(await store.getDockerfileCache(location)).toEqual({
        location,
        etag: 'W/"2"',
        error: 'FROM line 3: unresolved ARG',
        analyzedAt: '2026-01-02T00:00:00.000Z',
      });
    });

    it('records a rebuild once per trigger key and follows it to its conclusion', async () => {
      const { store } = await createStore(databaseId);
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
      const duplicate = await store.createRebuild({ ...request, trigger: 'manual' });

      if (!created.created || duplicate.created) throw new Error('expected one rebuild');
      expect(created.rebuild).toMatchObject({ ...request, status: 'requested' });
      expect(duplicate.existing).toEqual(created.rebuild);

      await store.updateRebuild(created.rebuild.id, { status: 'in_progress', runId: '42', runUrl: 'https://github.com/acme/payments/actions/runs/42' });
      expect((await store.listRebuilds({ active: true })).map(r => r.id)).toEqual([created.rebuild.id]);
      const done = await store.updateRebuild(created.rebuild.id, { status: 'completed', conclusion: 'success', finishedAt: '2026-01-10T10:20:00.000Z' });

      expect(done).toMatchObject({
        status: 'completed',
        conclusion: 'success',
        runId: '42',
        runUrl: 'https://github.com/acme/payments/actions/runs/42',
        finishedAt: '2026-01-10T10:20:00.000Z',
        baseDigests: request.baseDigests,
      });
      expect(await store.listRebuilds({ active: true })).toEqual([]);
      expect(await store.listRebuilds({ active: false, entityRef: request.entityRef })).toEqual([done]);
      await expect(store.updateRebuild('5d2c4b5e-0000-4000-8000-000000000000', { status: 'failed' })).rejects.toMatchObject({ name: 'NotFoundError' });
      await expect(store.updateRebuild('not-a-uuid', { status: 'failed' })).rejects.toMatchObject({ name: 'NotFoundError' });
      expect(await store.getRebuild('not-a-uuid')).toBeUndefined();
    });

    it('lists rebuilds newest first and counts emergency rebuilds', async () => {
      const { store } = await createStore(databaseId);
      const base = { requestedBy: 'user:default/sec', provider: 'github', baseDigests: {} };
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

      expect((await store.listRebuilds({ entityRef: 'component:default/a' })).map(r => r.requestedAt)).toEqual([
        '2026-01-06T00:00:00.000Z',
        '2026-01-05T00:00:00.000Z',
        '2026-01-01T00:00:00.000Z',
      ]);
      expect(await store.listRebuilds({ limit: 1 })).toMatchObject([{ entityRef: 'component:default/b' }]);
      expect(await store.countEmergencyRebuilds()).toBe(3);
      expect(await store.countEmergencyRebuilds({ entityRef: 'component:default/a' })).toBe(2);
      expect(await store.countEmergencyRebuilds({ since: '2026-01-05T01:00:00+01:00' })).toBe(2);
    });

    it('records pipeline runs and finds the last one', async () => {
      const { store } = await createStore(databaseId);
      expect(await store.getLastRun()).toBeUndefined();
      const first = await store.startRun();
      await store.finishRun(first.id, { summary: { images: 3, commits: 1 } });
      await clockPast(first.startedAt);
      const second = await store.startRun();

      expect(await store.getLastRun()).toEqual({ id: second.id, startedAt: second.startedAt });
      expect(await store.getLastRun({ finished: true })).toEqual({
        id: first.id,
        startedAt: first.startedAt,
        finishedAt: expect.any(String),
        summary: { images: 3, commits: 1 },
      });
      const failed = await store.finishRun(second.id, { error: 'state repository unreachable' });
      expect(failed).toMatchObject({ id: second.id, error: 'state repository unreachable' });
      await expect(store.finishRun('7e0b5e1c-0000-4000-8000-000000000000', {})).rejects.toMatchObject({ name: 'NotFoundError' });
    });
  });

  it.each(databases.eachSupportedId())(
    'lets exactly one of two concurrent rebuild requests with one trigger key win, on %s',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const clients: Knex[] = [knex];
      if (databaseId.startsWith('POSTGRES')) {
        // A second connection pool on the same database: two backend replicas.
        const { default: knexFactory } = await import('knex');
        clients.push(knexFactory({ client: 'pg', connection: knex.client.config.connection }));
      } else {
        // An in-memory SQLite database lives in one connection only.
        clients.push(knex);
      }
      try {
        const [one, two] = await Promise.all(
          clients.map(client => DatabaseImageFactoryStore.create({ database: { getClient: async () => client } })),
        );
        const keys = Array.from({ length: 20 }, (_, i) => `component:default/app-${i}@sha256:${i}`);

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

  it.each(databases.eachSupportedId())(
    'leaves the schema alone when migrations are skipped, on %s',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await DatabaseImageFactoryStore.create({ database: { getClient: async () => knex }, skipMigrations: true });
      await DatabaseImageFactoryStore.create({ database: { getClient: async () => knex, migrations: { skip: true } } });
      expect(await knex.schema.hasTable('image_status')).toBe(false);
    },
  );
});
