import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { readImageFactoryConfig } from '../config/readImageFactoryConfig';
import { createFreightSource } from './createFreightSource';
import { RegistryClient } from './RegistryClient';
import { RegistryPolicy } from './RegistryPolicy';

// Through the real reader: the settings are what the plugin would read.
function create(imageFactory: object) {
  const config = readImageFactoryConfig(new ConfigReader({ imageFactory }));
  const logger = mockServices.logger.mock();
  return createFreightSource({
    config,
    logger,
    client: RegistryClient.create({
      policy: RegistryPolicy.create(config.registries),
      logger,
    }),
  });
}

describe('createFreightSource', () => {
  it('uses registry discovery unless Kargo is configured', () => {
    expect(create({}).type).toBe('registry');
    expect(create({ freightSource: { type: 'registry' } }).type).toBe(
      'registry',
    );
  });

  it('uses Kargo when freightSource.type is kargo', () => {
    const source = create({
      freightSource: {
        type: 'kargo',
        kubernetes: {
          url: 'https://kubernetes.acme.internal:6443',
          token: 't',
        },
      },
    });
    expect(source.type).toBe('kargo');
  });

  it('rejects an unknown source type', () => {
    expect(() => create({ freightSource: { type: 'flux' } })).toThrow(
      new InputError(
        'imageFactory.freightSource.type must be registry or kargo, not "flux"',
      ),
    );
  });

  it('rejects a malformed platform in imageFactory.defaults.platforms', () => {
    expect(() =>
      create({ defaults: { platforms: ['linux/amd64', 'arm64'] } }),
    ).toThrow(InputError);
    expect(() => create({ defaults: { platforms: ['arm64'] } })).toThrow(
      /"arm64" is not a platform/,
    );
  });
});
