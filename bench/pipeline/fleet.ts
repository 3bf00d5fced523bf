import type { Entity } from '@backstage/catalog-model';
import type { SourceHost } from './sourceHost';

/** The fleet's shape: every image builds on two of `baseImages` base images. */
export interface FleetShape {
  images: number;
  baseImages: number;
  /** The registry (`127.0.0.1:<port>`) holding the base and the managed images. */
  registry: string;
}

/**
 * The runs of every fleet before its churn runs: the first, two unchanged (no
 * tag due, then every tag due) and one after 10 % of the base images moved.
 */
export const FIXED_RUNS = 4;

/** The repository of base image `index` in the registry. */
export function baseRepository(index: number): string {
  return `base/image-${index}`;
}

/**
 * Each image builds on two base images (one shared family, one of its own slice),
 * through a global ARG and a multi-stage build, so the analysis does real work.
 */
function dockerfileOf(index: number, shape: FleetShape): string {
  const a = index % shape.baseImages;
  const b = (index * 7 + 3) % shape.baseImages;
  return [
    `ARG BASE=${shape.registry}/${baseRepository(a)}:1`,
    'FROM ${BASE} AS build',
    'RUN make build',
    `FROM ${shape.registry}/${baseRepository(b)}:1`,
    'COPY --from=build /out /app',
    'CMD ["/app/run"]',
    '',
  ].join('\n');
}

/** Puts every image's Dockerfile on the source host and returns the entities. */
export async function writeFleet(
  shape: FleetShape,
  source: SourceHost,
): Promise<Entity[]> {
  const dockerfiles = new Map<string, string>();
  const entities = Array.from({ length: shape.images }, (_, i): Entity => {
    const name = `service-${i}`;
    dockerfiles.set(name, dockerfileOf(i, shape));
    return {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name,
        namespace: 'default',
        annotations: {
          'backstage.io/source-location': source.sourceLocation(name),
          'image-factory.io/image': `${shape.registry}/acme/${name}`,
          'image-factory.io/workflow': 'build.yml',
        },
      },
      spec: {
        type: 'service',
        owner: `group:default/team-${i % 40}`,
        lifecycle: 'production',
      },
    };
  });
  await source.serve(dockerfiles);
  return entities;
}
