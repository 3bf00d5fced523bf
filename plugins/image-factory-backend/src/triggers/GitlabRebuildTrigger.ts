import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  DefaultGitlabCredentialsProvider,
  GitlabCredentialsProvider,
  ScmIntegrationRegistry,
} from '@backstage/integration';
import { buildGitlabVariables } from './buildRunParameters';
import { createGitlabCaller, GitlabConnection } from './createGitlabCaller';
import { mapGitlabPipeline } from './mapRunStatus';
import { parseGitlabProject } from './parseRepositoryUrl';
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

interface Pipeline {
  id: number;
  status: string;
  web_url?: string;
}

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
    const { project, call } = await this.#connect(request.sourceLocation);
    const id = encodeURIComponent(project.path);
    const ref = /\.ya?ml$/i.test(request.workflow)
      ? project.branch ??
        (
          await call<{ default_branch: string }>(
            `reading the default branch of ${project.path}`,
            { path: `projects/${id}` },
          )
        ).default_branch
      : request.workflow;
    const dispatchedAt = this.#clock.now();
    const pipeline = await call<Pipeline>(
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
    const { project, call } = await this.#connect(request.sourceLocation);
    const id = encodeURIComponent(project.path);
    const pipeline = await call<Pipeline>(
      `reading pipeline ${request.runId} of ${project.path}`,
      {
        path: `projects/${id}/pipelines/${encodeURIComponent(request.runId)}`,
      },
    );
    return {
      ...mapGitlabPipeline(pipeline.status),
      runUrl: pipeline.web_url,
      runId: String(pipeline.id),
    };
  }

  async #connect(sourceLocation: string) {
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
    const connection: GitlabConnection = {
      apiBaseUrl: integration.config.apiBaseUrl,
      headers: headers ?? { authorization: `Bearer ${token}` },
      project,
      secrets: [token],
    };
    const call = createGitlabCaller({
      connection,
      clock: this.#clock,
      logger: this.#logger,
      maxRateLimitWaitMs: this.#maxRateLimitWaitMs,
    });
    return { project, call };
  }
}
