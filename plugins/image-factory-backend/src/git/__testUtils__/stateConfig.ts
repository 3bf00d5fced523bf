import { ImageFactoryConfig } from '../../config/readImageFactoryConfig';

/** Test support: the plugin's config with only a state repository at `url`. */
export function stateConfig(url: string): ImageFactoryConfig {
  return {
    stateRepository: {
      url,
      branch: 'main',
      basePath: '',
      author: { name: 'Image Factory', email: 'factory@example.com' },
    },
  } as ImageFactoryConfig;
}
