import { LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { ServiceUnavailableError } from '@backstage/errors';
import {
  DefaultGithubCredentialsProvider,
  ScmIntegrations,
} from '@backstage/integration';
import { createHash } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { ImageFactoryConfig } from '../config/readImageFactoryConfig';
import { describeTokenFailure } from '../lib/describeTokenFailure';
import { ensureLocalBareRepository } from './ensureLocalBareRepository';
import { resolveRemote, StateRepositoryCredentials } from './resolveRemote';
import { StateRepository } from './StateRepository';

/**
 * Opens the configured state repository. With no URL, or a local path that does not
 * exist yet, it creates a bare repository on first start (the embedded default).
 * An `https://` URL (in any case) takes its token from Backstage's GitHub or
 * GitLab integration; an `http://` URL never gets one.
 *
 * @throws InputError for an unusable URL, and an `http://` URL with credentials
 */
export async function openStateRepository(options: {
  rootConfig: Config;
  config: ImageFactoryConfig;
  logger: LoggerService;
}): Promise<StateRepository> {
  const { rootConfig, config, logger } = options;
  const workRoot = path.resolve(
    rootConfig.getOptionalString('backend.workingDirectory') ?? os.tmpdir(),
    'image-factory',
  );
  const { branch, author, basePath } = config.stateRepository;
  const configured =
    config.stateRepository.url ?? path.join(workRoot, 'state.git');
  // Checked before anything is created, and the one place that tells HTTPS
  // (in any case) from the rest: an http:// URL with credentials is refused,
  // and so is a `user@host:path` that would otherwise become a local folder.
  const remote = resolveRemote(configured);
  const local = !/^[a-z][a-z0-9+.-]*:\/\//i.test(configured.trim());
  // A URL is passed as configured: its userinfo may hold the credentials.
  const url = local ? remote.url : configured;
  if (local) {
    const { created } = await ensureLocalBareRepository(url, branch, author);
    if (created) {
      logger.info(`Created the local state repository ${url}`);
    }
  }
  // A function, not a value: GitHub App tokens expire, so each push asks anew.
  const credentials = remote.https
    ? credentialsFor(rootConfig, remote.url)
    : undefined;
  return StateRepository.create({
    url,
    branch,
    basePath,
    author,
    logger,
    credentials,
    // One clone per repository and branch; a process owns its working directory.
    workDir: path.join(
      workRoot,
      `clone-${createHash('sha256')
        .update(`${url}#${branch}`)
        .digest('hex')
        .slice(0, 12)}`,
    ),
  });
}

// The GitHub credentials provider is made once: it keeps a GitHub App
// installation token until 10 minutes before it expires, where a provider per
// call would create a token for every fetch and push.
function credentialsFor(
  config: Config,
  url: string,
): () => Promise<StateRepositoryCredentials | undefined> {
  const integrations = ScmIntegrations.fromConfig(config);
  const github = integrations.github.byUrl(url);
  if (github) {
    const provider =
      DefaultGithubCredentialsProvider.fromIntegrations(integrations);
    const apiBaseUrl = github.config.apiBaseUrl ?? 'https://api.github.com';
    return async () => {
      const { token } = await provider
        .getCredentials({ url })
        .catch((error: unknown) => {
          const failure = describeTokenFailure(error, apiBaseUrl);
          throw new ServiceUnavailableError(
            `Could not get a GitHub App installation token for the state repository ${url}: ${failure.text}`,
          );
        });
      return token ? { token } : undefined;
    };
  }
  const token = integrations.gitlab.byUrl(url)?.config.token;
  return async () => (token ? { token, username: 'oauth2' } : undefined);
}
