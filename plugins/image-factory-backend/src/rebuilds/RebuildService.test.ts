import {
  mockCredentials,
  mockServices,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import {
  analyzeDockerfile,
  DEFAULT_ENROLLMENT_DEFAULTS,
  emptyStateTree,
  ImageStatus,
  ManagedImageState,
  mergeState,
  parseEnrollment,
} from '@internal/plugin-image-factory-common';
import { DatabaseImageFactoryStore } from '../database';
import { ScmRebuildTrigger } from '../triggers';
import {
  LocalGithubApi,
  startLocalGithubApi,
} from '../triggers/localGithubApi';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { RebuildNotifier } from './RebuildNotifier';
import { RebuildService } from './RebuildService';
import { syncRebuildHistory } from './syncRebuildHistory';

// No real GitHub is reachable here: a local server implementing the documented
// GitHub REST endpoints stands in for a GitHub Enterprise Server.
const TOKEN = 'ghp_RebuildServiceTestToken0123456789';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const ago = (ms: number) => new Date(Date.now() - ms).toISOString();

describe('RebuildService', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
  let github: LocalGithubApi;

  beforeEach(async () => {
    github = await startLocalGithubApi({
      token: TOKEN,
      returnsRunDetails: true,
      now: () => Date.now(),
      repositories: {
        'acme/payments': {
          defaultBranch: 'main',
          branches: ['main'],
          workflows: {
            'build.yml': [
              'image_factory_reason',
              'image_factory_base_images',
              'image_factory_trigger',
            ],
          },
        },
      },
    });
  });
  afterEach(() => github.close());

  function trigger() {
    return ScmRebuildTrigger.create({
      integrations: ScmIntegrations.fromConfig(
        new ConfigReader({
          integrations: {
            github: [
              {
                host: 'ghe.local',
                apiBaseUrl: `${github.url}/api/v3`,
                token: TOKEN,
              },
            ],
          },
        }),
      ),
      logger: mockServices.logger.mock(),
    });
  }

  function status(
    entityRef: string,
    eligibility: ImageStatus['eligibility'],
  ): ImageStatus {
    const firstSeen = new Date(Date.now() - 10 * DAY).toISOString();
    return {
      entityRef,
      kind: 'managed',
      owner: 'group:default/payments',
      enrollment: {
        image: 'ghcr.io/acme/payments',
        dockerfile: 'Dockerfile',
        sourceLocation: 'url:https://ghe.local/acme/payments/tree/main/',
        rebuildDelay: '7d',
        autoRebuild: true,
        workflow: 'build.yml',
        priority: 'normal',
        errors: [],
      },
      analysis: { status: 'ok', analyzedAt: firstSeen, warnings: [] },
      baseImages: [
        {
          ref: 'docker.io/library/node:22',
          name: 'node-22',
          builtDigest: 'sha256:old',
          latestDigest: 'sha256:newest',
          eligibleDigest:
            eligibility.state === 'eligible' ? 'sha256:aged' : null,
          lastUpdated: firstSeen,
          freight: [],
          updates: [
            { digest: 'sha256:old', firstSeen: ago(20 * DAY) },
            { digest: 'sha256:aged', firstSeen: ago(10 * DAY) },
            { digest: 'sha256:newest', firstSeen: ago(HOUR) },
          ],
          dependents: [entityRef],
        },
      ],
      freight: [],
      dependents: [],
      eligibility,
      rebuilds: [],
      emergencyRebuildCount: 0,
      links: {},
    };
  }

  async function setup(
    databaseId: TestDatabaseId,
    statuses: ImageStatus[],
    notifications?: NotificationService,
  ) {
    const knex = await databases.init(databaseId);
    const store = await DatabaseImageFactoryStore.create({
      database: mockServices.database({ knex }),
    });
    await store.replaceImageStatuses(
      statuses.map(s => ({
        entityRef: s.entityRef,
        kind: s.kind,
        image: s.enrollment.image,
        eligibilityState: s.eligibility.state,
        status: s,
      })),
    );
    const logger = mockServices.logger.mock();
    const service = RebuildService.create({
      store,
      trigger: trigger(),
      notifier: RebuildNotifier.create({ notifications, logger }),
      coordinationWindowMs: HOUR,
      logger,
    });
    return { store, service, knex, logger };
  }

  const dispatches = () =>
    github.requests.filter(
      r => r.method === 'POST' && r.path.endsWith('/dispatches'),
    );

  it.each(databases.eachSupportedId())(
    'dispatches a manual rebuild on the aged digests and shows the image rebuilding, %p',
    async databaseId => {
      const eligible = status('component:default/payments', {
        state: 'eligible',
        eligibleAt: new Date(Date.now() - DAY).toISOString(),
        reasons: ['node aged past the delay'],
      });
      const { service, store } = await setup(databaseId, [eligible]);

      const { rebuild } = await service.request({
        status: eligible,
        request: {},
        credentials: mockCredentials.user('user:default/alice'),
      });

      expect(rebuild).toMatchObject({
        trigger: 'manual',
        requestedBy: 'user:default/alice',
        provider: 'github',
        baseDigests: { 'docker.io/library/node:22': 'sha256:aged' },
      });
      expect(dispatches()).toHaveLength(1);
      const body = dispatches()[0].body as {
        ref: string;
        inputs: Record<string, string>;
      };
      expect(body.ref).toBe('main');
      expect(JSON.parse(body.inputs.image_factory_base_images)).toEqual([
        { ref: 'docker.io/library/node:22', digest: 'sha256:aged' },
      ]);
      expect(body.inputs.image_factory_trigger).toBe('manual');
      expect(dispatches()[0].headers.authorization).toBe(`token ${TOKEN}`);

      const stored = (await store.getImageStatus(
        'component:default/payments',
      ))!;
      expect(stored.eligibilityState).toBe('rebuilding');
      expect((stored.status as ImageStatus).rebuilds).toHaveLength(1);
    },
  );

  it.each(databases.eachSupportedId())(
    'refuses an early rebuild with its eligibleAt, and lets an emergency rebuild bypass the delay, %p',
    async databaseId => {
      const eligibleAt = new Date(Date.now() + 3 * DAY).toISOString();
      const pending = status('component:default/payments', {
        state: 'pending',
        eligibleAt,
        reasons: ['node waits out its delay'],
      });
      const { service } = await setup(databaseId, [pending]);
      const credentials = mockCredentials.user('user:default/sec');

      await expect(
        service.request({ status: pending, request: {}, credentials }),
      ).rejects.toMatchObject({ name: 'ConflictError', eligibleAt });
      expect(dispatches()).toHaveLength(0);

      const { rebuild } = await service.request({
        status: pending,
        request: {
          emergency: true,
          justification: 'CVE-2026-1234 in node, exploited in the wild',
        },
        credentials,
      });
      expect(rebuild).toMatchObject({
        trigger: 'emergency',
        justification: 'CVE-2026-1234 in node, exploited in the wild',
        baseDigests: { 'docker.io/library/node:22': 'sha256:newest' },
      });
      expect(dispatches()).toHaveLength(1);
    },
  );

  it.each(databases.eachSupportedId())(
    'triggers the other eligible images when one cannot be requested, and names it, %p',
    async databaseId => {
      const eligible = (name: string) =>
        status(`component:default/${name}`, {
          state: 'eligible',
          eligibleAt: new Date(Date.now() - DAY).toISOString(),
          reasons: [],
        });
      // A status document damaged in the store: no base image list at all.
      const broken = {
        ...eligible('broken'),
        baseImages: undefined,
      } as unknown as ImageStatus;
      const images = [eligible('a'), broken, eligible('c')];
      const { service } = await setup(databaseId, images);

      const { started, errors } = await service.triggerEligible(images, 10);

      expect(started.map(r => r.entityRef).sort()).toEqual([
        'component:default/a',
        'component:default/c',
      ]);
      expect(dispatches()).toHaveLength(2);
      expect(errors).toEqual([
        expect.stringMatching(
          /^component:default\/broken: the rebuild could not be requested: /,
        ),
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'triggers each eligible image once even when two backends run at the same time, %p',
    async databaseId => {
      const images = ['a', 'b', 'c'].map(name =>
        status(`component:default/${name}`, {
          state: 'eligible',
          eligibleAt: new Date(Date.now() - DAY).toISOString(),
          reasons: [],
        }),
      );
      const first = await setup(databaseId, images);
      const second = RebuildService.create({
        store: await DatabaseImageFactoryStore.create({
          database: mockServices.database({ knex: first.knex }),
        }),
        trigger: trigger(),
        coordinationWindowMs: HOUR,
        logger: mockServices.logger.mock(),
      });

      const started = await Promise.all([
        first.service.triggerEligible(images, 10),
        second.triggerEligible(images, 10),
      ]);

      expect(started.flatMap(s => s.started)).toHaveLength(3);
      expect(started.flatMap(s => s.errors)).toEqual([]);
      expect(dispatches()).toHaveLength(3);
    },
  );

  it.each(databases.eachSupportedId())(
    'records a failed trigger with the HTTP status and never the token, %p',
    async databaseId => {
      const eligible = status('component:default/payments', {
        state: 'eligible',
        reasons: [],
      });
      eligible.enrollment.workflow = 'missing.yml';
      const { service, store } = await setup(databaseId, [eligible]);

      const { rebuild } = await service.request({
        status: eligible,
        request: {},
        credentials: mockCredentials.user(),
      });

      expect(rebuild.status).toBe('failed');
      expect(rebuild.error).toMatch(/404/);
      expect(JSON.stringify(await store.listRebuilds())).not.toContain(TOKEN);
      const stored = (await store.getImageStatus(
        'component:default/payments',
      ))!;
      expect(stored.eligibilityState).toBe('failed');
    },
  );

  it.each(databases.eachSupportedId())(
    'tells the owner about an emergency rebuild and a failed one, and rebuilds even when notifications are down, %p',
    async databaseId => {
      const sent: Parameters<NotificationService['send']>[0][] = [];
      const pending = status('component:default/payments', {
        state: 'pending',
        reasons: [],
      });
      const billing = status('component:default/billing', {
        state: 'pending',
        reasons: [],
      });
      const { service } = await setup(databaseId, [pending, billing], {
        send: async options => {
          sent.push(options);
        },
      });
      await service.request({
        status: pending,
        request: {
          emergency: true,
          justification: 'CVE-2026-1234 in node, exploited in the wild',
        },
        credentials: mockCredentials.user('user:default/sec'),
      });
      // Another image, whose workflow the server does not know.
      const base = status('component:default/billing', {
        state: 'pending',
        reasons: [],
      });
      const broken = {
        ...base,
        enrollment: { ...base.enrollment, workflow: 'missing.yml' },
      };
      await service.request({
        status: broken,
        request: {
          emergency: true,
          justification: 'CVE-2026-1234 in node, second attempt',
        },
        credentials: mockCredentials.user('user:default/sec'),
      });
      expect(sent).toEqual([
        {
          recipients: { type: 'entity', entityRef: 'group:default/payments' },
          payload: expect.objectContaining({
            title:
              'Emergency rebuild of ghcr.io/acme/payments by user:default/sec',
            severity: 'high',
            link: '/catalog/default/component/payments/image-status',
          }),
        },
        {
          recipients: { type: 'entity', entityRef: 'group:default/payments' },
          payload: expect.objectContaining({
            title: 'Rebuild of ghcr.io/acme/payments failed',
            description: expect.stringContaining('404'),
          }),
        },
      ]);

      const down = await setup(databaseId, [pending], {
        send: async () => {
          throw new Error('notifications backend not installed');
        },
      });
      const { rebuild } = await down.service.request({
        status: pending,
        request: {
          emergency: true,
          justification: 'CVE-2026-1234 in node, third attempt',
        },
        credentials: mockCredentials.user('user:default/sec'),
      });
      expect(rebuild.status).not.toBe('failed');
      expect(down.logger.warn).toHaveBeenCalledWith(
        expect.stringContaining('notifications backend not installed'),
      );
    },
  );

  it.each(databases.eachSupportedId())(
    'follows a run to its conclusion, and a successful one moves the built digests, %p',
    async databaseId => {
      const eligible = status('component:default/payments', {
        state: 'eligible',
        reasons: [],
      });
      const { service, store } = await setup(databaseId, [eligible]);
      await service.request({
        status: eligible,
        request: {},
        credentials: mockCredentials.user(),
      });
      const sources = new Map([
        [
          'component:default/payments',
          {
            sourceLocation: eligible.enrollment.sourceLocation,
            workflow: 'build.yml',
            owner: null,
            image: 'ghcr.io/acme/payments',
          },
        ],
      ]);

      github.runs[0].status = 'in_progress';
      await service.followActive(sources, new Date());
      expect((await store.listRebuilds())[0]).toMatchObject({
        status: 'in_progress',
      });

      github.runs[0].status = 'completed';
      github.runs[0].conclusion = 'success';
      const finished = new Date();
      await service.followActive(sources, finished);
      const [record] = await store.listRebuilds();
      expect(record).toMatchObject({
        status: 'completed',
        conclusion: 'success',
        finishedAt: finished.toISOString(),
      });

      const state = syncRebuildHistory(managedState(), [record]);
      const image = state.images[0] as ManagedImageState;
      expect(image.baseImages[0].builtDigest).toBe('sha256:aged');
      expect(image.rebuilds).toEqual([
        expect.objectContaining({
          id: record.id,
          status: 'completed',
          baseDigests: {
            'docker.io/library/node:22': { before: null, after: 'sha256:aged' },
          },
        }),
      ]);
    },
  );
});

// The state of the payments image before any digest is known.
function managedState() {
  return mergeState({
    previous: emptyStateTree(),
    enrollments: [
      parseEnrollment(
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Component',
          metadata: {
            name: 'payments',
            annotations: {
              'image-factory.io/image': 'ghcr.io/acme/payments',
              'image-factory.io/source-location':
                'url:https://ghe.local/acme/payments/tree/main/',
            },
          },
        },
        DEFAULT_ENROLLMENT_DEFAULTS,
      )!,
    ],
    analyses: new Map([
      [
        'component:default/payments',
        {
          status: 'ok',
          analysis: analyzeDockerfile('FROM node:22\n'),
          analyzedAt: '2026-01-01T00:00:00.000Z',
        },
      ],
    ]),
    now: '2026-01-01T00:00:00.000Z',
  }).state;
}
