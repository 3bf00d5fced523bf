import { LoggerService } from '@backstage/backend-plugin-api';
import { ImageFactoryConfig } from '../config/readImageFactoryConfig';
import { KargoFreightSource } from './KargoFreightSource';
import { RegistryClient } from './RegistryClient';
import { RegistryFreightSource } from './RegistryFreightSource';
import { RegistryPolicy } from './RegistryPolicy';
import { FreightSource } from './types';

/**
 * Builds the freight source `imageFactory.freightSource.type` names: `registry`
 * (the default) resolves tags itself within the {@link RegistryPolicy} and tracks
 * the platforms in `imageFactory.defaults.platforms` (default `linux/amd64`);
 * `kargo` reads Kargo `Freight` objects.
 *
 * @throws InputError when the `kargo` source has no way to the Kubernetes API.
 * @public
 */
export function createFreightSource(options: {
  config: ImageFactoryConfig;
  logger: LoggerService;
  policy: RegistryPolicy;
  fetch?: typeof fetch;
}): FreightSource {
  const { config, logger, policy } = options;
  if (config.freightSource.type === 'kargo') {
    return KargoFreightSource.fromConfig(config, { logger });
  }
  return RegistryFreightSource.create({
    client: RegistryClient.create({ policy, logger, fetch: options.fetch }),
    platforms: config.defaults.platforms,
  });
}
