import type { LoggerService } from '@backstage/backend-plugin-api';
import type {
  GithubCredentialsProvider,
  ScmIntegrationRegistry,
} from '@backstage/integration';
import { Octokit } from '@octokit/rest';
import { GithubRepository, parseGithubRepository } from './parseRepositoryUrl';
import { describeTokenFailure } from '../lib/describeTokenFailure';
import { scrubSecrets } from '../lib/scrubSecrets';
import { TriggerError } from './TriggerError';

/** An authenticated client for the GitHub host of one repository. */
export interface GithubConnection {
  octokit: Octokit;
  repository: GithubRepository;
  /** The integration's API base URL: github.com or a GitHub Enterprise Server. */
  apiBaseUrl: string;
  /** Values that must never appear in a message or a log line. */
  secrets: string[];
}

/**
 * Finds the `integrations.github` entry for a source location's host, asks
 * the credentials provider for a token (personal token or GitHub App
 * installation) and builds an Octokit client on the integration's API URL.
 */
export async function connectGithub(options: {
  sourceLocation: string;
  integrations: ScmIntegrationRegistry;
  credentialsProvider: GithubCredentialsProvider;
  logger: LoggerService;
  /** How long one request may wait for its answer. */
  requestTimeoutMs: number;
}): Promise<GithubConnection> {
  const repository = parseGithubRepository(options.sourceLocation);
  const integration = options.integrations.github.byUrl(repository.url);
  if (!integration) {
    throw new TriggerError({
      provider: 'github',
      message: `No integrations.github entry matches ${
        new URL(repository.url).host
      }`,
    });
  }
  const apiBaseUrl = integration.config.apiBaseUrl ?? 'https://api.github.com';
  const { token } = await options.credentialsProvider
    .getCredentials({ url: repository.url })
    .catch((error: unknown) => {
      const failure = describeTokenFailure(error, apiBaseUrl);
      // Refused before any dispatch was sent: certainly no run.
      throw new TriggerError({
        provider: 'github',
        status: failure.status,
        message: `Could not get a GitHub App installation token for ${repository.url}: ${failure.text}`,
      });
    });
  if (!token) {
    throw new TriggerError({
      provider: 'github',
      message: `No GitHub credentials for ${integration.config.host}: configure a token or a GitHub App under integrations.github to start workflows`,
    });
  }
  const secrets = [token];
  // Octokit's request log passes the request options, authorization header
  // included, as extra arguments: only the scrubbed message is kept.
  const log = (write: (message: string) => void) => (message: unknown) =>
    write(scrubSecrets(String(message), secrets));
  const octokit = new Octokit({
    baseUrl: apiBaseUrl,
    auth: token,
    userAgent: 'backstage-plugin-image-factory',
    request: {
      // A request with no answer must end: a dispatch is then `dispatched`.
      fetch: (url: string, init: RequestInit = {}) =>
        fetch(url, {
          ...init,
          signal: init.signal ?? AbortSignal.timeout(options.requestTimeoutMs),
        }),
    },
    log: {
      debug: log(message => options.logger.debug(message)),
      info: log(message => options.logger.debug(message)),
      warn: log(message => options.logger.warn(message)),
      error: log(message => options.logger.debug(message)),
    },
  });
  return { octokit, repository, apiBaseUrl, secrets };
}
