import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import {
  analyzeDockerfile,
  DEFAULT_ENROLLMENT_DEFAULTS,
  emptyStateTree,
  Enrollment,
  mergeState,
  parseEnrollment,
} from '@image-factory/backstage-plugin-image-factory-common';
import { DatabaseImageFactoryStore } from '../database';
import {
  DiscoveryResult,
  DiscoveryTarget,
  FreightSource,
  RegistryError,
} from '../discovery';
import { discoverFreight } from './discoverFreight';

const HOUR = 3_600_000;

// The freight source is the boundary here: what is under test is which tags the
// step asks for, and when.
function recordingSource(answer: (target: DiscoveryTarget) => DiscoveryResult) {
  const asked: string[][] = [];
  const source: FreightSource = {
    type: 'registry',
    async discover(targets) {
      asked.push(targets.map(t => `${t.registry}/${t.repository}:${t.tag}`));
      return targets.map(answer);
    },
  };
  return { source, asked };
}

/** The registry's answer for a tag it found: digest `sha256:1`, first seen now. */
function found(target: DiscoveryTarget): DiscoveryResult {
  return {
    ok: true,
    target,
    changed: true,
    freight: {
      ...target,
      digest: 'sha256:1',
      firstSeen: new Date(),
      source: 'registry',
    },
  };
}

describe('discoverFreight', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  async function setup() {
    const knex = await databases.init('SQLITE_3');
    const store = await DatabaseImageFactoryStore.create({
      database: mockServices.database({ knex }),
    });
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
    const { state } = mergeState({
      previous: emptyStateTree(),
      enrollments: [enrollment],
      analyses: new Map([
        [
          enrollment.entityRef,
          {
            status: 'ok',
            analysis: analyzeDockerfile('FROM node:22\nFROM python:3.12\n'),
            analyzedAt: '2026-01-01T00:00:00.000Z',
          },
        ],
      ]),
      now: '2026-01-01T00:00:00.000Z',
    });
    return { store, state, knex };
  }

  it('asks once per tag per interval, and retries a failed tag after an hour', async () => {
    const { store, state } = await setup();
    const { source, asked } = recordingSource(target =>
      target.repository === 'library/python'
        ? {
            ok: false,
            target,
            error: new RegistryError({
              message: 'registry docker.io could not be reached',
              registry: 'docker.io',
            }),
          }
        : found(target),
    );
    const run = async (at: number) => {
      const result = await discoverFreight({
        state,
        store,
        source,
        minIntervalFor: () => 24 * HOUR,
        maxNewTags: 500,
        now: new Date(at),
      });
      await store.putRegistryChecks(result.checks);
      return result;
    };

    const start = Date.parse('2026-01-02T00:00:00.000Z');
    const first = await run(start);
    expect(first.errors.get('docker.io/library/python:3.12')).toContain(
      'could not be reached',
    );
    await run(start + 30 * 60_000);
    await run(start + HOUR);
    await run(start + 25 * HOUR);

    expect(asked.map(targets => [...targets].sort())).toEqual([
      ['docker.io/library/node:22', 'docker.io/library/python:3.12'],
      [],
      ['docker.io/library/python:3.12'],
      ['docker.io/library/node:22', 'docker.io/library/python:3.12'],
    ]);
  });

  it('asks a registry that answered 429 nothing before its Retry-After, even after a restart', async () => {
    const { state, knex } = await setup();
    const start = Date.parse('2026-01-02T00:00:00.000Z');
    const retryAt = new Date(start + 2 * HOUR).toISOString();
    let limited = true;
    const { source, asked } = recordingSource(target =>
      limited
        ? {
            ok: false,
            target,
            error: new RegistryError({
              message: `docker.io/${target.repository}:${target.tag}: rate limited by the registry (HTTP 429); not asked again before ${retryAt}`,
              registry: 'docker.io',
              status: 429,
              retryAt,
            }),
          }
        : found(target),
    );
    const run = async (at: number) => {
      // A new store on the same database each time: a restarted backend.
      const restarted = await DatabaseImageFactoryStore.create({
        database: mockServices.database({ knex }),
      });
      const result = await discoverFreight({
        state,
        store: restarted,
        source,
        minIntervalFor: () => 0,
        maxNewTags: 500,
        now: new Date(at),
      });
      await restarted.putRegistryChecks(result.checks);
      return result;
    };

    await run(start);
    limited = false;
    const waiting = await run(start + HOUR);
    await run(start + 2 * HOUR + 1);

    expect(asked.map(targets => targets.length)).toEqual([2, 0, 2]);
    expect(waiting.errors.get('docker.io/library/node:22')).toBe(
      `docker.io/library/node:22: rate limited by the registry (HTTP 429); not asked again before ${retryAt}`,
    );
  });

  it('asks at most maxNewTags tags for the first time in one run; the rest wait for the next', async () => {
    const { store, state } = await setup();
    const { source, asked } = recordingSource(found);
    const run = async (at: number) => {
      const result = await discoverFreight({
        state,
        store,
        source,
        minIntervalFor: () => 24 * HOUR,
        maxNewTags: 1,
        now: new Date(at),
      });
      await store.putRegistryChecks(result.checks);
      return result;
    };

    const start = Date.parse('2026-01-02T00:00:00.000Z');
    const first = await run(start);
    const second = await run(start + 60_000);

    expect(first.waitingNewTags).toBe(1);
    expect(second.waitingNewTags).toBe(0);
    expect(asked).toHaveLength(2);
    expect(asked.every(targets => targets.length === 1)).toBe(true);
    expect(new Set(asked.flat()).size).toBe(2);
  });
});
