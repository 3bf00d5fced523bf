import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { GithubRebuildTrigger } from './GithubRebuildTrigger';
import { LocalGithubApi, startLocalGithubApi } from './localGithubApi';
import { manualClock, ManualClock } from './manualClock';
import { TriggerError } from './TriggerError';
import type { RebuildTriggerRequest } from './types';

// No real GitHub is reachable from the test machines: a local HTTP server that
// implements the documented GitHub REST endpoints stands in for a GitHub
// Enterprise Server, configured the way one is, through `apiBaseUrl`.

const TOKEN = 'ghp_LocalTestToken0123456789abcdefABCDEF';
const INPUTS = [
  'image_factory_reason',
  'image_factory_base_images',
  'image_factory_trigger',
];
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
}): Promise<Setup> {
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
      provider: 'github',
      sourceLocation: request.sourceLocation,
      workflow: 'build.yml',
      dispatchedAt: result.dispatchedAt,
      branch: result.ref,
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

  it('reports the run as queued while a listing does not show it yet', async () => {
    const { trigger } = await setup({ returnsRunDetails: false });
    const progress = await trigger.follow({
      provider: 'github',
      sourceLocation: request.sourceLocation,
      workflow: 'build.yml',
      dispatchedAt: new Date(START).toISOString(),
      branch: 'main',
    });
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
        provider: 'github',
        sourceLocation: request.sourceLocation,
        workflow: 'build.yml',
        runId: started.runId,
        dispatchedAt: started.dispatchedAt,
        branch: started.ref,
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
      'The workflow must declare the inputs image_factory_reason, image_factory_base_images, image_factory_trigger under on.workflow_dispatch.inputs',
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
