import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  DefaultGitlabCredentialsProvider,
  GitlabCredentialsProvider,
  ScmIntegrationRegistry,
} from '@backstage/integration';
import { buildGitlabVariables } from './buildRunParameters';
import {
  createGitlabCaller,
  GitlabCaller,
  GitlabConnection,
} from './createGitlabCaller';
import { findCreatedPipeline } from './findCreatedPipeline';
import { mapGitlabPipeline } from './mapRunStatus';
import { GitlabProject, parseGitlabProject } from './parseRepositoryUrl';
import { startedNothing, TriggerError } from './TriggerError';
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
  /** How long one request may wait for its answer; default 30 seconds. */
  requestTimeoutMs?: number;
}

interface Pipeline {
  id: number;
  status: string;
  web_url?: string;
}

/**
 * Creates GitLab CI pipelines and follows them (docs/architecture.md,
 * "Triggers"), on gitlab.com and self-hosted GitLab alike.
 *
 * The ref is the `image-factory.io/workflow` annotation, which names the
 * pipeline ref for GitLab (docs/annotations.md, "The annotations"). A value
 * that is a CI file name (`.gitlab-ci.yml`) cannot select anything through
 * the API, so the branch of the source location is used for it.
 *
 * @public
 */
export class GitlabRebuildTrigger implements RebuildTrigger {
  readonly #integrations: ScmIntegrationRegistry;
  readonly #credentialsProvider: GitlabCredentialsProvider;
  readonly #logger: LoggerService;
  readonly #clock: TriggerClock;
  readonly #maxRateLimitWaitMs: number;
  readonly #requestTimeoutMs: number;

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
    this.#requestTimeoutMs = options.requestTimeoutMs ?? 30_000;
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
    const ref = await this.#refOf(project, request.workflow, call).catch(
      error => {
        // Nothing is created yet: whatever the answer, no pipeline exists.
        throw startedNothing(error);
      },
    );
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
    const { project, call } = await this.#connect(request.sourceLocation);
    const id = encodeURIComponent(project.path);
    if (request.runId === undefined) {
      const found = await findCreatedPipeline(call, {
        project,
        ref:
          request.ref || (await this.#refOf(project, request.workflow, call)),
        rebuildId: request.rebuildId,
        dispatchedAt: Date.parse(request.dispatchedAt),
      });
      return found
        ? {
            ...mapGitlabPipeline(found.status),
            runUrl: found.web_url,
            runId: String(found.id),
          }
        : { status: 'queued' };
    }
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

  // The workflow annotation names the ref, unless it is a CI file name: then
  // the source location's branch, or the project's default branch.
  async #refOf(
    project: GitlabProject,
    workflow: string,
    call: GitlabCaller,
  ): Promise<string> {
    if (!/\.ya?ml$/i.test(workflow)) {
      return workflow;
    }
    if (project.branch) {
      return project.branch;
    }
    const { default_branch: branch } = await call<{ default_branch: string }>(
      `reading the default branch of ${project.path}`,
      { path: `projects/${encodeURIComponent(project.path)}` },
    );
    return branch;
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
      requestTimeoutMs: this.#requestTimeoutMs,
    });
    return { project, call };
  }
}
