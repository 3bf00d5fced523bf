import { LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import {
  DefaultGithubCredentialsProvider,
  ScmIntegrations,
} from '@backstage/integration';
import { createHash } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { ImageFactoryConfig } from '../config/readImageFactoryConfig';
import { ensureLocalBareRepository } from './ensureLocalBareRepository';
import { resolveRemote } from './resolveRemote';
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
    ? () => credentialsFor(rootConfig, remote.url)
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

async function credentialsFor(config: Config, url: string) {
  const integrations = ScmIntegrations.fromConfig(config);
  if (integrations.github.byUrl(url)) {
    const { token } = await DefaultGithubCredentialsProvider.fromIntegrations(
      integrations,
    ).getCredentials({ url });
    return token ? { token } : undefined;
  }
  const token = integrations.gitlab.byUrl(url)?.config.token;
  return token ? { token, username: 'oauth2' } : undefined;
}
