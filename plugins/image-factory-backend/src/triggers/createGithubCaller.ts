import type { LoggerService } from '@backstage/backend-plugin-api';
import { GITHUB_INPUT_NAMES } from './buildRunParameters';
import type { GithubConnection } from './connectGithub';
import { readGithubFailure } from './readGithubFailure';
import { retryOnRateLimit } from './retryOnRateLimit';
import { scrubSecrets } from '../lib/scrubSecrets';
import { mayHaveBeenSent, TriggerError } from './TriggerError';
import type { TriggerClock } from './types';

/** Calls to one GitHub connection, with rate limits waited out. */
export interface GithubCaller {
  /** Runs a call; a failure becomes a {@link TriggerError} naming `what` was done. */
  call<T>(what: string, call: () => Promise<T>): Promise<T>;
  /** Runs a call; a failure is rethrown as it is, for the caller to inspect. */
  callRaw<T>(what: string, call: () => Promise<T>): Promise<T>;
  /** Turns a failure of `what` into a {@link TriggerError}, scrubbed, and logs it. */
  fail(error: unknown, what: string): TriggerError;
}

/** Builds the {@link GithubCaller} of a connection. */
export function createGithubCaller(options: {
  connection: GithubConnection;
  clock: TriggerClock;
  logger: LoggerService;
  maxRateLimitWaitMs: number;
}): GithubCaller {
  const { connection, clock, logger } = options;

  const callRaw = <T>(what: string, call: () => Promise<T>) =>
    retryOnRateLimit(call, {
      readFailure: readGithubFailure,
      clock,
      maxWaitMs: options.maxRateLimitWaitMs,
      maxAttempts: 3,
      onWait: (waitMs, failure) =>
        logger.warn(
          `GitHub rate limit at ${connection.apiBaseUrl} (${
            failure.status
          }) while ${what}; waiting ${Math.ceil(waitMs / 1000)}s`,
        ),
    });

  const fail = (error: unknown, what: string): TriggerError => {
    if (error instanceof TriggerError) {
      return error;
    }
    const failure = readGithubFailure(error);
    // An answer of 5xx, or none after the request left: GitHub may have acted.
    const outcomeUnknown = failure
      ? failure.status >= 500
      : mayHaveBeenSent(error);
    const reason = error instanceof Error ? error.message : String(error);
    let message;
    if (failure) {
      message = `GitHub answered ${failure.status} when ${what}: ${failure.message}`;
    } else if (outcomeUnknown) {
      message = `GitHub gave no answer when ${what}: ${reason}`;
    } else {
      message = `GitHub could not be reached when ${what}: ${reason}`;
    }
    if (failure && /unexpected inputs/i.test(failure.message)) {
      message += `. The workflow must declare the inputs ${Object.values(
        GITHUB_INPUT_NAMES,
      ).join(', ')} under on.workflow_dispatch.inputs`;
    }
    const triggerError = new TriggerError({
      provider: 'github',
      status: failure?.status,
      message: scrubSecrets(message, connection.secrets),
      outcomeUnknown,
    });
    logger.warn(triggerError.message);
    return triggerError;
  };

  return {
    callRaw,
    fail,
    async call(what, call) {
      try {
        return await callRaw(what, call);
      } catch (error) {
        throw fail(error, what);
      }
    },
  };
}
