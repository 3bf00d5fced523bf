import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  DefaultGitlabCredentialsProvider,
  GitlabCredentialsProvider,
  ScmIntegrationRegistry,
} from '@backstage/integration';
import { buildGitlabVariables } from './buildRunParameters';
import { GitlabHttpError, gitlabRequest } from './gitlabRequest';
import { mapGitlabPipeline } from './mapRunStatus';
import { GitlabProject, parseGitlabProject } from './parseRepositoryUrl';
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
 * Options of {@link GitlabRebuildTrigger.create}.
 *
 * @public
 */
export interface GitlabRebuildTriggerOptions {
  integrations: ScmIntegrationRegistry;
  logger: LoggerService;
  /** Defaults to `DefaultGitlabCredentialsProvider.fromIntegrations(integrations)`. */
  credentialsProvider?: GitlabCredentialsProvider;
  clock?: TriggerClock;
  /** A rate limit resetting later than this is reported instead of waited for; default 2 minutes. */
  maxRateLimitWaitMs?: number;
}

interface GitlabConnection {
  apiBaseUrl: string;
  headers: Record<string, string>;
  project: GitlabProject;
  secrets: string[];
}

interface Pipeline {
  id: number;
  status: string;
  web_url?: string;
}

const VARIABLES_FORBIDDEN =
  /insufficient permissions to set pipeline variables/i;

/**
 * Creates GitLab CI pipelines and follows them (PRODUCT.md §9), on gitlab.com
 * and self-hosted GitLab alike.
 *
 * The ref is the `image-factory.io/workflow` annotation, which names the
 * pipeline ref for GitLab (PRODUCT.md §4). A value that is a CI file name
 * (`.gitlab-ci.yml`) cannot select anything through the API, so the branch
 * of the source location is used for it.
 *
 * @public
 */
export class GitlabRebuildTrigger implements RebuildTrigger {
  readonly #integrations: ScmIntegrationRegistry;
  readonly #credentialsProvider: GitlabCredentialsProvider;
  readonly #logger: LoggerService;
  readonly #clock: TriggerClock;
  readonly #maxRateLimitWaitMs: number;

  static create(options: GitlabRebuildTriggerOptions): GitlabRebuildTrigger {
    return new GitlabRebuildTrigger(options);
  }

  private constructor(options: GitlabRebuildTriggerOptions) {
    this.#integrations = options.integrations;
    this.#credentialsProvider =
      options.credentialsProvider ??
      DefaultGitlabCredentialsProvider.fromIntegrations(options.integrations);
    this.#logger = options.logger;
    this.#clock = options.clock ?? systemClock;
    this.#maxRateLimitWaitMs = options.maxRateLimitWaitMs ?? 120_000;
  }

  /** Whether a source location is on a host of `integrations.gitlab`. */
  supports(sourceLocation: string): boolean {
    return Boolean(
      this.#integrations.gitlab.byUrl(sourceLocation.replace(/^url:/, '')),
    );
  }

  async trigger(request: RebuildTriggerRequest): Promise<RebuildTriggerResult> {
    const connection = await this.#connect(request.sourceLocation);
    const { project } = connection;
    const id = encodeURIComponent(project.path);
    const ref = /\.ya?ml$/i.test(request.workflow)
      ? project.branch ??
        (
          await this.#call<{ default_branch: string }>(
            connection,
            `reading the default branch of ${project.path}`,
            { path: `projects/${id}` },
          )
        ).default_branch
      : request.workflow;
    const dispatchedAt = this.#clock.now();
    const pipeline = await this.#call<Pipeline>(
      connection,
      `creating a pipeline on ${project.path}@${ref}`,
      {
        path: `projects/${id}/pipeline`,
        method: 'POST',
        body: { ref, variables: buildGitlabVariables(request) },
      },
    );
    this.#logger.info(
      `Created pipeline ${pipeline.id} on ${project.path}@${ref} for ${request.entityRef} (${request.trigger}, requested by ${request.requestedBy})`,
    );
    return {
      provider: 'gitlab',
      runId: String(pipeline.id),
      runUrl: pipeline.web_url,
      status: mapGitlabPipeline(pipeline.status).status,
      ref,
      dispatchedAt: new Date(dispatchedAt).toISOString(),
    };
  }

  async follow(request: FollowRunRequest): Promise<RunProgress> {
    if (request.runId === undefined) {
      throw new TriggerError({
        provider: 'gitlab',
        message: 'A GitLab pipeline is followed by its id, and none was given',
      });
    }
    const connection = await this.#connect(request.sourceLocation);
    const id = encodeURIComponent(connection.project.path);
    const pipeline = await this.#call<Pipeline>(
      connection,
      `reading pipeline ${request.runId} of ${connection.project.path}`,
      { path: `projects/${id}/pipelines/${encodeURIComponent(request.runId)}` },
    );
    return {
      ...mapGitlabPipeline(pipeline.status),
      runUrl: pipeline.web_url,
      runId: String(pipeline.id),
    };
  }

  async #connect(sourceLocation: string): Promise<GitlabConnection> {
    const url = sourceLocation.replace(/^url:/, '');
    const integration = this.#integrations.gitlab.byUrl(url);
    if (!integration) {
      throw new TriggerError({
        provider: 'gitlab',
        message: `No integrations.gitlab entry matches ${sourceLocation}`,
      });
    }
    const project = parseGitlabProject(url, integration.config.baseUrl);
    const { token, headers } = await this.#credentialsProvider.getCredentials({
      url,
    });
    if (!token) {
      throw new TriggerError({
        provider: 'gitlab',
        message: `No GitLab token for ${integration.config.host}: configure one under integrations.gitlab to create pipelines`,
      });
    }
    return {
      apiBaseUrl: integration.config.apiBaseUrl,
      headers: headers ?? { authorization: `Bearer ${token}` },
      project,
      secrets: [token],
    };
  }

  /** Calls GitLab, waiting out rate limits; failures become {@link TriggerError}s. */
  async #call<T>(
    connection: GitlabConnection,
    what: string,
    call: { path: string; method?: 'GET' | 'POST'; body?: unknown },
  ): Promise<T> {
    try {
      return await retryOnRateLimit(
        () =>
          gitlabRequest<T>({
            apiBaseUrl: connection.apiBaseUrl,
            headers: connection.headers,
            ...call,
          }),
        {
          readFailure: error =>
            error instanceof GitlabHttpError ? error.failure : undefined,
          clock: this.#clock,
          maxWaitMs: this.#maxRateLimitWaitMs,
          maxAttempts: 3,
          onWait: (waitMs, failure) =>
            this.#logger.warn(
              `GitLab rate limit at ${connection.apiBaseUrl} (${
                failure.status
              }) while ${what}; waiting ${Math.ceil(waitMs / 1000)}s`,
            ),
        },
      );
    } catch (error) {
      throw this.#toTriggerError(error, connection, what);
    }
  }

  #toTriggerError(
    error: unknown,
    connection: GitlabConnection,
    what: string,
  ): TriggerError {
    let message: string;
    let status: number | undefined;
    if (error instanceof GitlabHttpError) {
      status = error.failure.status;
      message = `GitLab answered ${status} when ${what}: ${error.failure.message}`;
      if (VARIABLES_FORBIDDEN.test(error.failure.message)) {
        message += `. The project ${connection.project.path} does not let the Image Factory's token set pipeline variables: its "Minimum role to use pipeline variables" (Settings > CI/CD > Variables; ci_pipeline_variables_minimum_override_role in the projects API) must be a role the token's user holds, such as developer or maintainer, not no_one_allowed, the default for new projects on gitlab.com`;
      }
    } else {
      message = `GitLab could not be reached when ${what}: ${
        error instanceof Error ? error.message : String(error)
      }`;
    }
    const triggerError = new TriggerError({
      provider: 'gitlab',
      status,
      message: scrubSecrets(message, connection.secrets),
    });
    this.#logger.warn(triggerError.message);
    return triggerError;
  }
}
