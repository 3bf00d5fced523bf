import { parseImageReference } from '@image-factory/backstage-plugin-image-factory-common';
import { MonitoredImage, planDiscovery } from './planDiscovery';

const HOUR = 60 * 60 * 1000;
const NOW = new Date('2026-03-01T12:00:00Z');

const image = (ref: string, ...dependents: string[]): MonitoredImage => ({
  ref: parseImageReference(ref),
  dependents,
});
const hoursAgo = (hours: number) => new Date(NOW.getTime() - hours * HOUR);
// docker.io waits 24h between checks, everything else 1h, as the policy defaults do.
const minIntervalFor = (registry: string) =>
  registry === 'docker.io' ? 24 * HOUR : HOUR;

describe('planDiscovery', () => {
  it('makes one target of a repository+tag however many images depend on it', () => {
    const plan = planDiscovery({
      images: [
        image('node:22', 'component:default/payments'),
        image('docker.io/library/node:22', 'component:default/orders'),
        image(
          'index.docker.io/library/node:22',
          'component:default/payments',
          'component:default/search',
        ),
        image(`node:22@sha256:${'a'.repeat(64)}`, 'component:default/billing'),
      ],
      lastChecked: new Map(),
      minIntervalFor,
      now: NOW,
    });
    expect(plan.due).toEqual([
      {
        registry: 'docker.io',
        repository: 'library/node',
        tag: '22',
        dependents: [
          'component:default/billing',
          'component:default/orders',
          'component:default/payments',
          'component:default/search',
        ],
      },
    ]);
    expect(plan.waiting).toEqual([]);
    expect(plan.uncheckable).toEqual([]);
  });

  it('asks for every platform the images on a repository+tag build', () => {
    const plan = planDiscovery({
      images: [
        {
          ...image('node:22', 'component:default/arm'),
          platforms: ['linux/arm64'],
        },
        {
          ...image('docker.io/library/node:22', 'component:default/both'),
          platforms: ['linux/arm64', 'linux/amd64'],
        },
        image('python:3.12', 'component:default/plain'),
        { ...image('ghcr.io/acme/tool:1', 'x'), platforms: [] },
      ],
      lastChecked: new Map(),
      minIntervalFor,
      now: NOW,
    });
    expect(
      plan.due.map(t => [`${t.repository}:${t.tag}`, t.platforms]),
    ).toEqual([
      ['library/node:22', ['linux/amd64', 'linux/arm64']],
      ['library/python:3.12', undefined],
      ['acme/tool:1', undefined],
    ]);
  });

  it('keeps distinct tags and repositories apart', () => {
    const plan = planDiscovery({
      images: [
        image('node:22', 'a'),
        image('node:20', 'b'),
        image('ghcr.io/acme/node:22', 'c'),
      ],
      lastChecked: new Map(),
      minIntervalFor,
      now: NOW,
    });
    expect(plan.due.map(t => `${t.registry}/${t.repository}:${t.tag}`)).toEqual(
      [
        'docker.io/library/node:20',
        'docker.io/library/node:22',
        'ghcr.io/acme/node:22',
      ],
    );
  });

  it.each([
    ['docker.io/library/node:22', 23, [], ['2026-03-01T13:00:00.000Z']],
    ['docker.io/library/node:22', 24, ['2026-02-28T12:00:00.000Z'], []],
    ['docker.io/library/node:22', 30, ['2026-02-28T06:00:00.000Z'], []],
    ['ghcr.io/acme/base:1', 0.5, [], ['2026-03-01T12:30:00.000Z']],
    ['ghcr.io/acme/base:1', 1, ['2026-03-01T11:00:00.000Z'], []],
  ])(
    'respects the registry minimum interval: %s checked %ph ago',
    (ref, hours, due, nextChecks) => {
      const plan = planDiscovery({
        images: [image(ref, 'component:default/app')],
        lastChecked: new Map([[ref, hoursAgo(hours)]]),
        minIntervalFor,
        now: NOW,
      });
      expect({
        due: plan.due.map(t => t.lastChecked?.toISOString()),
        waiting: plan.waiting.map(t => t.nextCheck.toISOString()),
      }).toEqual({ due, waiting: nextChecks });
    },
  );

  it('puts never-checked targets first, then the longest unchecked', () => {
    const plan = planDiscovery({
      images: [
        image('ghcr.io/acme/a:1', 'x'),
        image('ghcr.io/acme/b:1', 'x'),
        image('ghcr.io/acme/c:1', 'x'),
      ],
      lastChecked: new Map([
        ['ghcr.io/acme/a:1', hoursAgo(2)],
        ['ghcr.io/acme/c:1', hoursAgo(5)],
      ]),
      minIntervalFor,
      now: NOW,
    });
    expect(plan.due.map(t => t.repository)).toEqual([
      'acme/b',
      'acme/c',
      'acme/a',
    ]);
  });

  it('reports images pinned by digest alone as uncheckable', () => {
    const digest = `sha256:${'b'.repeat(64)}`;
    const plan = planDiscovery({
      images: [
        image(
          `gcr.io/distroless/base@${digest}`,
          'component:default/b',
          'component:default/a',
        ),
      ],
      lastChecked: new Map(),
      minIntervalFor,
      now: NOW,
    });
    expect(plan.due).toEqual([]);
    expect(plan.uncheckable).toEqual([
      {
        ref: {
          registry: 'gcr.io',
          repository: 'distroless/base',
          tag: null,
          digest,
        },
        dependents: ['component:default/a', 'component:default/b'],
        reason: 'pinned by digest without a tag, so there is no tag to watch',
      },
    ]);
  });
});
