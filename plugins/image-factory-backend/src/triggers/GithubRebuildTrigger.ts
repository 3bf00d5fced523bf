import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  DefaultGithubCredentialsProvider,
  GithubCredentialsProvider,
  ScmIntegrationRegistry,
} from '@backstage/integration';
import { buildGithubInputs, GITHUB_INPUT_NAMES } from './buildRunParameters';
import { connectGithub, GithubConnection } from './connectGithub';
import { DispatchLimiter } from './DispatchLimiter';
import { findDispatchedRun } from './findDispatchedRun';
import { mapGithubRun } from './mapRunStatus';
import { readGithubFailure } from './readGithubFailure';
import { retryOnRateLimit } from './retryOnRateLimit';
import { scrubSecrets } from './scrubSecrets';
import { TriggerError } from './TriggerError';
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
 * Starts GitHub Actions `workflow_dispatch` runs and follows them (PRODUCT.md
 * §9), on github.com and GitHub Enterprise Server alike.
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
  }

  /** Whether a source location is on a host of `integrations.github`. */
  supports(sourceLocation: string): boolean {
    return Boolean(
      this.#integrations.github.byUrl(sourceLocation.replace(/^url:/, '')),
    );
  }

  async trigger(request: RebuildTriggerRequest): Promise<RebuildTriggerResult> {
    const connection = await this.#connect(request.sourceLocation);
    const { octokit, repository, apiBaseUrl } = connection;
    const { owner, repo } = repository;
    const branch =
      repository.branch ??
      (
        await this.#call(
          connection,
          `reading the default branch of ${owner}/${repo}`,
          () => octokit.rest.repos.get({ owner, repo }),
        )
      ).data.default_branch;
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
      sent = await this.#call(connection, what, () => dispatch(false));
    } else {
      try {
        sent = await this.#call(connection, what, () => dispatch(true), {
          raw: true,
        });
      } catch (error) {
        const failure = readGithubFailure(error);
        if (!failure || !rejectsRunDetails(failure.status, failure.message)) {
          throw this.#toTriggerError(error, connection, what);
        }
        sent = await this.#call(connection, what, () => dispatch(false));
        this.#withoutRunDetails.add(apiBaseUrl);
        this.#logger.info(
          `GitHub at ${apiBaseUrl} answered ${
            failure.status
          } to return_run_details (${scrubSecrets(
            failure.message,
            connection.secrets,
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
    this.#logger.info(
      `Dispatched ${request.workflow} on ${owner}/${repo}@${branch} for ${
        request.entityRef
      } (${request.trigger}, requested by ${request.requestedBy})${
        details?.workflow_run_id ? `: run ${details.workflow_run_id}` : ''
      }`,
    );
    return {
      provider: 'github',
      runId:
        details?.workflow_run_id !== undefined
          ? String(details.workflow_run_id)
          : undefined,
      runUrl: details?.html_url,
      status: 'queued',
      ref: branch,
      dispatchedAt: new Date(sent.dispatchedAt).toISOString(),
    };
  }

  async follow(request: FollowRunRequest): Promise<RunProgress> {
    const connection = await this.#connect(request.sourceLocation);
    const { octokit, repository } = connection;
    const { owner, repo } = repository;
    if (request.runId === undefined) {
      const found = await this.#call(
        connection,
        `listing runs of ${request.workflow} on ${owner}/${repo}@${request.branch}`,
        () =>
          findDispatchedRun(octokit, {
            owner,
            repo,
            workflow: request.workflow,
            branch: request.branch,
            dispatchedAt: Date.parse(request.dispatchedAt),
          }),
      );
      return found ?? { status: 'queued' };
    }
    const { data } = await this.#call(
      connection,
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

  #connect(sourceLocation: string): Promise<GithubConnection> {
    return connectGithub({
      sourceLocation,
      integrations: this.#integrations,
      credentialsProvider: this.#credentialsProvider,
      logger: this.#logger,
    });
  }

  /** Calls GitHub, waiting out rate limits; failures become {@link TriggerError}s. */
  async #call<T>(
    connection: GithubConnection,
    what: string,
    call: () => Promise<T>,
    options: { raw?: boolean } = {},
  ): Promise<T> {
    try {
      return await retryOnRateLimit(call, {
        readFailure: readGithubFailure,
        clock: this.#clock,
        maxWaitMs: this.#maxRateLimitWaitMs,
        maxAttempts: 3,
        onWait: (waitMs, failure) =>
          this.#logger.warn(
            `GitHub rate limit at ${connection.apiBaseUrl} (${
              failure.status
            }) while ${what}; waiting ${Math.ceil(waitMs / 1000)}s`,
          ),
      });
    } catch (error) {
      throw options.raw ? error : this.#toTriggerError(error, connection, what);
    }
  }

  #toTriggerError(
    error: unknown,
    connection: GithubConnection,
    what: string,
  ): TriggerError {
    if (error instanceof TriggerError) {
      return error;
    }
    const failure = readGithubFailure(error);
    let message = failure
      ? `GitHub answered ${failure.status} when ${what}: ${failure.message}`
      : `GitHub could not be reached when ${what}: ${
          error instanceof Error ? error.message : String(error)
        }`;
    if (failure && /unexpected inputs/i.test(failure.message)) {
      message += `. The workflow must declare the inputs ${Object.values(
        GITHUB_INPUT_NAMES,
      ).join(', ')} under on.workflow_dispatch.inputs`;
    }
    const triggerError = new TriggerError({
      provider: 'github',
      status: failure?.status,
      message: scrubSecrets(message, connection.secrets),
    });
    this.#logger.warn(triggerError.message);
    return triggerError;
  }
}
