import type { LoggerService } from '@backstage/backend-plugin-api';
import { GitlabHttpError, gitlabRequest } from './gitlabRequest';
import type { GitlabProject } from './parseRepositoryUrl';
import { retryOnRateLimit } from './retryOnRateLimit';
import { scrubSecrets } from '../lib/scrubSecrets';
import { mayHaveBeenSent, TriggerError } from './TriggerError';
import type { TriggerClock } from './types';

/** One authenticated GitLab project. */
export interface GitlabConnection {
  apiBaseUrl: string;
  headers: Record<string, string>;
  project: GitlabProject;
  /** Values that must never appear in a message or a log line. */
  secrets: string[];
}

/** A REST call relative to the API base URL. */
export interface GitlabCall {
  path: string;
  method?: 'GET' | 'POST';
  body?: unknown;
}

/**
 * Calls to one GitLab project, with rate limits waited out; a failure becomes
 * a {@link TriggerError} naming `what` was done.
 */
export type GitlabCaller = <T>(what: string, call: GitlabCall) => Promise<T>;

const VARIABLES_FORBIDDEN =
  /insufficient permissions to set pipeline variables/i;

function describeFailure(
  error: unknown,
  connection: GitlabConnection,
  what: string,
) {
  if (!(error instanceof GitlabHttpError)) {
    // No answer: GitLab may have acted unless the request never left.
    const outcomeUnknown = mayHaveBeenSent(error);
    const reason = error instanceof Error ? error.message : String(error);
    return {
      status: undefined,
      outcomeUnknown,
      message: outcomeUnknown
        ? `GitLab gave no answer when ${what}: ${reason}`
        : `GitLab could not be reached when ${what}: ${reason}`,
    };
  }
  const { status, message: answer } = error.failure;
  let message = `GitLab answered ${status} when ${what}: ${answer}`;
  if (VARIABLES_FORBIDDEN.test(answer)) {
    message +=
      `. The project ${connection.project.path} does not let the Image Factory's token set pipeline variables: ` +
      'its "Minimum role to use pipeline variables" (Settings > CI/CD > Variables; ' +
      "ci_pipeline_variables_minimum_override_role in the projects API) must be a role the token's user holds, " +
      'such as developer or maintainer, not no_one_allowed, the default for new projects on gitlab.com';
  }
  return { status, outcomeUnknown: status >= 500, message };
}

/** Builds the {@link GitlabCaller} of a connection. */
export function createGitlabCaller(options: {
  connection: GitlabConnection;
  clock: TriggerClock;
  logger: LoggerService;
  maxRateLimitWaitMs: number;
  /** How long one request may wait for its answer. */
  requestTimeoutMs: number;
}): GitlabCaller {
  const { connection, clock, logger } = options;
  return async <T>(what: string, call: GitlabCall): Promise<T> => {
    try {
      return await retryOnRateLimit(
        () =>
          gitlabRequest<T>({
            apiBaseUrl: connection.apiBaseUrl,
            headers: connection.headers,
            timeoutMs: options.requestTimeoutMs,
            ...call,
          }),
        {
          readFailure: error =>
            error instanceof GitlabHttpError ? error.failure : undefined,
          clock,
          maxWaitMs: options.maxRateLimitWaitMs,
          maxAttempts: 3,
          onWait: (waitMs, failure) =>
            logger.warn(
              `GitLab rate limit at ${connection.apiBaseUrl} (${
                failure.status
              }) while ${what}; waiting ${Math.ceil(waitMs / 1000)}s`,
            ),
        },
      );
    } catch (error) {
      const { status, outcomeUnknown, message } = describeFailure(
        error,
        connection,
        what,
      );
      const triggerError = new TriggerError({
        provider: 'gitlab',
        status,
        message: scrubSecrets(message, connection.secrets),
        outcomeUnknown,
      });
      logger.warn(triggerError.message);
      throw triggerError;
    }
  };
}
