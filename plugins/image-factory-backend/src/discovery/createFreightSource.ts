import { LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { KargoFreightSource } from './KargoFreightSource';
import { RegistryClient } from './RegistryClient';
import { RegistryFreightSource } from './RegistryFreightSource';
import { RegistryPolicy } from './RegistryPolicy';
import { parsePlatform } from './selectPlatformDigests';
import { FreightSource } from './types';

/**
 * Builds the freight source `imageFactory.freightSource.type` names: `registry`
 * (the default) resolves tags itself within the {@link RegistryPolicy} and tracks
 * the platforms in `imageFactory.defaults.platforms` (default `linux/amd64`);
 * `kargo` reads Kargo `Freight` objects.
 *
 * @throws InputError for an unknown source type or a malformed platform.
 * @public
 */
export function createFreightSource(options: {
  config: Config;
  logger: LoggerService;
  policy: RegistryPolicy;
  fetch?: typeof fetch;
}): FreightSource {
  const { config, logger, policy } = options;
  const type =
    config.getOptionalString('imageFactory.freightSource.type') ?? 'registry';
  if (type === 'kargo') {
    return KargoFreightSource.fromConfig(config, { logger });
  }
  if (type !== 'registry') {
    throw new InputError(
      `imageFactory.freightSource.type must be registry or kargo, not "${type}"`,
    );
  }
  const platforms = config.getOptionalStringArray(
    'imageFactory.defaults.platforms',
  ) ?? ['linux/amd64'];
  for (const platform of platforms) {
    try {
      parsePlatform(platform);
    } catch (error) {
      throw new InputError('imageFactory.defaults.platforms', error);
    }
  }
  return RegistryFreightSource.create({
    client: RegistryClient.create({ policy, logger, fetch: options.fetch }),
    platforms,
  });
}
