import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  DefaultGithubCredentialsProvider,
  GithubCredentialsProvider,
  ScmIntegrationRegistry,
} from '@backstage/integration';
import { buildGithubInputs } from './buildRunParameters';
import { connectGithub, GithubConnection } from './connectGithub';
import { createGithubCaller, GithubCaller } from './createGithubCaller';
import { DispatchLimiter } from './DispatchLimiter';
import { findDispatchedRun } from './findDispatchedRun';
import { mapGithubRun } from './mapRunStatus';
import { readGithubFailure } from './readGithubFailure';
import { scrubSecrets } from '../lib/scrubSecrets';
import { startedNothing } from './TriggerError';
import {
  FollowRunRequest,
  RebuildTrigger,
  RebuildTriggerRequest,
  RebuildTriggerResult,
  RunProgress,
  systemClock,
  TriggerClock,
} from './types';

/**
 * Options of {@link GithubRebuildTrigger.create}.
 *
 * @public
 */
export interface GithubRebuildTriggerOptions {
  integrations: ScmIntegrationRegistry;
  logger: LoggerService;
  /** Defaults to `DefaultGithubCredentialsProvider.fromIntegrations(integrations)`. */
  credentialsProvider?: GithubCredentialsProvider;
  clock?: TriggerClock;
  /** Workflow dispatches per minute, at most; default 80 (GitHub's secondary limit). */
  dispatchesPerMinute?: number;
  /** A rate limit resetting later than this is reported instead of waited for; default 2 minutes. */
  maxRateLimitWaitMs?: number;
  /** How long one request may wait for its answer; default 30 seconds. */
  requestTimeoutMs?: number;
}

// 400/422 on a dispatch that asked for run details may just mean the server
// predates `return_run_details`; errors about inputs or the ref would repeat.
function rejectsRunDetails(status: number, message: string): boolean {
  return (
    (status === 400 || status === 422) &&
    (/return_run_details/.test(message) ||
      !/\binputs?\b|\bref\b/i.test(message))
  );
}

/**
 * Starts GitHub Actions `workflow_dispatch` runs and follows them
 * (docs/architecture.md, "Triggers"), on github.com and GitHub Enterprise
 * Server alike.
 *
 * @public
 */
export class GithubRebuildTrigger implements RebuildTrigger {
  readonly #integrations: ScmIntegrationRegistry;
  readonly #credentialsProvider: GithubCredentialsProvider;
  readonly #logger: LoggerService;
  readonly #clock: TriggerClock;
  readonly #limiter: DispatchLimiter;
  readonly #maxRateLimitWaitMs: number;
  readonly #requestTimeoutMs: number;
  /** API base URLs that answered a request for run details with 400/422. */
  readonly #withoutRunDetails = new Set<string>();

  static create(options: GithubRebuildTriggerOptions): GithubRebuildTrigger {
    return new GithubRebuildTrigger(options);
  }

  private constructor(options: GithubRebuildTriggerOptions) {
    this.#integrations = options.integrations;
    this.#credentialsProvider =
      options.credentialsProvider ??
      DefaultGithubCredentialsProvider.fromIntegrations(options.integrations);
    this.#logger = options.logger;
    this.#clock = options.clock ?? systemClock;
    this.#limiter = new DispatchLimiter({
      limit: options.dispatchesPerMinute ?? 80,
      intervalMs: 60_000,
      clock: this.#clock,
    });
    this.#maxRateLimitWaitMs = options.maxRateLimitWaitMs ?? 120_000;
    this.#requestTimeoutMs = options.requestTimeoutMs ?? 30_000;
  }

  /** Whether a source location is on a host of `integrations.github`. */
  supports(sourceLocation: string): boolean {
    return Boolean(
      this.#integrations.github.byUrl(sourceLocation.replace(/^url:/, '')),
    );
  }

  async trigger(request: RebuildTriggerRequest): Promise<RebuildTriggerResult> {
    const { octokit, repository, apiBaseUrl, secrets, caller } =
      await this.#connect(request.sourceLocation);
    const { owner, repo } = repository;
    const branch = await this.#branchOf({ octokit, repository, caller }).catch(
      error => {
        // Nothing is dispatched yet: whatever the answer, no run exists.
        throw startedNothing(error);
      },
    );
    const what = `dispatching ${request.workflow} on ${owner}/${repo}@${branch}`;
    const dispatch = async (withRunDetails: boolean) => {
      await this.#limiter.acquire();
      const dispatchedAt = this.#clock.now();
      const response = await octokit.rest.actions.createWorkflowDispatch({
        owner,
        repo,
        workflow_id: request.workflow,
        ref: branch,
        inputs: buildGithubInputs(request),
        ...(withRunDetails ? { return_run_details: true } : {}),
      });
      return { response, dispatchedAt };
    };

    let sent;
    if (this.#withoutRunDetails.has(apiBaseUrl)) {
      sent = await caller.call(what, () => dispatch(false));
    } else {
      try {
        sent = await caller.callRaw(what, () => dispatch(true));
      } catch (error) {
        const failure = readGithubFailure(error);
        if (!failure || !rejectsRunDetails(failure.status, failure.message)) {
          throw caller.fail(error, what);
        }
        sent = await caller.call(what, () => dispatch(false));
        this.#withoutRunDetails.add(apiBaseUrl);
        this.#logger.info(
          `GitHub at ${apiBaseUrl} answered ${
            failure.status
          } to return_run_details (${scrubSecrets(
            failure.message,
            secrets,
          )}); its runs are found by listing the workflow's runs`,
        );
      }
    }

    // Octokit's types predate `return_run_details`: a 200 carries the run.
    const answer = sent.response as { status: number; data: unknown };
    const details =
      answer.status === 200
        ? (answer.data as { workflow_run_id?: number; html_url?: string })
        : undefined;
    const runId =
      details?.workflow_run_id === undefined
        ? undefined
        : String(details.workflow_run_id);
    this.#logger.info(
      `Dispatched ${request.workflow} on ${owner}/${repo}@${branch} for ${
        request.entityRef
      } (${request.trigger}, requested by ${request.requestedBy})${
        runId ? `: run ${runId}` : ''
      }`,
    );
    return {
      provider: 'github',
      runId,
      runUrl: details?.html_url,
      status: 'queued',
      ref: branch,
      dispatchedAt: new Date(sent.dispatchedAt).toISOString(),
    };
  }

  async follow(request: FollowRunRequest): Promise<RunProgress> {
    const { octokit, repository, caller } = await this.#connect(
      request.sourceLocation,
    );
    const { owner, repo } = repository;
    if (request.runId === undefined) {
      const branch =
        request.ref || (await this.#branchOf({ octokit, repository, caller }));
      const found = await caller.call(
        `listing runs of ${request.workflow} on ${owner}/${repo}@${branch}`,
        () =>
          findDispatchedRun(octokit, {
            owner,
            repo,
            workflow: request.workflow,
            branch,
            rebuildId: request.rebuildId,
            dispatchedAt: Date.parse(request.dispatchedAt),
          }),
      );
      return found ?? { status: 'queued' };
    }
    const { data } = await caller.call(
      `reading run ${request.runId} of ${owner}/${repo}`,
      () =>
        octokit.rest.actions.getWorkflowRun({
          owner,
          repo,
          run_id: Number(request.runId),
        }),
    );
    return {
      ...mapGithubRun(data.status, data.conclusion),
      runUrl: data.html_url,
      runId: String(data.id),
    };
  }

  // The source location's branch, or the repository's default branch.
  async #branchOf(connection: {
    octokit: GithubConnection['octokit'];
    repository: GithubConnection['repository'];
    caller: GithubCaller;
  }): Promise<string> {
    const { octokit, repository, caller } = connection;
    if (repository.branch) {
      return repository.branch;
    }
    const { owner, repo } = repository;
    const { data } = await caller.call(
      `reading the default branch of ${owner}/${repo}`,
      () => octokit.rest.repos.get({ owner, repo }),
    );
    return data.default_branch;
  }

  async #connect(sourceLocation: string) {
    const connection = await connectGithub({
      sourceLocation,
      integrations: this.#integrations,
      credentialsProvider: this.#credentialsProvider,
      logger: this.#logger,
      requestTimeoutMs: this.#requestTimeoutMs,
    });
    const caller = createGithubCaller({
      connection,
      clock: this.#clock,
      logger: this.#logger,
      maxRateLimitWaitMs: this.#maxRateLimitWaitMs,
    });
    return { ...connection, caller };
  }
}
