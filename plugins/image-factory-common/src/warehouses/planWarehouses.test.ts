import fc from 'fast-check';
import { parse } from 'yaml';
import { mergeState } from '../state/mergeState';
import { emptyStateTree, type StateTree } from '../state/types';
import {
  imageReferenceArb,
  mergeScenarioArb,
} from '../state/__testUtils__/arbitraries';
import {
  analyze,
  enroll,
  loadFleet,
  managedEntity,
} from '../state/__testUtils__/testData';
import { kargoWarehouseSchema } from './kargoWarehouseSchema';
import { planWarehouses } from './planWarehouses';
import { renderManifests } from './renderManifests';
import { parseStateTree } from '../state/parseStateTree';
import { renderStateTree } from '../state/renderStateTree';

const T1 = '2025-01-01T00:00:00.000Z';

function fleet(): StateTree {
  const { enrollments, analyses } = loadFleet(T1);
  return mergeState({
    previous: emptyStateTree(),
    enrollments,
    analyses,
    now: T1,
  }).state;
}

function withImages(
  images: Array<[ReturnType<typeof enroll>, string?]>,
): StateTree {
  return mergeState({
    previous: emptyStateTree(),
    enrollments: images.map(([e]) => e),
    analyses: new Map(
      images.flatMap(([e, dockerfile]) =>
        dockerfile ? [[e.entityRef, analyze(dockerfile, T1)] as const] : [],
      ),
    ),
    now: T1,
  }).state;
}

const external = (name: string, ref: string) =>
  enroll({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: { name, annotations: { 'image-factory.io/external-image': ref } },
  });

describe('planWarehouses', () => {
  it('writes one Warehouse per repository and tag, naming every entity it serves', () => {
    const state = withImages([
      [enroll(managedEntity('a')), 'FROM node:22\n'],
      [
        enroll(managedEntity('b')),
        `FROM node:22\nCOPY --from=node:22@sha256:${'c'.repeat(64)} /x /x\n`,
      ],
      [external('db', 'node:22')],
    ]);
    const node = planWarehouses(state).warehouses.filter(
      w =>
        w.metadata.annotations['image-factory.io/image'] ===
        'docker.io/library/node:22',
    );
    expect(node).toEqual([
      {
        apiVersion: 'kargo.akuity.io/v1alpha1',
        kind: 'Warehouse',
        metadata: {
          name: 'node-22',
          namespace: 'image-factory',
          labels: { 'app.kubernetes.io/managed-by': 'image-factory' },
          annotations: {
            'image-factory.io/entities':
              'component:default/a,component:default/b,resource:default/db',
            'image-factory.io/image': 'docker.io/library/node:22',
          },
        },
        spec: {
          interval: '24h',
          subscriptions: [
            {
              image: {
                repoURL: 'docker.io/library/node',
                imageSelectionStrategy: 'Digest',
                constraint: '22',
              },
            },
          ],
        },
      },
    ]);
  });

  it('watches a digest-pinned reference through its tag, and reports one without a tag as not monitorable', () => {
    const digest = `sha256:${'d'.repeat(64)}`;
    const state = withImages([
      [
        enroll(managedEntity('a')),
        `FROM nginx:1.27@${digest}\nCOPY --from=busybox@${digest} /bin/sh /bin/sh\n`,
      ],
    ]);
    const plan = planWarehouses(state);
    expect(plan.warehouses.map(w => w.spec.subscriptions[0])).toEqual([
      {
        image: { repoURL: 'ghcr.io/acme/a', imageSelectionStrategy: 'SemVer' },
      },
      {
        image: {
          repoURL: 'docker.io/library/nginx',
          imageSelectionStrategy: 'Digest',
          constraint: '1.27',
        },
      },
    ]);
    expect(plan.unmonitorable).toEqual([
      {
        ref: `docker.io/library/busybox@${digest}`,
        entities: ['component:default/a'],
        reason: expect.stringContaining('without a tag'),
      },
    ]);
  });

  it('gives a managed image a Warehouse for its repository and for its Dockerfile folder in git', () => {
    const state = withImages([
      [
        enroll(
          managedEntity('payments', {
            'backstage.io/source-location':
              'url:https://gitlab.acme.io/team/payments/-/tree/release/services/api/',
            'image-factory.io/dockerfile': 'docker/Dockerfile',
          }),
        ),
        'FROM node:22\n',
      ],
      [enroll(managedEntity('local')), 'FROM node:22\n'],
    ]);
    const byName = new Map(
      planWarehouses(state).warehouses.map(w => [w.metadata.name, w]),
    );
    expect(byName.get('payments')?.spec.subscriptions).toEqual([
      {
        image: {
          repoURL: 'ghcr.io/acme/payments',
          imageSelectionStrategy: 'SemVer',
        },
      },
      {
        git: {
          repoURL: 'https://gitlab.acme.io/team/payments',
          branch: 'release',
          includePaths: ['services/api/docker'],
        },
      },
    ]);
    // A file: source location is not a git repository: no git subscription.
    expect(byName.get('local')?.spec.subscriptions).toHaveLength(1);
  });

  it('uses the configured namespace, intervals and managed image selection', () => {
    const state = withImages([
      [
        enroll(
          managedEntity('a', {
            'image-factory.io/image': 'registry.acme.io/a',
          }),
        ),
        'FROM node:22\nFROM localhost:5000/base:1\n',
      ],
    ]);
    const plan = planWarehouses(state, {
      namespace: 'kargo-images',
      registryIntervals: { 'docker.io': '2d', 'localhost:5000': '30s' },
      managedImageSelection: {
        imageSelectionStrategy: 'Lexical',
        allowTagsRegexes: ['^main-'],
      },
    });
    expect(
      plan.warehouses.map(w => [
        w.metadata.name,
        w.metadata.namespace,
        w.spec.interval,
        w.spec.subscriptions[0],
      ]),
    ).toEqual([
      [
        'a',
        'kargo-images',
        '5m',
        {
          image: {
            repoURL: 'registry.acme.io/a',
            imageSelectionStrategy: 'Lexical',
            allowTagsRegexes: ['^main-'],
          },
        },
      ],
      [
        'base-1',
        'kargo-images',
        '30s',
        {
          image: {
            repoURL: 'localhost:5000/base',
            imageSelectionStrategy: 'Digest',
            constraint: '1',
          },
        },
      ],
      [
        'node-22',
        'kargo-images',
        '48h',
        {
          image: {
            repoURL: 'docker.io/library/node',
            imageSelectionStrategy: 'Digest',
            constraint: '22',
          },
        },
      ],
    ]);
  });

  it('never writes the deprecated allowTags or ignoreTags', () => {
    const text = [...renderManifests(fleet()).values()].join('\n');
    expect(text).not.toMatch(/\ballowTags:|\bignoreTags:/);
  });

  it('quotes tags that YAML 1.1 readers such as kubectl would take for other types', () => {
    const state = withImages([
      [
        enroll(managedEntity('a')),
        'FROM acme/tool:on\nFROM acme/lib:1_0\nFROM acme/old:0755\n',
      ],
    ]);
    const constraints = [...renderManifests(state)]
      .filter(([path]) => path.startsWith('manifests/warehouses/'))
      .flatMap(([, text]) =>
        parse(text, { version: '1.1' }).spec.subscriptions.map(
          (s: { image: { constraint?: unknown } }) => s.image.constraint,
        ),
      )
      .filter((c: unknown) => c !== undefined);
    expect(constraints.sort()).toEqual(['0755', '1_0', 'on']);
  });

  it('lists every Warehouse file in the Kustomization', () => {
    const files = renderManifests(fleet());
    const kustomization = parse(files.get('manifests/kustomization.yaml')!);
    expect(
      kustomization.resources.map((r: string) => `manifests/${r}`),
    ).toEqual(
      [...files.keys()]
        .filter(p => p.startsWith('manifests/warehouses/'))
        .sort(),
    );
  });

  it('renders Warehouses that Kargo 1.11 accepts, for the fleet and for any merged state', () => {
    for (const [, text] of [...renderManifests(fleet())].filter(([p]) =>
      p.startsWith('manifests/warehouses/'),
    )) {
      expect(kargoWarehouseSchema.safeParse(parse(text)).error).toBeUndefined();
    }
    fc.assert(
      fc.property(
        fc
          .uniqueArray(imageReferenceArb, { minLength: 1, maxLength: 6 })
          .chain(pool => mergeScenarioArb(pool, T1)),
        scenario => {
          const { state } = mergeState({
            previous: emptyStateTree(),
            ...scenario,
            now: T1,
          });
          for (const warehouse of planWarehouses(state).warehouses) {
            expect(
              kargoWarehouseSchema.safeParse(warehouse).error,
            ).toBeUndefined();
          }
        },
      ),
    );
  });
});

describe('kargoWarehouseSchema', () => {
  const valid = {
    apiVersion: 'kargo.akuity.io/v1alpha1',
    kind: 'Warehouse',
    metadata: { name: 'node-22', namespace: 'image-factory' },
    spec: {
      interval: '24h',
      subscriptions: [
        {
          image: {
            repoURL: 'docker.io/library/node',
            imageSelectionStrategy: 'Digest',
            constraint: '22',
          },
        },
      ],
    },
  };
  const image = valid.spec.subscriptions[0].image;

  it('accepts a Warehouse written the way Kargo documents it', () => {
    expect(kargoWarehouseSchema.safeParse(valid).success).toBe(true);
  });

  it.each([
    [
      'an interval in days',
      { ...valid, spec: { ...valid.spec, interval: '1d' } },
    ],
    [
      'no subscription',
      { ...valid, spec: { ...valid.spec, subscriptions: [] } },
    ],
    [
      'the deprecated allowTags',
      {
        ...valid,
        spec: {
          ...valid.spec,
          subscriptions: [{ image: { ...image, allowTags: '^22$' } }],
        },
      },
    ],
    [
      'an unknown strategy',
      {
        ...valid,
        spec: {
          ...valid.spec,
          subscriptions: [
            { image: { ...image, imageSelectionStrategy: 'Newest' } },
          ],
        },
      },
    ],
    [
      'a tag in repoURL',
      {
        ...valid,
        spec: {
          ...valid.spec,
          subscriptions: [{ image: { ...image, repoURL: 'node:22' } }],
        },
      },
    ],
    [
      'Digest without constraint',
      {
        ...valid,
        spec: {
          ...valid.spec,
          subscriptions: [
            {
              image: {
                repoURL: 'docker.io/library/node',
                imageSelectionStrategy: 'Digest',
              },
            },
          ],
        },
      },
    ],
    [
      'a git URL that is not one',
      {
        ...valid,
        spec: {
          ...valid.spec,
          subscriptions: [{ git: { repoURL: 'github.com/acme/x' } }],
        },
      },
    ],
  ])('rejects %s', (_, warehouse) => {
    expect(kargoWarehouseSchema.safeParse(warehouse).success).toBe(false);
  });

  it('gives no Warehouse to what the state marks unmonitorable, and keeps the marks through the state files', () => {
    const state = withImages([
      [
        enroll(
          managedEntity('a', {
            'image-factory.io/source-location':
              'url:https://github.com/acme/a/tree/main/',
          }),
        ),
        'FROM node:22\nFROM 169.254.169.254/latest/meta-data:1\n',
      ],
      [enroll(managedEntity('b')), 'FROM node:22\n'],
    ]);
    const refused = 'registry 169.254.169.254 is not allowed';
    const marked: StateTree = {
      ...state,
      baseImages: state.baseImages.map(base =>
        base.registry === '169.254.169.254'
          ? { ...base, unmonitorable: refused }
          : base,
      ),
      images: state.images.map(stateImage => {
        if (stateImage.kind !== 'managed') return stateImage;
        return stateImage.entityRef.endsWith('/a')
          ? {
              ...stateImage,
              source: {
                ...stateImage.source,
                gitUnmonitorable: 'no integration',
              },
            }
          : { ...stateImage, unmonitorable: 'registry ghcr.io is not allowed' };
      }),
    };
    const reread = parseStateTree(renderStateTree(marked));
    expect(reread.invalid).toEqual([]);
    expect(reread.state).toEqual(marked);

    const plan = planWarehouses(reread.state);
    const watched = plan.warehouses.flatMap(w =>
      w.spec.subscriptions.map(s =>
        'image' in s ? s.image.repoURL : s.git.repoURL,
      ),
    );
    expect(watched.sort()).toEqual([
      'docker.io/library/node',
      'ghcr.io/acme/a',
    ]);
    expect(plan.unmonitorable).toEqual([
      {
        ref: '169.254.169.254/latest/meta-data:1',
        entities: ['component:default/a'],
        reason: refused,
      },
      {
        ref: 'ghcr.io/acme/b',
        entities: ['component:default/b'],
        reason: 'registry ghcr.io is not allowed',
      },
    ]);
  });
});
