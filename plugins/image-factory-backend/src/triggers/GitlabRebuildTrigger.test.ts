import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { GitlabRebuildTrigger } from './GitlabRebuildTrigger';
import {
  LocalGitlabApi,
  startLocalGitlabApi,
} from '../__testUtils__/localGitlabApi';
import { manualClock, ManualClock } from '../__testUtils__/manualClock';
import { TriggerError } from './TriggerError';
import type { RebuildTriggerRequest } from './types';

// No real GitLab is reachable from the test machines: a local HTTP server that
// implements the documented GitLab REST endpoints stands in for a self-hosted
// GitLab, configured the way one is, through `apiBaseUrl`.

const TOKEN = 'glpat-LocalTestToken_0123456789';
const START = Date.UTC(2025, 4, 1, 12, 0, 0);
const REBUILD_ID = '0b9e7d1c-2f3a-4b5c-8d6e-fedcba987654';

const request: RebuildTriggerRequest = {
  entityRef: 'component:default/ledger',
  sourceLocation: 'url:https://gitlab.local/group/sub/ledger/-/tree/main/',
  workflow: 'main',
  baseImages: [
    {
      ref: 'docker.io/library/python:3.12-slim',
      digest: `sha256:${'c'.repeat(64)}`,
    },
  ],
  reason: 'Emergency rebuild: CVE-2025-0001 in the base image.',
  trigger: 'emergency',
  requestedBy: 'user:default/sec-eng',
  rebuildId: REBUILD_ID,
};

interface Setup {
  api: LocalGitlabApi;
  trigger: GitlabRebuildTrigger;
  clock: ManualClock;
  logger: ReturnType<typeof mockServices.logger.mock>;
}

const servers: LocalGitlabApi[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map(server => server.close()));
});

async function setup(
  options: {
    variablesRole?: 'no_one_allowed' | 'developer';
    requestTimeoutMs?: number;
  } = {},
): Promise<Setup> {
  const clock = manualClock(START);
  const api = await startLocalGitlabApi({
    token: TOKEN,
    now: clock.now,
    projects: {
      'group/sub/ledger': {
        id: 42,
        defaultBranch: 'trunk',
        branches: ['main', 'trunk', 'release'],
        pipelineVariablesMinimumRole: options.variablesRole ?? 'developer',
      },
    },
  });
  servers.push(api);
  const config = new ConfigReader({
    integrations: {
      gitlab: [
        { host: 'gitlab.local', apiBaseUrl: api.apiBaseUrl, token: TOKEN },
      ],
    },
  });
  const logger = mockServices.logger.mock();
  const trigger = GitlabRebuildTrigger.create({
    integrations: ScmIntegrations.fromConfig(config),
    logger,
    clock,
    ...(options.requestTimeoutMs
      ? { requestTimeoutMs: options.requestTimeoutMs }
      : {}),
  });
  return { api, trigger, clock, logger };
}

async function catchTriggerError(
  promise: Promise<unknown>,
): Promise<TriggerError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TriggerError);
  return error as TriggerError;
}

describe('GitlabRebuildTrigger', () => {
  it('creates a pipeline on the ref with base images, reason and trigger as variables', async () => {
    const { api, trigger } = await setup();

    const result = await trigger.trigger(request);

    expect(api.requests).toHaveLength(1);
    const [sent] = api.requests;
    expect(sent.method).toBe('POST');
    expect(sent.url).toBe('/api/v4/projects/group%2Fsub%2Fledger/pipeline');
    expect(sent.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(sent.body).toEqual({
      ref: 'main',
      variables: [
        { key: 'IMAGE_FACTORY_REASON', value: request.reason },
        {
          key: 'IMAGE_FACTORY_BASE_IMAGES',
          value: JSON.stringify(request.baseImages),
        },
        { key: 'IMAGE_FACTORY_TRIGGER', value: 'emergency' },
        { key: 'IMAGE_FACTORY_REBUILD_ID', value: REBUILD_ID },
      ],
    });
    const pipeline = api.pipelines[0];
    expect(result).toEqual({
      provider: 'gitlab',
      runId: String(pipeline.id),
      runUrl: pipeline.web_url,
      status: 'queued',
      ref: 'main',
      dispatchedAt: new Date(START).toISOString(),
    });
  });

  it('runs on the source branch when the workflow annotation names a CI file', async () => {
    const { api, trigger } = await setup();

    const result = await trigger.trigger({
      ...request,
      workflow: '.gitlab-ci.yml',
      sourceLocation:
        'https://gitlab.local/group/sub/ledger/-/blob/release/Dockerfile',
    });

    expect(api.requests[0].body).toMatchObject({ ref: 'release' });
    expect(result.ref).toBe('release');
  });

  it('runs a CI file on the default branch when the source location names none', async () => {
    const { api, trigger } = await setup();

    const result = await trigger.trigger({
      ...request,
      workflow: '.gitlab-ci.yml',
      sourceLocation: 'https://gitlab.local/group/sub/ledger',
    });

    expect(api.requests.map(r => `${r.method} ${r.url}`)).toEqual([
      'GET /api/v4/projects/group%2Fsub%2Fledger',
      'POST /api/v4/projects/group%2Fsub%2Fledger/pipeline',
    ]);
    expect(result.ref).toBe('trunk');
  });

  it.each([
    ['pending', { status: 'queued' }],
    ['running', { status: 'in_progress' }],
    ['success', { status: 'completed', conclusion: 'success' }],
    ['failed', { status: 'completed', conclusion: 'failure' }],
    ['canceled', { status: 'completed', conclusion: 'cancelled' }],
  ])('follows a %s pipeline', async (gitlabStatus, expected) => {
    const { api, trigger } = await setup();
    const started = await trigger.trigger(request);
    api.pipelines[0].status = gitlabStatus;

    const progress = await trigger.follow({
      provider: 'gitlab',
      sourceLocation: request.sourceLocation,
      workflow: request.workflow,
      rebuildId: REBUILD_ID,
      runId: started.runId,
      dispatchedAt: started.dispatchedAt,
      ref: started.ref,
    });

    expect(api.requests[1].url).toBe(
      `/api/v4/projects/group%2Fsub%2Fledger/pipelines/${started.runId}`,
    );
    expect(progress).toEqual({
      ...expected,
      runId: started.runId,
      runUrl: started.runUrl,
    });
  });

  it('names the setting to change when the project forbids pipeline variables', async () => {
    const { api, trigger } = await setup({ variablesRole: 'no_one_allowed' });

    const error = await catchTriggerError(trigger.trigger(request));

    expect(error.status).toBe(400);
    expect(error.provider).toBe('gitlab');
    expect(error.message).toBe(
      'GitLab answered 400 when creating a pipeline on group/sub/ledger@main: Insufficient permissions to set pipeline variables. ' +
        'The project group/sub/ledger does not let the Image Factory\'s token set pipeline variables: its "Minimum role to use pipeline variables" ' +
        "(Settings > CI/CD > Variables; ci_pipeline_variables_minimum_override_role in the projects API) must be a role the token's user holds, " +
        'such as developer or maintainer, not no_one_allowed, the default for new projects on gitlab.com',
    );
    expect(api.pipelines).toHaveLength(0);
  });

  it('records the status and message of a refused pipeline', async () => {
    const { trigger } = await setup();

    const error = await catchTriggerError(
      trigger.trigger({ ...request, workflow: 'gone' }),
    );

    expect(error.status).toBe(400);
    expect(error.outcomeUnknown).toBe(false);
    expect(error.message).toBe(
      'GitLab answered 400 when creating a pipeline on group/sub/ledger@gone: Reference not found',
    );
  });

  it('waits as long as retry-after asks when rate limited, then creates the pipeline', async () => {
    const { api, trigger, clock } = await setup();
    api.answerNext({
      status: 429,
      headers: { 'retry-after': '1', 'ratelimit-remaining': '0' },
      body: { message: 'Retry later' },
    });

    const result = await trigger.trigger(request);

    expect(clock.sleeps).toEqual([1_000]);
    expect(api.requests).toHaveLength(2);
    expect(result.runId).toBe(String(api.pipelines[0].id));
  });

  it('keeps the token out of errors and logs even when the server repeats it', async () => {
    const { api, trigger, logger } = await setup();
    api.answerNext(received => ({
      status: 401,
      body: {
        message: `401 Unauthorized: ${received.headers.authorization}, private-token=${TOKEN}`,
      },
    }));

    const error = await catchTriggerError(trigger.trigger(request));

    expect(error.status).toBe(401);
    expect(error.message).not.toContain(TOKEN);
    expect(error.message).toContain('401 Unauthorized: Bearer ***');
    const logged = JSON.stringify(
      [logger.debug, logger.info, logger.warn, logger.error].flatMap(
        fn => fn.mock.calls,
      ),
    );
    expect(logged).toContain('401 Unauthorized');
    expect(logged).not.toContain(TOKEN);
  });

  const lookUp = (trigger: GitlabRebuildTrigger, workflow = 'main') =>
    trigger.follow({
      provider: 'gitlab',
      sourceLocation: request.sourceLocation,
      workflow,
      rebuildId: REBUILD_ID,
      dispatchedAt: new Date(START).toISOString(),
    });

  it('reports an unknown outcome, not a refusal, when GitLab answers 502 after creating the pipeline, and finds it by its rebuild id variable', async () => {
    const { api, trigger, clock } = await setup();
    // A pipeline someone ran by hand a little earlier, with no rebuild id.
    api.addPipeline({
      project: 'group/sub/ledger',
      ref: 'main',
      status: 'running',
    });
    api.answerNextAfterHandling({ status: 502, text: '502 Bad Gateway' });

    const error = await catchTriggerError(trigger.trigger(request));

    expect(error.status).toBe(502);
    expect(error.outcomeUnknown).toBe(true);
    expect(api.pipelines).toHaveLength(2);
    const ours = api.pipelines[1];

    clock.advance(30_000);
    const progress = await lookUp(trigger);

    expect(progress).toEqual({
      status: 'queued',
      runId: String(ours.id),
      runUrl: ours.web_url,
    });
    const list = api.requests.find(
      r => r.method === 'GET' && r.path.endsWith('/pipelines'),
    )!;
    expect(Object.fromEntries(list.query)).toMatchObject({
      ref: 'main',
      updated_after: '2025-05-01T11:59:00.000Z',
    });
    expect(
      api.requests.filter(r => r.method === 'POST').map(r => r.url),
    ).toEqual(['/api/v4/projects/group%2Fsub%2Fledger/pipeline']);
  });

  it('reports an unknown outcome when creating the pipeline times out after it was sent', async () => {
    const { api, trigger } = await setup({ requestTimeoutMs: 100 });
    api.answerNextAfterHandling(handled => ({ ...handled, delayMs: 5_000 }));

    const error = await catchTriggerError(trigger.trigger(request));

    expect(error.status).toBeUndefined();
    expect(error.outcomeUnknown).toBe(true);
    expect(api.pipelines).toHaveLength(1);
    expect(await lookUp(trigger)).toMatchObject({
      runId: String(api.pipelines[0].id),
    });
  });

  it('never takes a pipeline started by hand on the ref for the dispatched one', async () => {
    const { api, trigger, clock } = await setup();
    api.answerNext({
      status: 503,
      body: { message: '503 Service Unavailable' },
    });
    const error = await catchTriggerError(trigger.trigger(request));
    expect(error.outcomeUnknown).toBe(true);
    clock.advance(2_000);
    api.addPipeline({
      project: 'group/sub/ledger',
      ref: 'main',
      status: 'pending',
    });
    api.addPipeline({
      project: 'group/sub/ledger',
      ref: 'main',
      status: 'pending',
      source: 'api',
      variables: [
        { key: 'IMAGE_FACTORY_REBUILD_ID', value: 'another-rebuild' },
      ],
    });

    expect(await lookUp(trigger)).toEqual({ status: 'queued' });
  });

  it('looks a CI file pipeline up on the ref it was created on', async () => {
    const { api, trigger } = await setup();
    await trigger.trigger({
      ...request,
      workflow: '.gitlab-ci.yml',
      sourceLocation: 'https://gitlab.local/group/sub/ledger',
    });

    const progress = await trigger.follow({
      provider: 'gitlab',
      sourceLocation: 'https://gitlab.local/group/sub/ledger',
      workflow: '.gitlab-ci.yml',
      rebuildId: REBUILD_ID,
      dispatchedAt: new Date(START).toISOString(),
    });

    expect(progress.runId).toBe(String(api.pipelines[0].id));
    expect(api.pipelines[0].ref).toBe('trunk');
  });
});
