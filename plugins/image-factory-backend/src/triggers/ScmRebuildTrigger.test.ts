import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { GITHUB_INPUT_NAMES } from './buildRunParameters';
import {
  LocalGithubApi,
  startLocalGithubApi,
} from '../__testUtils__/localGithubApi';
import {
  LocalGitlabApi,
  startLocalGitlabApi,
} from '../__testUtils__/localGitlabApi';
import { manualClock } from '../__testUtils__/manualClock';
import { ScmRebuildTrigger } from './ScmRebuildTrigger';
import type { RebuildTriggerRequest } from './types';

// No real GitHub or GitLab is reachable from the test machines: local HTTP
// servers that implement their documented REST endpoints stand in for a
// GitHub Enterprise Server and a self-hosted GitLab.

const GITHUB_TOKEN = 'ghp_ScmTestToken0123456789abcdefABCDEF';
const GITLAB_TOKEN = 'glpat-ScmTestToken_0123456789';
const START = Date.UTC(2025, 4, 1, 12, 0, 0);

const base: Omit<RebuildTriggerRequest, 'sourceLocation' | 'workflow'> = {
  entityRef: 'component:default/payments',
  baseImages: [
    { ref: 'docker.io/library/node:22', digest: `sha256:${'d'.repeat(64)}` },
  ],
  reason: 'A base image digest aged past the 7d delay.',
  trigger: 'manual',
  requestedBy: 'user:default/dev',
  rebuildId: '3c9d0e1f-4a5b-4c6d-8e7f-a1b2c3d4e5f6',
};

let github: LocalGithubApi;
let gitlab: LocalGitlabApi;
let trigger: ScmRebuildTrigger;

beforeEach(async () => {
  const clock = manualClock(START);
  github = await startLocalGithubApi({
    token: GITHUB_TOKEN,
    returnsRunDetails: true,
    now: clock.now,
    repositories: {
      'acme/payments': {
        defaultBranch: 'main',
        branches: ['main'],
        workflows: { 'build.yml': Object.values(GITHUB_INPUT_NAMES) },
      },
    },
  });
  gitlab = await startLocalGitlabApi({
    token: GITLAB_TOKEN,
    projects: {
      'platform/ledger': {
        id: 7,
        defaultBranch: 'main',
        branches: ['main'],
        pipelineVariablesMinimumRole: 'developer',
      },
    },
  });
  const config = new ConfigReader({
    integrations: {
      github: [
        {
          host: 'ghe.local',
          apiBaseUrl: github.apiBaseUrl,
          token: GITHUB_TOKEN,
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
  });
  trigger = ScmRebuildTrigger.fromConfig(config, {
    logger: mockServices.logger.mock(),
    clock,
  });
});

afterEach(async () => {
  await Promise.all([github.close(), gitlab.close()]);
});

describe('ScmRebuildTrigger', () => {
  it('sends a source location on a GitHub host to GitHub Actions and follows it there', async () => {
    const started = await trigger.trigger({
      ...base,
      sourceLocation: 'https://ghe.local/acme/payments/tree/main/',
      workflow: 'build.yml',
    });

    expect(started.provider).toBe('github');
    expect(github.runs).toHaveLength(1);
    expect(gitlab.requests).toHaveLength(0);

    github.runs[0].status = 'completed';
    github.runs[0].conclusion = 'failure';
    const progress = await trigger.follow({
      provider: started.provider,
      sourceLocation: 'https://ghe.local/acme/payments/tree/main/',
      workflow: 'build.yml',
      rebuildId: base.rebuildId,
      runId: started.runId,
      dispatchedAt: started.dispatchedAt,
      ref: started.ref,
    });
    expect(progress).toMatchObject({
      status: 'completed',
      conclusion: 'failure',
    });
  });

  it('sends a source location on a GitLab host to GitLab CI and follows it there', async () => {
    const started = await trigger.trigger({
      ...base,
      sourceLocation: 'url:https://gitlab.local/platform/ledger/-/tree/main/',
      workflow: 'main',
    });

    expect(started.provider).toBe('gitlab');
    expect(gitlab.pipelines).toHaveLength(1);
    expect(github.requests).toHaveLength(0);

    gitlab.pipelines[0].status = 'running';
    const progress = await trigger.follow({
      provider: started.provider,
      sourceLocation: 'url:https://gitlab.local/platform/ledger/-/tree/main/',
      workflow: 'main',
      rebuildId: base.rebuildId,
      runId: started.runId,
      dispatchedAt: started.dispatchedAt,
      ref: started.ref,
    });
    expect(progress).toMatchObject({ status: 'in_progress' });
  });

  it("looks for the run on the source location's host when the trigger never said which provider it used", async () => {
    await trigger.trigger({
      ...base,
      sourceLocation: 'url:https://gitlab.local/platform/ledger/-/tree/main/',
      workflow: 'main',
    });

    const progress = await trigger.follow({
      sourceLocation: 'url:https://gitlab.local/platform/ledger/-/tree/main/',
      workflow: 'main',
      rebuildId: base.rebuildId,
      dispatchedAt: new Date(START).toISOString(),
      ref: 'main',
    });

    expect(progress.runId).toBe(String(gitlab.pipelines[0].id));
    expect(github.requests).toHaveLength(0);
  });

  it('rejects a source location on a host no integration serves', async () => {
    await expect(
      trigger.trigger({
        ...base,
        sourceLocation: 'https://git.example.org/acme/payments/tree/main/',
        workflow: 'build.yml',
      }),
    ).rejects.toThrow(InputError);
    expect(github.requests).toHaveLength(0);
    expect(gitlab.requests).toHaveLength(0);
  });
});
