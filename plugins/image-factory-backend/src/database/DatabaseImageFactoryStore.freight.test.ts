import { TestDatabases } from '@backstage/backend-test-utils';
import {
  createTestStore,
  STORE_DATABASE_IDS,
} from './__testUtils__/testStores';

jest.setTimeout(60_000);

describe('DatabaseImageFactoryStore freight and caches', () => {
  const databases = TestDatabases.create({ ids: STORE_DATABASE_IDS });

  describe.each(databases.eachSupportedId())('on %s', databaseId => {
    const createStore = () => createTestStore(databases, databaseId);

    it('keeps the first sighting of freight when the same digest is seen again', async () => {
      const { store } = await createStore();
      const node = {
        registry: 'docker.io',
        repository: 'library/node',
        source: 'registry' as const,
      };
      const first = await store.addFreight([
        {
          ...node,
          tag: '22',
          digest: 'sha256:aaa',
          platformDigests: { 'linux/amd64': 'sha256:a1' },
          firstSeen: '2026-01-01T00:00:00.000Z',
        },
        {
          ...node,
          tag: '22',
          digest: 'sha256:bbb',
          platformDigests: {},
          firstSeen: '2026-01-08T00:00:00.000Z',
        },
        {
          ...node,
          tag: '20',
          digest: 'sha256:ccc',
          platformDigests: {},
          firstSeen: '2026-01-09T00:00:00.000Z',
        },
      ]);
      expect(first.map(f => f.digest)).toEqual([
        'sha256:aaa',
        'sha256:bbb',
        'sha256:ccc',
      ]);

      const again = await store.addFreight([
        {
          ...node,
          tag: '22',
          digest: 'sha256:aaa',
          platformDigests: { 'linux/amd64': 'sha256:zz' },
          firstSeen: '2026-02-01T00:00:00.000Z',
          source: 'kargo',
        },
        {
          ...node,
          tag: '22',
          digest: 'sha256:ddd',
          platformDigests: {},
          firstSeen: '2026-01-15T00:00:00.000Z',
        },
      ]);

      expect(again).toEqual([
        {
          ...node,
          tag: '22',
          digest: 'sha256:ddd',
          platformDigests: {},
          firstSeen: '2026-01-15T00:00:00.000Z',
        },
      ]);
      const tag22 = await store.listFreight({
        registry: 'docker.io',
        repository: 'library/node',
        tag: '22',
      });
      expect(tag22.map(f => [f.digest, f.firstSeen])).toEqual([
        ['sha256:ddd', '2026-01-15T00:00:00.000Z'],
        ['sha256:bbb', '2026-01-08T00:00:00.000Z'],
        ['sha256:aaa', '2026-01-01T00:00:00.000Z'],
      ]);
      expect(tag22[2]).toMatchObject({
        platformDigests: { 'linux/amd64': 'sha256:a1' },
        source: 'registry',
      });
      expect(
        (
          await store.listFreight({
            registry: 'docker.io',
            repository: 'library/node',
            limit: 2,
          })
        ).map(f => f.digest),
      ).toEqual(['sha256:ddd', 'sha256:ccc']);
      expect(
        await store.listFreight({
          registry: 'ghcr.io',
          repository: 'library/node',
        }),
      ).toEqual([]);
    });

    it('lists the freight of the tags asked for, and of no other tag', async () => {
      const { store } = await createStore();
      const record = (
        registry: string,
        repository: string,
        tag: string,
        digest: string,
      ) => ({
        registry,
        repository,
        tag,
        digest,
        platformDigests: {},
        firstSeen: '2026-01-01T00:00:00.000Z',
        source: 'registry' as const,
      });
      await store.addFreight([
        record('docker.io', 'library/node', '22', 'sha256:a'),
        record('docker.io', 'library/node', '22', 'sha256:b'),
        record('docker.io', 'library/node', '20', 'sha256:c'),
        record('ghcr.io', 'library/node', '22', 'sha256:d'),
        record('docker.io', 'library/nginx', '1', 'sha256:e'),
      ]);

      const found = await store.listFreightOfTags([
        { registry: 'docker.io', repository: 'library/node', tag: '22' },
        { registry: 'docker.io', repository: 'library/nginx', tag: '1' },
        { registry: 'quay.io', repository: 'x/y', tag: '1' },
      ]);
      expect(found.map(f => f.digest).sort()).toEqual([
        'sha256:a',
        'sha256:b',
        'sha256:e',
      ]);
      expect(found.find(f => f.digest === 'sha256:a')).toEqual(
        record('docker.io', 'library/node', '22', 'sha256:a'),
      );
      expect(await store.listFreightOfTags([])).toEqual([]);
    });

    it('stores the latest registry check per target and the Dockerfile cache per location', async () => {
      const { store } = await createStore();
      await store.putRegistryChecks([
        {
          target: 'docker.io/library/node:22',
          checkedAt: '2026-01-01T00:00:00.000Z',
          digest: 'sha256:a',
          platformDigests: { 'linux/amd64': 'sha256:a1' },
        },
        {
          target: 'ghcr.io/acme/x:1',
          checkedAt: '2026-01-01T00:00:00.000Z',
          error: 'unauthorized',
        },
      ]);
      await store.putRegistryChecks([
        {
          target: 'docker.io/library/node:22',
          checkedAt: '2026-01-02T00:00:00.000Z',
          error: 'toomanyrequests',
        },
      ]);

      expect(await store.getRegistryChecks()).toEqual([
        {
          target: 'docker.io/library/node:22',
          checkedAt: '2026-01-02T00:00:00.000Z',
          error: 'toomanyrequests',
        },
        {
          target: 'ghcr.io/acme/x:1',
          checkedAt: '2026-01-01T00:00:00.000Z',
          error: 'unauthorized',
        },
      ]);

      const location =
        'url:https://github.com/acme/payments/blob/main/Dockerfile';
      expect((await store.getDockerfileCaches([location])).size).toBe(0);
      await store.putDockerfileCaches([
        {
          location,
          etag: 'W/"1"',
          contentHash: 'abc',
          analysis: { baseImages: ['node:22'] },
          analyzedAt: '2026-01-01T00:00:00.000Z',
        },
      ]);
      await store.putDockerfileCaches([
        {
          location,
          etag: 'W/"2"',
          error: 'FROM line 3: unresolved ARG',
          analyzedAt: '2026-01-02T00:00:00.000Z',
        },
      ]);
      const caches = await store.getDockerfileCaches([
        location,
        'url:https://elsewhere/Dockerfile',
      ]);
      expect([...caches.keys()]).toEqual([location]);
      expect(caches.get(location)).toEqual({
        location,
        etag: 'W/"2"',
        error: 'FROM line 3: unresolved ARG',
        analyzedAt: '2026-01-02T00:00:00.000Z',
      });
    });
  });
});
