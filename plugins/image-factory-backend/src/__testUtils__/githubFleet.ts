import { Entity } from '@backstage/catalog-model';
import { GITHUB_INPUT_NAMES } from '../triggers/buildRunParameters';
import { catalogComponent } from './catalogComponent';
import { LocalGithubApi } from './localGithubApi';

/** Test support: repositories `acme/<name>` on the GitHub stand-in, each with a build workflow and a Dockerfile. */
export function githubRepositories(
  names: string[],
  dockerfile: string,
  dockerfiles: Record<string, string> = {},
) {
  return Object.fromEntries(
    names.map(name => [
      `acme/${name}`,
      {
        defaultBranch: 'main',
        branches: ['main'],
        workflows: { 'build.yml': Object.values(GITHUB_INPUT_NAMES) },
        files: { Dockerfile: dockerfiles[name] ?? dockerfile },
      },
    ]),
  );
}

/**
 * Test support: a component registered from `acme/<name>` on the GitHub
 * stand-in (host `ghe.local`), building `<registryHost>/acme/<name>` with the
 * repository's `build.yml`.
 */
export function githubComponent(options: {
  name: string;
  registryHost: string;
  delay: string;
  annotations?: Record<string, string>;
}): Entity {
  const { name } = options;
  return catalogComponent({
    name,
    location: `url:https://ghe.local/acme/${name}/blob/main/catalog-info.yaml`,
    annotations: {
      'image-factory.io/image': `${options.registryHost}/acme/${name}`,
      'image-factory.io/workflow': 'build.yml',
      'image-factory.io/rebuild-delay': options.delay,
      ...options.annotations,
    },
    spec: { owner: 'group:default/team' },
  });
}

/**
 * Test support: the config block (`integrations.github`) that points
 * Backstage's GitHub integration for host `ghe.local` at the stand-in.
 */
export function githubIntegrationConfig(github: LocalGithubApi, token: string) {
  return {
    integrations: {
      github: [{ host: 'ghe.local', apiBaseUrl: github.apiBaseUrl, token }],
    },
  };
}
