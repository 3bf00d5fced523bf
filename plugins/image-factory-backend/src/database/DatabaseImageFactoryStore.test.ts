import { TestDatabases } from '@backstage/backend-test-utils';
import { DatabaseImageFactoryStore } from './DatabaseImageFactoryStore';
import { ImageStatusRecord } from './types';
import {
  clockPast,
  createTestStore,
  STORE_DATABASE_IDS,
} from './__testUtils__/testStores';

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
describe('DatabaseImageFactoryStore statuses', () => {
  const databases = TestDatabases.create({ ids: STORE_DATABASE_IDS });

  describe.each(databases.eachSupportedId())('on %s', databaseId => {
    const createStore = () => createTestStore(databases, databaseId);

    it('replaces image statuses: inserts, updates what changed, deletes what is gone', async () => {
      const { store } = await createStore();
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

      expect(result).toEqual({
        inserted: 1,
        updated: 1,
        unchanged: 1,
        deleted: 1,
      });
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

    it('writes a status again after a single update, and a row from before content hashes once', async () => {
      const { store, knex } = await createStore();
      await store.replaceImageStatuses([image('a'), image('b')]);
      await store.updateImageStatus(
        image('a', { eligibilityState: 'rebuilding' }),
      );
      // A row written before rows carried a content hash.
      await knex('image_status')
        .where('entity_ref', 'component:default/b')
        .update({ content_hash: null });

      expect(
        await store.replaceImageStatuses([image('a'), image('b')]),
      ).toEqual({ inserted: 0, updated: 2, unchanged: 0, deleted: 0 });
      expect(
        (await store.getImageStatus('component:default/a'))!.eligibilityState,
      ).toBe('up-to-date');
      expect(
        await store.replaceImageStatuses([image('a'), image('b')]),
      ).toEqual({ inserted: 0, updated: 0, unchanged: 2, deleted: 0 });
    });

    it('replaces nothing when the given statuses hold a duplicate entity', async () => {
      const { store } = await createStore();
      await store.replaceImageStatuses([image('a')]);

      await expect(
        store.replaceImageStatuses([image('b'), image('b')]),
      ).rejects.toMatchObject({ name: 'InputError' });
      expect(
        (await store.listImageStatuses()).items.map(i => i.entityRef),
      ).toEqual(['component:default/a']);
    });

    it('serves an image status with its document and ISO timestamps', async () => {
      const { store } = await createStore();
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
        updatedAt: expect.stringMatching(
          /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/,
        ),
      });
      expect(
        await store.getImageStatus('component:default/missing'),
      ).toBeUndefined();
      await expect(
        store.replaceImageStatuses([image('b', { eligibleAt: 'next week' })]),
      ).rejects.toMatchObject({ name: 'InputError' });
    });

    it('puts the images with the most critical fixes upstream first in staleness order', async () => {
      const { store } = await createStore();
      await store.replaceImageStatuses([
        image('stalest', { staleSince: '2026-01-01T00:00:00.000Z' }),
        image('one-fix', {
          staleSince: '2026-01-09T00:00:00.000Z',
          upstreamCriticalFixes: 1,
        }),
        image('fresh'),
        image('two-fixes', {
          staleSince: '2026-01-10T00:00:00.000Z',
          upstreamCriticalFixes: 2,
        }),
      ]);
      const stale = await store.listImageStatuses({ order: 'staleness' });
      expect(stale.items.map(i => i.entityRef)).toEqual([
        'component:default/two-fixes',
        'component:default/one-fix',
        'component:default/stalest',
        'component:default/fresh',
      ]);
      expect(stale.items[0].upstreamCriticalFixes).toBe(2);
      expect(stale.items[2]).not.toHaveProperty('upstreamCriticalFixes');
      // The count is part of the row: a change alone is stored.
      await store.replaceImageStatuses([
        image('stalest', { staleSince: '2026-01-01T00:00:00.000Z' }),
        image('one-fix', { staleSince: '2026-01-09T00:00:00.000Z' }),
        image('fresh'),
        image('two-fixes', {
          staleSince: '2026-01-10T00:00:00.000Z',
          upstreamCriticalFixes: 2,
        }),
      ]);
      expect(
        (await store.listImageStatuses({ order: 'staleness' })).items.map(
          i => i.entityRef,
        ),
      ).toEqual([
        'component:default/two-fixes',
        'component:default/stalest',
        'component:default/one-fix',
        'component:default/fresh',
      ]);
    });

    it('filters, searches, orders by staleness and pages image statuses', async () => {
      const { store } = await createStore();
      await store.replaceImageStatuses([
        image('alpha', {
          staleSince: '2026-01-10T00:00:00.000Z',
          eligibilityState: 'eligible',
        }),
        image('bravo'),
        image('charlie', {
          staleSince: '2026-01-05T00:00:00.000Z',
          eligibilityState: 'pending',
        }),
        image('delta', { owner: 'group:default/payments', kind: 'external' }),
        image('echo', {
          staleSince: '2026-01-07T00:00:00.000Z',
          eligibilityState: 'eligible',
        }),
        image('under_score', { image: 'docker.io/library/100%_pure' }),
      ]);
      const refs = (items: ImageStatusRecord[]) =>
        items.map(i => i.entityRef.replace('component:default/', ''));

      const stale = await store.listImageStatuses({ order: 'staleness' });
      expect(refs(stale.items)).toEqual([
        'charlie',
        'echo',
        'alpha',
        'bravo',
        'delta',
        'under_score',
      ]);

      const page = await store.listImageStatuses({
        order: 'staleness',
        offset: 2,
        limit: 2,
      });
      expect(refs(page.items)).toEqual(['alpha', 'bravo']);
      expect(page.totalCount).toBe(6);

      const eligible = await store.listImageStatuses({
        state: 'eligible',
        limit: 1,
      });
      expect(refs(eligible.items)).toEqual(['alpha']);
      expect(eligible.totalCount).toBe(2);
      expect(
        refs(
          (await store.listImageStatuses({ state: ['pending', 'eligible'] }))
            .items,
        ),
      ).toEqual(['alpha', 'charlie', 'echo']);
      expect(
        refs(
          (await store.listImageStatuses({ owner: 'group:default/payments' }))
            .items,
        ),
      ).toEqual(['delta']);
      expect(
        refs((await store.listImageStatuses({ kind: 'external' })).items),
      ).toEqual(['delta']);
      expect(
        refs((await store.listImageStatuses({ search: 'ECH' })).items),
      ).toEqual(['echo']);
      // Wildcards are searched literally.
      expect(
        refs((await store.listImageStatuses({ search: '0%_' })).items),
      ).toEqual(['under_score']);
      expect(
        refs((await store.listImageStatuses({ search: '_' })).items),
      ).toEqual(['under_score']);
      expect(await store.listImageStatuses({ search: 'nothing' })).toEqual({
        items: [],
        totalCount: 0,
      });
      // Only the listed entities, across more than one batch of bound values.
      const many = [
        ...Array.from({ length: 1500 }, (_, i) => `component:default/x${i}`),
        'component:default/echo',
        'component:default/bravo',
      ];
      const only = await store.listImageStatuses({ entityRefs: many });
      expect(refs(only.items)).toEqual(['bravo', 'echo']);
      expect(only.totalCount).toBe(2);
      expect(
        await store.listImageStatuses({
          entityRefs: ['component:default/echo'],
          state: 'pending',
        }),
      ).toEqual({ items: [], totalCount: 0 });
      expect(await store.listImageStatuses({ entityRefs: [] })).toEqual({
        items: [],
        totalCount: 0,
      });
      await expect(store.listImageStatuses({ limit: 0 })).rejects.toMatchObject(
        {
          name: 'InputError',
        },
      );
      await expect(
        store.listImageStatuses({ offset: -1 }),
      ).rejects.toMatchObject({
        name: 'InputError',
      });
    });

    it('replaces base image statuses and lists them by name', async () => {
      const { store } = await createStore();
      await store.replaceBaseImageStatuses([
        {
          name: 'node-22',
          ref: 'docker.io/library/node:22',
          dependentsCount: 3,
          status: { a: 1 },
        },
        {
          name: 'alpine-3',
          ref: 'docker.io/library/alpine:3',
          dependentsCount: 1,
          status: {},
        },
      ]);

      const result = await store.replaceBaseImageStatuses([
        {
          name: 'node-22',
          ref: 'docker.io/library/node:22',
          dependentsCount: 4,
          status: { a: 2 },
        },
        {
          name: 'distroless',
          ref: 'gcr.io/distroless/base:latest',
          dependentsCount: 0,
          status: {},
        },
      ]);

      expect(result).toEqual({
        inserted: 1,
        updated: 1,
        unchanged: 0,
        deleted: 1,
      });
      const page = await store.listBaseImageStatuses({ offset: 0, limit: 10 });
      expect(page.totalCount).toBe(2);
      expect(page.items.map(b => [b.name, b.dependentsCount])).toEqual([
        ['node-22', 4],
        ['distroless', 0],
      ]);
      const second = await store.listBaseImageStatuses({ offset: 1, limit: 1 });
      expect(second).toMatchObject({
        totalCount: 2,
        items: [{ name: 'distroless' }],
      });
      expect(
        (await store.getBaseImageStatuses(['node-22', 'gone'])).map(
          b => b.name,
        ),
      ).toEqual(['node-22']);
      expect(await store.getBaseImageStatus('node-22')).toMatchObject({
        ref: 'docker.io/library/node:22',
        status: { a: 2 },
      });
      expect(await store.getBaseImageStatus('alpine-3')).toBeUndefined();
    });
  });

  it.each(databases.eachSupportedId())(
    'leaves the schema alone when migrations are skipped, on %s',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await DatabaseImageFactoryStore.create({
        database: { getClient: async () => knex },
        skipMigrations: true,
      });
      await DatabaseImageFactoryStore.create({
        database: { getClient: async () => knex, migrations: { skip: true } },
      });
      expect(await knex.schema.hasTable('image_status')).toBe(false);
    },
  );
});
