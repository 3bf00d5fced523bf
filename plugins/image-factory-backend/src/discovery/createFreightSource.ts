import { LoggerService } from '@backstage/backend-plugin-api';
import { ImageFactoryConfig } from '../config/readImageFactoryConfig';
import { KargoFreightSource } from './KargoFreightSource';
import { RegistryClient } from './RegistryClient';
import { RegistryFreightSource } from './RegistryFreightSource';
import { FreightSource } from './types';

/**
 * Builds the freight source `imageFactory.freightSource.type` names: `registry`
 * (the default) resolves tags itself within the {@link RegistryPolicy} and tracks
 * the platforms in `imageFactory.defaults.platforms` (default `linux/amd64`);
 * `kargo` reads Kargo `Freight` objects. The registry client is the backend's
 * one, which signature checks share, so its tokens and rate-limit holds are too.
 *
 * @throws InputError when the `kargo` source has no way to the Kubernetes API.
 * @public
 */
export function createFreightSource(options: {
  config: ImageFactoryConfig;
  logger: LoggerService;
  client: RegistryClient;
}): FreightSource {
  const { config, logger, client } = options;
  if (config.freightSource.type === 'kargo') {
    return KargoFreightSource.fromConfig(config, { logger });
  }
  return RegistryFreightSource.create({
    client,
    platforms: config.defaults.platforms,
  });
}
