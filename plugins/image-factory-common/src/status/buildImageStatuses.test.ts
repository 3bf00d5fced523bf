import { analyzeDockerfile } from '../analysis';
import {
  DEFAULT_ENROLLMENT_DEFAULTS,
  Enrollment,
  parseEnrollment,
} from '../enrollment';
import {
  emptyStateTree,
  ManagedImageState,
  mergeState,
  recordDigest,
  StateTree,
} from '../state';
import {
  buildBaseImageDetails,
  buildImageStatuses,
  StatusContext,
} from './buildImageStatuses';

const NOW = '2026-01-01T00:00:00.000Z';

function enroll(name: string): Enrollment {
  return parseEnrollment(
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name,
        annotations: {
          'image-factory.io/image': `ghcr.io/acme/${name}`,
          'image-factory.io/workflow': 'build.yml',
          'image-factory.io/source-location': `url:https://ghe.local/acme/${name}/tree/main/`,
        },
      },
    },
    DEFAULT_ENROLLMENT_DEFAULTS,
  )!;
}

function fleet(
  names: string[],
  dockerfiles: Record<string, string> = {},
): {
  state: StateTree;
  enrollments: Enrollment[];
} {
  const enrollments = names.map(enroll);
  const state = mergeState({
    previous: emptyStateTree(),
    enrollments,
    analyses: new Map(
      enrollments.map(e => [
        e.entityRef,
        {
          status: 'ok' as const,
          analysis: analyzeDockerfile(
            dockerfiles[e.entityRef.replace('component:default/', '')] ??
              'FROM node:22\n',
          ),
          analyzedAt: NOW,
        },
      ]),
    ),
    now: NOW,
  }).state;
  return { state, enrollments };
}

// A run's context for `enrollments`, with nothing else known but `overrides`.
function contextOf(
  enrollments: Enrollment[],
  overrides: Partial<StatusContext> = {},
): StatusContext {
  return {
    enrollments: new Map(enrollments.map(e => [e.entityRef, e])),
    owners: new Map(),
    rebuilds: new Map(),
    emergencyCounts: new Map(),
    discoveryErrors: new Map(),
    freightSource: 'registry',
    coordinationWindowMs: 0,
    warehouses: new Set(),
    now: new Date(NOW),
    ...overrides,
  };
}

describe('buildImageStatuses', () => {
  it('blocks an image whose status cannot be computed, names it, and projects every other image', () => {
    const { state, enrollments } = fleet(['alpha', 'broken', 'gamma']);
    // A state tree handed over with a policy no parser admits, as a corrupt
    // record could carry: computing eligibility throws for this image alone.
    const damaged: StateTree = {
      ...state,
      images: state.images.map(image =>
        image.entityRef === 'component:default/broken'
          ? {
              ...(image as ManagedImageState),
              policy: {
                ...(image as ManagedImageState).policy,
                rebuildDelay: 'soon',
              },
            }
          : image,
      ),
    };

    const { statuses, errors } = buildImageStatuses(
      damaged,
      contextOf(enrollments),
    );

    expect(statuses.map(s => [s.entityRef, s.eligibility.state])).toEqual([
      ['component:default/alpha', 'unknown'],
      ['component:default/broken', 'blocked'],
      ['component:default/gamma', 'unknown'],
    ]);
    const broken = statuses[1];
    expect(broken.eligibility.reasons).toEqual([
      expect.stringContaining(
        'could not compute this image\'s status: "soon" is not a duration',
      ),
    ]);
    expect(broken.enrollment.image).toBe('ghcr.io/acme/broken');
    expect(errors).toEqual([
      expect.stringMatching(/^component:default\/broken: .*"soon"/),
    ]);
  });

  it('blocks every image of a build cycle, naming the others, and only those', () => {
    // a and b build on each other; c builds on a, outside the cycle; d on
    // its own repository.
    const { state, enrollments } = fleet(['a', 'b', 'c', 'd', 'e'], {
      a: 'FROM ghcr.io/acme/b:1\n',
      b: 'FROM ghcr.io/acme/a:1\n',
      c: 'FROM ghcr.io/acme/a:1\n',
      d: 'FROM ghcr.io/acme/d:previous\n',
    });
    const { statuses } = buildImageStatuses(state, contextOf(enrollments));
    expect(statuses.map(s => [s.entityRef, s.eligibility.state])).toEqual([
      ['component:default/a', 'blocked'],
      ['component:default/b', 'blocked'],
      ['component:default/c', 'unknown'],
      ['component:default/d', 'blocked'],
      ['component:default/e', 'unknown'],
    ]);
    expect(statuses[0].eligibility.reasons).toEqual([
      "It is in a build cycle with component:default/b: each builds, directly or not, on an image another of them builds, so each rebuild would make the next stale, without end. None of them is rebuilt until one of their Dockerfiles stops building on the others' images.",
    ]);
    expect(statuses[3].eligibility.reasons).toEqual([
      'It builds on its own repository (ghcr.io/acme/d), so each rebuild would make it stale again, without end. It is not rebuilt until its Dockerfile builds on another image.',
    ]);
  });

  it('blocks an image whose state file is invalid, naming the file, and one its entity no longer enrolls', () => {
    const { state, enrollments } = fleet(['alpha', 'frozen', 'gone']);
    const { statuses, errors } = buildImageStatuses(
      state,
      contextOf(
        enrollments.filter(e => e.entityRef !== 'component:default/gone'),
        {
          invalidStateFiles: [
            {
              path: 'state/images/frozen.yaml',
              error:
                'line 3: YAML anchors and aliases are not allowed in a state file',
              content: 'x: &a 1\n',
            },
          ],
        },
      ),
    );

    expect(errors).toEqual([]);
    expect(statuses.map(s => [s.entityRef, s.eligibility.state])).toEqual([
      ['component:default/alpha', 'unknown'],
      ['component:default/frozen', 'blocked'],
      ['component:default/gone', 'blocked'],
    ]);
    const [alpha, frozen, gone] = statuses;
    expect(alpha.blockedBy).toBeUndefined();
    expect(frozen.eligibility.reasons).toEqual([
      expect.stringMatching(
        /^The state file state\/images\/frozen\.yaml is invalid \(line 3: YAML anchors .*\) .*must be fixed in the state repository/,
      ),
    ]);
    expect(frozen.blockedBy).toEqual(frozen.eligibility.reasons);
    expect(gone.eligibility.reasons).toEqual([
      expect.stringContaining(
        'component:default/gone does not enroll ghcr.io/acme/gone',
      ),
    ]);
  });

  it('links the state file, and the Warehouse manifest where there is one, as linksOf makes links', () => {
    const { state, enrollments } = fleet(['alpha', 'beta']);
    const blob = 'https://github.com/acme/state/blob/main/factory';
    const { statuses } = buildImageStatuses(
      state,
      contextOf(enrollments, {
        warehouses: new Set([state.images[0].name]),
        linksOf: paths => ({
          stateFile: `${blob}/${paths.stateFile}`,
          ...(paths.warehouseManifest && {
            warehouseManifest: `${blob}/${paths.warehouseManifest}`,
          }),
        }),
      }),
    );
    const [alpha, beta] = state.images.map(i => i.name);
    expect(statuses.map(s => s.links)).toEqual([
      {
        stateFile: `${blob}/state/images/${alpha}.yaml`,
        warehouseManifest: `${blob}/manifests/warehouses/${alpha}.yaml`,
      },
      { stateFile: `${blob}/state/images/${beta}.yaml` },
    ]);
  });

  describe('base images', () => {
    const digest = (c: string) => `sha256:${c.repeat(64)}`;
    const amd64 = (c: string) => ({ 'linux/amd64': digest(c) });
    const context = (enrollments: Enrollment[], now: string) =>
      contextOf(enrollments, { freightSource: 'kargo', now: new Date(now) });

    it('carry their digest changes once, newest first, with the tag and origin on the base image', () => {
      const fleetState = fleet(['alpha']);
      let state = recordDigest(fleetState.state, 'node:22', {
        digest: digest('a'),
        platformDigests: amd64('1'),
        seenAt: '2026-01-02T00:00:00.000Z',
      });
      state = recordDigest(state, 'node:22', {
        digest: digest('b'),
        seenAt: '2026-01-20T00:00:00.000Z',
      });
      const now = '2026-01-21T00:00:00.000Z';
      const [alpha] = buildImageStatuses(
        state,
        context(fleetState.enrollments, now),
      ).statuses;
      const updates = [
        { digest: digest('b'), firstSeen: '2026-01-20T00:00:00.000Z' },
        {
          digest: digest('a'),
          firstSeen: '2026-01-02T00:00:00.000Z',
          platformDigests: amd64('1'),
        },
      ];
      expect(alpha.baseImages).toEqual([
        expect.objectContaining({
          ref: 'docker.io/library/node:22',
          tag: '22',
          source: 'kargo',
          builtDigest: digest('a'),
          latestDigest: digest('b'),
          updates,
        }),
      ]);
      expect(alpha.baseImages[0]).not.toHaveProperty('freight');
      // Eligibility reads the same updates: b is newer and younger than 7d.
      expect(alpha.eligibility.state).toBe('pending');

      const [detail] = buildBaseImageDetails(state, {
        discoveryErrors: new Map(),
        warehouses: new Set(),
      });
      expect(detail).toMatchObject({ tag: '22', currentDigest: digest('b') });
      expect(detail.updates).toEqual(updates);
      expect(detail).not.toHaveProperty('freight');
    });

    it("name each base image's state file and Warehouse manifest, linked where the host has pages", () => {
      const { state } = fleet(['alpha']);
      const name = state.baseImages[0].name;
      const linksOf = (paths: { stateFile: string }) => ({
        stateFile: `https://git.example/state/blob/main/${paths.stateFile}`,
      });
      const [withWarehouse] = buildBaseImageDetails(state, {
        discoveryErrors: new Map(),
        warehouses: new Set([name]),
        linksOf,
      });
      expect(withWarehouse.paths).toEqual({
        stateFile: `state/base-images/${name}.yaml`,
        warehouseManifest: `manifests/warehouses/${name}.yaml`,
      });
      expect(withWarehouse.links).toEqual({
        stateFile: `https://git.example/state/blob/main/state/base-images/${name}.yaml`,
      });
      // No Warehouse (an unmonitorable reference) and a local repository.
      const [bare] = buildBaseImageDetails(state, {
        discoveryErrors: new Map(),
        warehouses: new Set(),
      });
      expect(bare.paths).toEqual({
        stateFile: `state/base-images/${name}.yaml`,
      });
      expect(bare.links).toEqual({});
    });

    it('judge digest changes seen at the same instant in the order they were recorded', () => {
      const fleetState = fleet(['alpha']);
      const seenAt = '2026-01-02T00:00:00.000Z';
      let state = recordDigest(fleetState.state, 'node:22', {
        digest: digest('a'),
        seenAt: '2026-01-01T00:00:00.000Z',
      });
      state = recordDigest(state, 'node:22', { digest: digest('b'), seenAt });
      state = recordDigest(state, 'node:22', { digest: digest('c'), seenAt });
      const [alpha] = buildImageStatuses(
        state,
        context(fleetState.enrollments, '2026-02-01T00:00:00.000Z'),
      ).statuses;
      expect(alpha.baseImages[0].updates.map(u => u.digest)).toEqual([
        digest('c'),
        digest('b'),
        digest('a'),
      ]);
      // The newest is the one recorded last, as the state's current digest.
      expect(alpha.baseImages[0]).toMatchObject({
        latestDigest: digest('c'),
        eligibleDigest: digest('c'),
      });
    });
  });
});
