import { Entity } from '@backstage/catalog-model';
import { GITHUB_INPUT_NAMES } from '../triggers/buildRunParameters';

/** Test support: repositories `acme/<name>` on the GitHub stand-in, each with a build workflow and a Dockerfile. */
export function githubRepositories(names: string[], dockerfile: string) {
  return Object.fromEntries(
    names.map(name => [
      `acme/${name}`,
      {
        defaultBranch: 'main',
        branches: ['main'],
        workflows: { 'build.yml': Object.values(GITHUB_INPUT_NAMES) },
        files: { Dockerfile: dockerfile },
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
  const location = `url:https://ghe.local/acme/${name}/blob/main/catalog-info.yaml`;
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      annotations: {
        'backstage.io/managed-by-location': location,
        'backstage.io/managed-by-origin-location': location,
        'image-factory.io/image': `${options.registryHost}/acme/${name}`,
        'image-factory.io/workflow': 'build.yml',
        'image-factory.io/rebuild-delay': options.delay,
        ...options.annotations,
      },
    },
    spec: { type: 'service', owner: 'group:default/team', lifecycle: 'x' },
  };
}
