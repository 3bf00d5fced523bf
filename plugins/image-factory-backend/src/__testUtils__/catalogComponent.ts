import { Entity } from '@backstage/catalog-model';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Test support: a component as the catalog holds it when registered from
 * `location` (both managed-by annotations), with `annotations` besides.
 */
export function catalogComponent(options: {
  name: string;
  location: string;
  annotations?: Record<string, string>;
  spec?: { owner?: string; lifecycle?: string };
}): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: options.name,
      namespace: 'default',
      annotations: {
        'backstage.io/managed-by-location': options.location,
        'backstage.io/managed-by-origin-location': options.location,
        ...options.annotations,
      },
    },
    spec: {
      type: 'service',
      owner: 'group:default/a',
      lifecycle: 'x',
      ...options.spec,
    },
  };
}

/**
 * Test support: a component registered from `file:<folder>/catalog-info.yaml`,
 * with its Dockerfile written in `folder` (created if missing; no Dockerfile
 * when `dockerfile` is undefined). Owned by `group:default/a` unless `spec`
 * says otherwise.
 */
export function fileComponent(options: {
  folder: string;
  name: string;
  dockerfile?: string;
  annotations?: Record<string, string>;
  spec?: { owner?: string; lifecycle?: string };
}): Entity {
  const { folder, name, dockerfile, annotations, spec } = options;
  mkdirSync(folder, { recursive: true });
  if (dockerfile !== undefined) {
    writeFileSync(join(folder, 'Dockerfile'), dockerfile);
  }
  return catalogComponent({
    name,
    location: `file:${folder}/catalog-info.yaml`,
    annotations,
    spec,
  });
}
