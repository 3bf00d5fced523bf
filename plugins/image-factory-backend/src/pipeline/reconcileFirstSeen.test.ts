import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import {
  analyzeDockerfile,
  DEFAULT_ENROLLMENT_DEFAULTS,
  emptyStateTree,
  Enrollment,
  mergeState,
  parseEnrollment,
  recordDigest,
  StateTree,
} from '@image-factory/backstage-plugin-image-factory-common';
import { DatabaseImageFactoryStore } from '../database';
import { reconcileFirstSeen } from './reconcileFirstSeen';

const T0 = '2020-01-01T00:00:00.000Z';
const T1 = '2026-01-01T00:00:00.000Z';
const T2 = '2026-01-02T00:00:00.000Z';
const NOW = new Date('2026-01-05T00:00:00.000Z');
const NODE = 'docker.io/library/node:22';
const A = `sha256:${'a'.repeat(64)}`;
const B = `sha256:${'b'.repeat(64)}`;

describe('reconcileFirstSeen', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  async function createStore() {
    const knex = await databases.init('SQLITE_3');
    return DatabaseImageFactoryStore.create({
      database: mockServices.database({ knex }),
    });
  }

  function stated(b: string): StateTree {
    const enrollment = parseEnrollment(
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: {
          name: 'payments',
          annotations: {
            'image-factory.io/image': 'ghcr.io/acme/payments',
            'backstage.io/managed-by-location':
              'file:/srv/payments/catalog-info.yaml',
          },
        },
      },
      DEFAULT_ENROLLMENT_DEFAULTS,
    ) as Enrollment;
    let state = mergeState({
      previous: emptyStateTree(),
      enrollments: [enrollment],
      analyses: new Map([
        [
          enrollment.entityRef,
          {
            status: 'ok' as const,
            analysis: analyzeDockerfile('FROM node:22\n'),
            analyzedAt: T1,
          },
        ],
      ]),
      now: T1,
    }).state;
    state = recordDigest(state, NODE, { digest: A, seenAt: T1 });
    return recordDigest(state, NODE, {
      digest: B,
      platformDigests: { 'linux/amd64': A },
      seenAt: b,
    });
  }

  it('adopts the state on a fresh database, then holds the state to its records', async () => {
    const store = await createStore();
    const options = { store, source: 'registry' as const, now: NOW };

    const fresh = await reconcileFirstSeen({ ...options, state: stated(T2) });
    expect(fresh).toEqual({ state: stated(T2), errors: [] });
    const tag = { registry: 'docker.io', repository: 'library/node' };
    expect(
      (await store.listFreight({ ...tag, tag: '22' })).map(f => [
        f.digest,
        f.firstSeen,
        f.platformDigests,
      ]),
    ).toEqual([
      [B, T2, { 'linux/amd64': A }],
      [A, T1, {}],
    ]);

    const backdated = await reconcileFirstSeen({
      ...options,
      state: stated(T0),
    });
    expect(backdated.state).toEqual(stated(T2));
    expect(backdated.errors).toEqual([
      expect.stringMatching(
        new RegExp(`^state/base-images/node-22\\.yaml: .*${B}.*${T0}.*${T2}`),
      ),
    ]);
    // Records never move.
    expect(
      (await store.listFreight({ ...tag, tag: '22' })).map(f => f.firstSeen),
    ).toEqual([T2, T1]);
  });
});
