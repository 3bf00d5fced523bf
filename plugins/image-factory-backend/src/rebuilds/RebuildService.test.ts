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
} from '@image-factory/backstage-plugin-image-factory-common';
import { DatabaseImageFactoryStore } from '../database';
import { GITHUB_INPUT_NAMES, ScmRebuildTrigger } from '../triggers';
import {
  LocalGithubApi,
  startLocalGithubApi,
} from '../__testUtils__/localGithubApi';
import {
  LocalGitlabApi,
  startLocalGitlabApi,
} from '../__testUtils__/localGitlabApi';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { recordingAuditor } from '../__testUtils__/recordingAuditor';
import { RebuildNotifier } from './RebuildNotifier';
import { RebuildService } from './RebuildService';
import { syncRebuildHistory } from './syncRebuildHistory';

// No real GitHub is reachable here: a local server implementing the documented
// GitHub REST endpoints stands in for a GitHub Enterprise Server.
const TOKEN = 'ghp_RebuildServiceTestToken0123456789';
const GITLAB_TOKEN = 'glpat-RebuildServiceTestToken_0123';
const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const ago = (ms: number) => new Date(Date.now() - ms).toISOString();

describe('RebuildService', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
  let github: LocalGithubApi;
  let gitlab: LocalGitlabApi;

  beforeEach(async () => {
    gitlab = await startLocalGitlabApi({
      token: GITLAB_TOKEN,
      projects: {
        'acme/ledger': {
          id: 7,
          defaultBranch: 'main',
          branches: ['main'],
          pipelineVariablesMinimumRole: 'developer',
        },
      },
    });
    github = await startLocalGithubApi({
      token: TOKEN,
      returnsRunDetails: true,
      now: () => Date.now(),
      repositories: {
        'acme/payments': {
          defaultBranch: 'main',
          branches: ['main'],
          workflows: { 'build.yml': Object.values(GITHUB_INPUT_NAMES) },
          runNames: {
            'build.yml': 'Rebuild ${{ inputs.image_factory_rebuild_id }}',
          },
        },
      },
    });
  });
  afterEach(() => Promise.all([github.close(), gitlab.close()]));

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
            gitlab: [
              {
                host: 'gitlab.local',
                apiBaseUrl: gitlab.apiBaseUrl,
                token: GITLAB_TOKEN,
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
          tag: '22',
          source: 'registry',
          // Newest first, as the API documents them.
          updates: [
            { digest: 'sha256:newest', firstSeen: ago(HOUR) },
            { digest: 'sha256:aged', firstSeen: ago(10 * DAY) },
            { digest: 'sha256:old', firstSeen: ago(20 * DAY) },
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
    options: { runTimeoutMs?: number } = {},
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
      auditor: recordingAuditor().auditor,
      store,
      trigger: trigger(),
      notifier: RebuildNotifier.create({ notifications, logger }),
      coordinationWindowMs: HOUR,
      ...options,
      logger,
    });
    return { store, service, knex, logger };
  }

  // What following needs of an image, as the pipeline reads it from its enrollment.
  function sourcesOf(...images: ImageStatus[]) {
    return new Map(
      images.map(image => [
        image.entityRef,
        {
          sourceLocation: image.enrollment.sourceLocation,
          workflow: image.enrollment.workflow,
          owner: null,
          image: image.enrollment.image,
          imageTag: 'latest',
          platforms: ['linux/amd64'],
        },
      ]),
    );
  }

  // The payments image on GitLab instead of GitHub.
  function onGitlab(image: ImageStatus): ImageStatus {
    return {
      ...image,
      enrollment: {
        ...image.enrollment,
        sourceLocation: 'url:https://gitlab.local/acme/ledger/-/tree/main/',
        workflow: 'main',
      },
    };
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
        auditor: recordingAuditor().auditor,
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
            imageTag: 'latest',
            platforms: ['linux/amd64'],
          },
        ],
      ]);

      // Following asks for the ref and the time the trigger answered.
      expect((await store.listRebuilds())[0]).toMatchObject({
        ref: 'main',
        dispatchedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      });

      github.runs[0].status = 'in_progress';
      await service.followActive(sources, new Date());
      expect((await store.listRebuilds())[0]).toMatchObject({
        status: 'running',
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

  it.each(databases.eachSupportedId())(
    'records a GitHub dispatch whose answer was lost as dispatched, finds its run by the rebuild id and never dispatches it again, %p',
    async databaseId => {
      const eligible = status('component:default/payments', {
        state: 'eligible',
        reasons: [],
      });
      const { service, store } = await setup(databaseId, [eligible]);
      github.answerNextAfterHandling({
        status: 502,
        body: { message: 'Server Error' },
      });

      const { rebuild } = await service.request({
        status: eligible,
        request: {},
        credentials: mockCredentials.user(),
      });

      expect(rebuild).toMatchObject({
        status: 'dispatched',
        provider: 'github',
      });
      expect(rebuild.error).toMatch(/GitHub answered 502 when dispatching/);
      const stored = (await store.getImageStatus(
        'component:default/payments',
      ))!;
      expect(stored.eligibilityState).toBe('rebuilding');
      // The pipeline's next run sees the image eligible again by its old status.
      expect(await service.triggerEligible([eligible], 10)).toEqual({
        started: [],
        errors: [],
      });

      await service.followActive(sourcesOf(eligible), new Date());

      const [record] = await store.listRebuilds();
      expect(record).toMatchObject({
        id: rebuild.id,
        status: 'running',
        runId: String(github.runs[0].id),
        runUrl: github.runs[0].html_url,
      });
      expect(record.error).toBeUndefined();
      expect(github.runs).toHaveLength(1);
      expect(dispatches()).toHaveLength(1);
      expect(
        (dispatches()[0].body as { inputs: Record<string, string> }).inputs
          .image_factory_rebuild_id,
      ).toBe(rebuild.id);
    },
  );

  it.each(databases.eachSupportedId())(
    'records a GitLab pipeline whose answer was lost as dispatched, finds it by the rebuild id variable and never creates it again, %p',
    async databaseId => {
      const eligible = onGitlab(
        status('component:default/payments', {
          state: 'eligible',
          reasons: [],
        }),
      );
      const { service, store } = await setup(databaseId, [eligible]);
      gitlab.answerNextAfterHandling({ status: 502, text: '502 Bad Gateway' });

      const { rebuild } = await service.request({
        status: eligible,
        request: {},
        credentials: mockCredentials.user(),
      });
      expect(rebuild).toMatchObject({
        status: 'dispatched',
        provider: 'gitlab',
      });
      expect(rebuild.error).toMatch(/GitLab answered 502/);

      gitlab.pipelines[0].status = 'running';
      await service.followActive(sourcesOf(eligible), new Date());

      expect((await store.listRebuilds())[0]).toMatchObject({
        status: 'running',
        runId: String(gitlab.pipelines[0].id),
      });
      expect(
        gitlab.requests.filter(r => r.method === 'POST').map(r => r.path),
      ).toEqual(['/api/v4/projects/acme%2Fledger/pipeline']);
    },
  );

  it.each(databases.eachSupportedId())(
    'records a refused dispatch as failed, with nothing to look for, %p',
    async databaseId => {
      const eligible = status('component:default/payments', {
        state: 'eligible',
        reasons: [],
      });
      const { service } = await setup(databaseId, [eligible]);
      github.answerNext({
        status: 403,
        body: { message: 'Resource not accessible by integration' },
      });

      const { rebuild } = await service.request({
        status: eligible,
        request: {},
        credentials: mockCredentials.user(),
      });

      expect(rebuild.status).toBe('failed');
      expect(rebuild.error).toMatch(/GitHub answered 403/);
      expect(github.runs).toHaveLength(0);
    },
  );

  it.each(databases.eachSupportedId())(
    'fails a dispatched rebuild when no run with its id appears within the run timeout, never adopting a run started by hand, %p',
    async databaseId => {
      const eligible = status('component:default/payments', {
        state: 'eligible',
        reasons: [],
      });
      const { service, store } = await setup(
        databaseId,
        [eligible],
        undefined,
        {
          runTimeoutMs: 30 * MINUTE,
        },
      );
      // GitHub gave up before acting: no run is ours.
      github.answerNext({ status: 504, body: { message: 'Gateway Timeout' } });
      const { rebuild } = await service.request({
        status: eligible,
        request: {},
        credentials: mockCredentials.user(),
      });
      expect(rebuild.status).toBe('dispatched');
      const requestedAt = Date.parse(rebuild.requestedAt);
      // A person dispatches the same workflow on the same branch.
      github.addRun({
        repository: 'acme/payments',
        workflow: 'build.yml',
        head_branch: 'main',
        event: 'workflow_dispatch',
        status: 'in_progress',
        conclusion: null,
        created_at: new Date(requestedAt + 1_000).toISOString(),
      });

      await service.followActive(
        sourcesOf(eligible),
        new Date(requestedAt + 29 * MINUTE),
      );
      expect((await store.listRebuilds())[0]).toMatchObject({
        status: 'dispatched',
      });
      expect((await store.listRebuilds())[0].runId).toBeUndefined();

      const late = new Date(requestedAt + 31 * MINUTE);
      await service.followActive(sourcesOf(eligible), late);
      const [record] = await store.listRebuilds();
      expect(record).toMatchObject({
        status: 'failed',
        finishedAt: late.toISOString(),
      });
      expect(record.runId).toBeUndefined();
      expect(record.error).toContain(
        `No run carrying rebuild id ${rebuild.id} appeared within 30m`,
      );
      expect(dispatches()).toHaveLength(1);
    },
  );

  it.each(databases.eachSupportedId())(
    'fails an active rebuild whose image can no longer be followed, saying why, %p',
    async databaseId => {
      const images = ['gone', 'nosource', 'noworkflow'].map(name =>
        status(`component:default/${name}`, { state: 'eligible', reasons: [] }),
      );
      const { service, store } = await setup(databaseId, images);
      await service.triggerEligible(images, 10);
      expect(await store.listRebuilds({ active: true })).toHaveLength(3);
      const [, nosource, noworkflow] = images;
      const sources = sourcesOf(nosource, noworkflow);
      sources.set(nosource.entityRef, {
        ...sources.get(nosource.entityRef)!,
        sourceLocation: null,
      });
      sources.set(noworkflow.entityRef, {
        ...sources.get(noworkflow.entityRef)!,
        workflow: null,
      });

      const now = new Date();
      await service.followActive(sources, now);

      const byRef = new Map(
        (await store.listRebuilds()).map(r => [r.entityRef, r]),
      );
      expect(byRef.get('component:default/gone')).toMatchObject({
        status: 'failed',
        finishedAt: now.toISOString(),
        error: expect.stringContaining(
          'component:default/gone is no longer enrolled',
        ),
      });
      expect(byRef.get('component:default/nosource')).toMatchObject({
        status: 'failed',
        error: expect.stringContaining('image-factory.io/source-location'),
      });
      expect(byRef.get('component:default/noworkflow')).toMatchObject({
        status: 'failed',
        error: expect.stringContaining('image-factory.io/workflow'),
      });
    },
  );

  it.each(databases.eachSupportedId())(
    'lets an emergency rebuild supersede a stale active one, and refuses while the active one is fresh, %p',
    async databaseId => {
      const rebuilding = status('component:default/payments', {
        state: 'rebuilding',
        reasons: ['A rebuild is running.'],
      });
      const { service, store } = await setup(databaseId, [rebuilding]);
      const credentials = mockCredentials.user('user:default/sec');
      const emergency = {
        emergency: true,
        justification: 'CVE-2026-1234 in node, exploited in the wild',
      };
      const active = async (
        key: string,
        fields: {
          status: 'dispatched' | 'running';
          ageMs: number;
          runId?: string;
        },
      ) => {
        const created = await store.createRebuild({
          entityRef: rebuilding.entityRef,
          triggerKey: key,
          trigger: 'auto',
          requestedBy: 'image-factory',
          requestedAt: ago(fields.ageMs),
          provider: 'github',
          status: fields.status,
          ...(fields.runId ? { runId: fields.runId } : {}),
          baseDigests: { 'docker.io/library/node:22': 'sha256:aged' },
        });
        if (!created.created) throw new Error('expected a new rebuild');
        return created.rebuild;
      };

      const finish = (id: string) =>
        store.updateRebuild(id, { status: 'completed', conclusion: 'success' });
      const refused = () =>
        expect(
          service.request({
            status: rebuilding,
            request: emergency,
            credentials,
          }),
        ).rejects.toMatchObject({ name: 'ConflictError' });

      // Sent a minute ago: its run may still appear.
      const fresh = await active('fresh', {
        status: 'dispatched',
        ageMs: MINUTE,
      });
      await refused();
      await finish(fresh.id);
      // Running for ten minutes: a build, not a stale record.
      const running = await active('running', {
        status: 'running',
        ageMs: 10 * MINUTE,
        runId: '2',
      });
      await refused();
      await finish(running.id);
      expect(dispatches()).toHaveLength(0);

      // Sent ten minutes ago and never seen since; and one running for longer
      // than the run timeout.
      const stale = await active('stale', {
        status: 'dispatched',
        ageMs: 10 * MINUTE,
      });
      const endless = await active('endless', {
        status: 'running',
        ageMs: 40 * MINUTE,
        runId: '3',
      });
      const response = await service.request({
        status: rebuilding,
        request: emergency,
        credentials,
      });

      expect(response.rebuild).toMatchObject({
        trigger: 'emergency',
        status: 'running',
      });
      expect([...response.supersededRebuildIds!].sort()).toEqual(
        [stale.id, endless.id].sort(),
      );
      for (const id of [stale.id, endless.id]) {
        expect(await store.getRebuild(id)).toMatchObject({
          status: 'failed',
          error: `superseded by emergency rebuild ${response.rebuild.id} requested by user:default/sec`,
        });
      }
      expect(dispatches()).toHaveLength(1);
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
