import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { GithubRebuildTrigger } from './GithubRebuildTrigger';
import {
  LocalGithubApi,
  startLocalGithubApi,
} from '../__testUtils__/localGithubApi';
import { manualClock, ManualClock } from '../__testUtils__/manualClock';
import { TriggerError } from './TriggerError';
import type { FollowRunRequest, RebuildTriggerRequest } from './types';

// No real GitHub is reachable from the test machines: a local HTTP server that
// implements the documented GitHub REST endpoints stands in for a GitHub
// Enterprise Server, configured the way one is, through `apiBaseUrl`.

const TOKEN = 'ghp_LocalTestToken0123456789abcdefABCDEF';
const INPUTS = [
  'image_factory_reason',
  'image_factory_base_images',
  'image_factory_trigger',
  'image_factory_rebuild_id',
];
const REBUILD_ID = '6f1c2a4e-8b3d-4c5e-9f00-0123456789ab';
// The run-name the README asks for: the only place GitHub's API shows an input.
const RUN_NAME = 'Rebuild ${{ inputs.image_factory_rebuild_id }}';
const START = Date.UTC(2025, 4, 1, 12, 0, 0);

const request: RebuildTriggerRequest = {
  entityRef: 'component:default/payments',
  sourceLocation: 'url:https://ghe.local/acme/payments/tree/main/services/api/',
  workflow: 'build.yml',
  baseImages: [
    {
      ref: 'docker.io/library/node:22-bookworm-slim',
      digest: `sha256:${'a'.repeat(64)}`,
    },
    {
      ref: 'gcr.io/distroless/base:latest',
      digest: `sha256:${'b'.repeat(64)}`,
    },
  ],
  reason:
    'docker.io/library/node:22-bookworm-slim has a new digest that aged past the 7d delay.',
  trigger: 'auto',
  requestedBy: 'image-factory',
  rebuildId: REBUILD_ID,
};

// Following the rebuild of `request`, dispatched at START on main, by its id
// alone: the run id is not known.
const followed: FollowRunRequest = {
  provider: 'github',
  sourceLocation: request.sourceLocation,
  workflow: 'build.yml',
  rebuildId: REBUILD_ID,
  dispatchedAt: new Date(START).toISOString(),
  ref: 'main',
};

interface Setup {
  api: LocalGithubApi;
  trigger: GithubRebuildTrigger;
  clock: ManualClock;
  logger: ReturnType<typeof mockServices.logger.mock>;
}

const servers: LocalGithubApi[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map(server => server.close()));
});

async function setup(options: {
  returnsRunDetails: boolean;
  token?: string | null;
  /** The workflow's run-name; `null`: none. Default {@link RUN_NAME}. */
  runName?: string | null;
  requestTimeoutMs?: number;
}): Promise<Setup> {
  const runName = options.runName === undefined ? RUN_NAME : options.runName;
  const clock = manualClock(START);
  const api = await startLocalGithubApi({
    token: TOKEN,
    returnsRunDetails: options.returnsRunDetails,
    now: clock.now,
    repositories: {
      'acme/payments': {
        defaultBranch: 'trunk',
        branches: ['main', 'trunk'],
        workflows: { 'build.yml': INPUTS, 'lint.yml': [] },
        ...(runName === null ? {} : { runNames: { 'build.yml': runName } }),
      },
    },
  });
  servers.push(api);
  const token = options.token === undefined ? TOKEN : options.token;
  const config = new ConfigReader({
    integrations: {
      github: [
        {
          host: 'ghe.local',
          apiBaseUrl: api.apiBaseUrl,
          ...(token ? { token } : {}),
        },
      ],
    },
  });
  const logger = mockServices.logger.mock();
  const trigger = GithubRebuildTrigger.create({
    integrations: ScmIntegrations.fromConfig(config),
    logger,
    clock,
    ...(options.requestTimeoutMs
      ? { requestTimeoutMs: options.requestTimeoutMs }
      : {}),
  });
  return { api, trigger, clock, logger };
}

function everythingLogged(logger: Setup['logger']): string {
  return JSON.stringify(
    [logger.debug, logger.info, logger.warn, logger.error].flatMap(
      fn => fn.mock.calls,
    ),
  );
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

describe('GithubRebuildTrigger', () => {
  it('dispatches the workflow on the source branch with base images, reason and trigger as inputs', async () => {
    const { api, trigger } = await setup({ returnsRunDetails: true });

    const result = await trigger.trigger(request);

    expect(api.requests).toHaveLength(1);
    const [sent] = api.requests;
    expect(sent.method).toBe('POST');
    expect(sent.url).toBe(
      '/api/v3/repos/acme/payments/actions/workflows/build.yml/dispatches',
    );
    expect(sent.headers.authorization).toBe(`token ${TOKEN}`);
    expect(sent.body).toEqual({
      ref: 'main',
      inputs: {
        image_factory_reason: request.reason,
        image_factory_base_images: JSON.stringify(request.baseImages),
        image_factory_trigger: 'auto',
        image_factory_rebuild_id: REBUILD_ID,
      },
      return_run_details: true,
    });
    const run = api.runs[0];
    expect(result).toEqual({
      provider: 'github',
      runId: String(run.id),
      runUrl: run.html_url,
      status: 'queued',
      ref: 'main',
      dispatchedAt: new Date(START).toISOString(),
    });
  });

  it('falls back to a plain dispatch when an older server rejects return_run_details, then finds the run by listing', async () => {
    const { api, trigger, clock, logger } = await setup({
      returnsRunDetails: false,
    });
    // Someone ran the workflow by hand a while before: it must not be taken for ours.
    api.addRun({
      repository: 'acme/payments',
      workflow: 'build.yml',
      head_branch: 'main',
      event: 'workflow_dispatch',
      status: 'completed',
      conclusion: 'failure',
      created_at: new Date(START - 3_600_000).toISOString(),
    });

    const result = await trigger.trigger(request);

    expect(api.requests.map(r => [r.method, r.url, r.body])).toEqual([
      [
        'POST',
        '/api/v3/repos/acme/payments/actions/workflows/build.yml/dispatches',
        expect.objectContaining({ ref: 'main', return_run_details: true }),
      ],
      [
        'POST',
        '/api/v3/repos/acme/payments/actions/workflows/build.yml/dispatches',
        { ref: 'main', inputs: expect.any(Object) },
      ],
    ]);
    expect(result.runId).toBeUndefined();
    expect(result.status).toBe('queued');
    expect(logger.info).toHaveBeenCalledWith(
      expect.stringContaining('answered 422 to return_run_details'),
    );

    clock.advance(5_000);
    const progress = await trigger.follow({
      ...followed,
      dispatchedAt: result.dispatchedAt,
      ref: result.ref,
    });
    const listing = api.requests[2];
    expect(listing.path).toBe(
      '/api/v3/repos/acme/payments/actions/workflows/build.yml/runs',
    );
    expect(Object.fromEntries(listing.query)).toEqual({
      branch: 'main',
      event: 'workflow_dispatch',
      created: '>=2025-05-01T11:59:00Z',
      per_page: '100',
    });
    const ours = api.runs[1];
    expect(progress).toEqual({
      status: 'queued',
      runId: String(ours.id),
      runUrl: ours.html_url,
    });

    // The server is remembered: the next dispatch does not ask for run details.
    await trigger.trigger(request);
    expect(api.requests[3].body).not.toHaveProperty('return_run_details');
    expect(api.requests).toHaveLength(4);
  });

  it('reports no run while a listing does not show it yet', async () => {
    const { trigger } = await setup({ returnsRunDetails: false });
    const progress = await trigger.follow(followed);
    expect(progress).toEqual({ status: 'queued' });
  });

  it('reports an unknown outcome, not a refusal, when GitHub answers 502 after accepting the dispatch, and finds that run by its rebuild id', async () => {
    const { api, trigger, clock } = await setup({ returnsRunDetails: true });
    api.answerNextAfterHandling({
      status: 502,
      body: { message: 'Server Error' },
    });

    const error = await catchTriggerError(trigger.trigger(request));

    expect(error.status).toBe(502);
    expect(error.outcomeUnknown).toBe(true);
    expect(error.message).toBe(
      'GitHub answered 502 when dispatching build.yml on acme/payments@main: Server Error',
    );
    expect(api.runs).toHaveLength(1);

    clock.advance(30_000);
    const progress = await trigger.follow(followed);
    expect(progress).toEqual({
      status: 'queued',
      runId: String(api.runs[0].id),
      runUrl: api.runs[0].html_url,
    });
    expect(
      api.requests.filter(r => r.path.endsWith('/dispatches')),
    ).toHaveLength(1);
  });

  it('reports an unknown outcome when the dispatch times out after it was sent', async () => {
    const { api, trigger } = await setup({
      returnsRunDetails: true,
      requestTimeoutMs: 100,
    });
    api.answerNextAfterHandling(handled => ({ ...handled, delayMs: 5_000 }));

    const error = await catchTriggerError(trigger.trigger(request));

    expect(error.status).toBeUndefined();
    expect(error.outcomeUnknown).toBe(true);
    expect(api.runs).toHaveLength(1);
    expect(api.requests).toHaveLength(1);
  });

  it('never takes a run started by hand on the branch for the dispatched one', async () => {
    const { api, trigger, clock } = await setup({ returnsRunDetails: true });
    // This time the gateway gave up before GitHub acted: no run is ours.
    api.answerNext({ status: 504, body: { message: 'Gateway Timeout' } });
    const error = await catchTriggerError(trigger.trigger(request));
    expect(error.outcomeUnknown).toBe(true);
    // Someone dispatches the same workflow by hand right after, on the same branch.
    clock.advance(2_000);
    api.addRun({
      repository: 'acme/payments',
      workflow: 'build.yml',
      head_branch: 'main',
      event: 'workflow_dispatch',
      status: 'queued',
      conclusion: null,
      created_at: new Date(clock.now()).toISOString(),
      display_title: 'Rebuild ',
    });

    const progress = await trigger.follow(followed);

    expect(progress).toEqual({ status: 'queued' });
  });

  it('finds no run of a workflow whose run-name does not carry the rebuild id', async () => {
    const { api, trigger, clock } = await setup({
      returnsRunDetails: false,
      runName: null,
    });
    await trigger.trigger(request);
    expect(api.runs[0].display_title).toBe('build.yml');
    clock.advance(5_000);

    const progress = await trigger.follow(followed);

    expect(progress).toEqual({ status: 'queued' });
  });

  it('dispatches on the default branch when the source location names none', async () => {
    const { api, trigger } = await setup({ returnsRunDetails: true });

    const result = await trigger.trigger({
      ...request,
      sourceLocation: 'https://ghe.local/acme/payments',
    });

    expect(api.requests.map(r => `${r.method} ${r.url}`)).toEqual([
      'GET /api/v3/repos/acme/payments',
      'POST /api/v3/repos/acme/payments/actions/workflows/build.yml/dispatches',
    ]);
    expect(api.requests[1].body).toMatchObject({ ref: 'trunk' });
    expect(result.ref).toBe('trunk');
  });

  it('follows a run by id through queued and in progress to its conclusion', async () => {
    const { api, trigger } = await setup({ returnsRunDetails: true });
    const started = await trigger.trigger(request);
    const follow = () =>
      trigger.follow({
        ...followed,
        runId: started.runId,
        dispatchedAt: started.dispatchedAt,
        ref: started.ref,
      });
    const run = api.runs[0];

    expect(await follow()).toEqual({
      status: 'queued',
      runId: started.runId,
      runUrl: run.html_url,
    });
    expect(api.requests[1].url).toBe(
      `/api/v3/repos/acme/payments/actions/runs/${run.id}`,
    );
    run.status = 'in_progress';
    expect(await follow()).toMatchObject({ status: 'in_progress' });
    run.status = 'completed';
    run.conclusion = 'timed_out';
    expect(await follow()).toMatchObject({
      status: 'completed',
      conclusion: 'timed-out',
    });
    run.conclusion = 'success';
    expect(await follow()).toMatchObject({
      status: 'completed',
      conclusion: 'success',
    });
  });

  it('waits as long as retry-after asks when a secondary rate limit is hit, then dispatches', async () => {
    const { api, trigger, clock, logger } = await setup({
      returnsRunDetails: true,
    });
    api.answerNext({
      status: 403,
      headers: { 'retry-after': '1' },
      body: {
        message:
          'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
      },
    });

    const result = await trigger.trigger(request);

    expect(clock.sleeps).toEqual([1_000]);
    expect(api.requests).toHaveLength(2);
    expect(result.runId).toBe(String(api.runs[0].id));
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('waiting 1s'),
    );
  });

  it('waits until x-ratelimit-reset when the primary rate limit is used up', async () => {
    const { api, trigger, clock } = await setup({ returnsRunDetails: true });
    api.answerNext({
      status: 403,
      headers: {
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset': String(Math.floor(START / 1000) + 2),
      },
      body: { message: 'API rate limit exceeded for installation ID 1.' },
    });

    await trigger.trigger(request);

    expect(clock.sleeps).toEqual([2_000]);
    expect(api.runs).toHaveLength(1);
  });

  it('reports a rate limit that resets too late instead of waiting for it', async () => {
    const { api, trigger, clock } = await setup({ returnsRunDetails: true });
    api.answerNext({
      status: 403,
      headers: {
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset': String(Math.floor(START / 1000) + 3600),
      },
      body: { message: 'API rate limit exceeded for user ID 7.' },
    });

    const error = await catchTriggerError(trigger.trigger(request));

    expect(error.status).toBe(403);
    expect(error.message).toBe(
      'GitHub answered 403 when dispatching build.yml on acme/payments@main: API rate limit exceeded for user ID 7.',
    );
    expect(clock.sleeps).toEqual([]);
    expect(api.runs).toHaveLength(0);
  });

  it('starts at most 80 runs a minute', async () => {
    const { api, trigger, clock } = await setup({ returnsRunDetails: true });

    for (let i = 0; i < 81; i++) {
      await trigger.trigger(request);
    }

    expect(api.runs).toHaveLength(81);
    expect(clock.sleeps).toEqual([60_000]);
    const created = api.runs.map(run => Date.parse(run.created_at));
    expect(created[79]).toBe(START);
    expect(created[80]).toBe(START + 60_000);
  });

  it('records the status and message of a refused dispatch', async () => {
    const { trigger } = await setup({ returnsRunDetails: true });

    const error = await catchTriggerError(
      trigger.trigger({ ...request, workflow: 'missing.yml' }),
    );

    expect(error.status).toBe(404);
    expect(error.outcomeUnknown).toBe(false);
    expect(error.provider).toBe('github');
    expect(error.message).toBe(
      'GitHub answered 404 when dispatching missing.yml on acme/payments@main: Not Found',
    );
  });

  it('names the inputs to declare when the workflow rejects them, without a second dispatch', async () => {
    const { api, trigger } = await setup({ returnsRunDetails: true });

    const error = await catchTriggerError(
      trigger.trigger({ ...request, workflow: 'lint.yml' }),
    );

    expect(error.status).toBe(422);
    expect(error.message).toContain('Unexpected inputs provided');
    expect(error.message).toContain(
      'The workflow must declare the inputs image_factory_reason, image_factory_base_images, image_factory_trigger, image_factory_rebuild_id under on.workflow_dispatch.inputs',
    );
    expect(api.requests).toHaveLength(1);
  });

  it('keeps the token out of errors and logs even when the server repeats it', async () => {
    const { api, trigger, logger } = await setup({ returnsRunDetails: true });
    api.answerNext(received => ({
      status: 401,
      body: {
        message: `Bad credentials: ${received.headers.authorization} (${TOKEN})`,
      },
    }));

    const error = await catchTriggerError(trigger.trigger(request));

    expect(error.status).toBe(401);
    expect(error.message).toBe(
      'GitHub answered 401 when dispatching build.yml on acme/payments@main: Bad credentials: token *** (***)',
    );
    expect(JSON.stringify(error)).not.toContain(TOKEN);
    expect(String(error.stack)).not.toContain(TOKEN);
    const logged = everythingLogged(logger);
    expect(logged).toContain('Bad credentials');
    expect(logged).not.toContain(TOKEN);
  });

  it('reports a server that cannot be reached, without a status', async () => {
    const { api, trigger } = await setup({ returnsRunDetails: true });
    await api.close();
    servers.splice(servers.indexOf(api), 1);

    const error = await catchTriggerError(trigger.trigger(request));

    expect(error.status).toBeUndefined();
    // The connection was refused: nothing was sent, so no run can exist.
    expect(error.outcomeUnknown).toBe(false);
    expect(error.message).toMatch(
      /^GitHub could not be reached when dispatching build\.yml on acme\/payments@main: /,
    );
  });

  it('says how to configure credentials when the integration has none', async () => {
    const { api, trigger } = await setup({
      returnsRunDetails: true,
      token: null,
    });

    const error = await catchTriggerError(trigger.trigger(request));

    expect(error.status).toBeUndefined();
    expect(error.message).toBe(
      'No GitHub credentials for ghe.local: configure a token or a GitHub App under integrations.github to start workflows',
    );
    expect(api.requests).toHaveLength(0);
  });
});
