import type { LoggerService } from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  ScmIntegrationRegistry,
  ScmIntegrations,
} from '@backstage/integration';
import { GithubRebuildTrigger } from './GithubRebuildTrigger';
import { GitlabRebuildTrigger } from './GitlabRebuildTrigger';
import type {
  FollowRunRequest,
  RebuildTrigger,
  RebuildTriggerRequest,
  RebuildTriggerResult,
  RunProgress,
  TriggerClock,
} from './types';

/**
 * Options of {@link ScmRebuildTrigger.create}.
 *
 * @public
 */
export interface ScmRebuildTriggerOptions {
  integrations: ScmIntegrationRegistry;
  logger: LoggerService;
  clock?: TriggerClock;
  /** GitHub workflow dispatches per minute, at most; default 80. */
  dispatchesPerMinute?: number;
  /** A rate limit resetting later than this is reported instead of waited for; default 2 minutes. */
  maxRateLimitWaitMs?: number;
  /** How long one request may wait for its answer; default 30 seconds. */
  requestTimeoutMs?: number;
}

/**
 * The rebuild trigger of the backend: sends each rebuild to GitHub Actions or
 * GitLab CI, whichever of Backstage's `integrations` serves the host of the
 * image's source location, and follows the run with the same provider.
 *
 * @public
 */
export class ScmRebuildTrigger implements RebuildTrigger {
  readonly #github: GithubRebuildTrigger;
  readonly #gitlab: GitlabRebuildTrigger;

  /** Reads `integrations` from the root config. */
  static fromConfig(
    config: Config,
    options: Omit<ScmRebuildTriggerOptions, 'integrations'>,
  ): ScmRebuildTrigger {
    return ScmRebuildTrigger.create({
      ...options,
      integrations: ScmIntegrations.fromConfig(config),
    });
  }

  static create(options: ScmRebuildTriggerOptions): ScmRebuildTrigger {
    return new ScmRebuildTrigger(options);
  }

  private constructor(options: ScmRebuildTriggerOptions) {
    this.#github = GithubRebuildTrigger.create(options);
    this.#gitlab = GitlabRebuildTrigger.create(options);
  }

  trigger(request: RebuildTriggerRequest): Promise<RebuildTriggerResult> {
    if (this.#github.supports(request.sourceLocation)) {
      return this.#github.trigger(request);
    }
    if (this.#gitlab.supports(request.sourceLocation)) {
      return this.#gitlab.trigger(request);
    }
    return Promise.reject(
      new InputError(
        `No GitHub or GitLab integration serves ${request.sourceLocation}: add its host under integrations.github or integrations.gitlab`,
      ),
    );
  }

  follow(request: FollowRunRequest): Promise<RunProgress> {
    if (request.provider === 'github') {
      return this.#github.follow(request);
    }
    if (request.provider === 'gitlab') {
      return this.#gitlab.follow(request);
    }
    // The trigger never said: the host decides, as it did for the trigger.
    if (this.#github.supports(request.sourceLocation)) {
      return this.#github.follow(request);
    }
    if (this.#gitlab.supports(request.sourceLocation)) {
      return this.#gitlab.follow(request);
    }
    return Promise.reject(
      new InputError(
        `No GitHub or GitLab integration serves ${request.sourceLocation}: add its host under integrations.github or integrations.gitlab`,
      ),
    );
  }
}
