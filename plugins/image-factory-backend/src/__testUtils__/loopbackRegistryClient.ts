import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { readImageFactoryConfig } from '../config/readImageFactoryConfig';
import { RegistryClient } from '../discovery/RegistryClient';
import { RegistryPolicy } from '../discovery/RegistryPolicy';

/**
 * A registry client allowed to reach only the test registry at `host`, over
 * plain HTTP, as `imageFactory.registries` would configure it.
 */
export function loopbackRegistryClient(host: string): RegistryClient {
  return RegistryClient.create({
    policy: RegistryPolicy.create(
      readImageFactoryConfig(
        new ConfigReader({
          imageFactory: {
            registries: [{ host, insecure: true }],
            allowPublic: false,
          },
        }),
      ).registries,
    ),
    logger: mockServices.logger.mock(),
  });
}
