import fc from 'fast-check';
import type { BaseImageUse, DockerfileAnalysis } from '../../analysis';
import type { Enrollment } from '../../enrollment';
import { formatImageReference, type ImageReference } from '../../references';
import type { AnalysisOutcome } from '../resolveAnalysis';

const segment = fc.stringMatching(/^[a-z0-9]{1,12}([._-][a-z0-9]{1,8}){0,2}$/);

/** Registries: Docker Hub, public hosts, a private host with a port. */
const registryArb = fc.constantFrom(
  'docker.io',
  'ghcr.io',
  'quay.io',
  'gcr.io',
  'registry.acme.internal:5000',
);

/** Random normalized image references: a tag, a digest, or both. */
export const imageReferenceArb: fc.Arbitrary<ImageReference> = fc
  .record({
    registry: registryArb,
    path: fc.array(segment, { minLength: 1, maxLength: 3 }),
    tag: fc.option(fc.stringMatching(/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,40}$/), {
      nil: null,
    }),
    digest: fc.option(
      fc.stringMatching(/^[a-f0-9]{64}$/).map(hex => `sha256:${hex}`),
      {
        nil: null,
      },
    ),
  })
  .map(({ registry, path, tag, digest }) => ({
    registry,
    repository:
      registry === 'docker.io' && path.length === 1
        ? `library/${path[0]}`
        : path.join('/'),
    tag: tag ?? (digest ? null : 'latest'),
    digest,
  }));

/** {@link imageReferenceArb}, formatted. */
export const imageRefArb = imageReferenceArb.map(formatImageReference);

/** One run's inputs for the merge, drawn from a shared pool of references. */
export interface MergeScenario {
  enrollments: Enrollment[];
  analyses: Map<string, AnalysisOutcome>;
}

const ENTITY_NAMES = ['alpha', 'beta', 'gamma', 'delta', 'epsilon'];

const AMD64 = 'linux/amd64';
const ARM64 = 'linux/arm64';

function use(
  ref: ImageReference,
  line: number,
  platforms: readonly string[] | undefined,
): BaseImageUse {
  return {
    ...ref,
    ref: formatImageReference(ref),
    instruction: 'FROM',
    stages: [`#${line}`],
    line,
    ...(platforms && { platforms: [...platforms] }),
  };
}

/**
 * Runs of the merge over one pool of references: managed images (some named
 * after a pooled repository, so base images become managed), external images,
 * and analyses that succeed, fail or are missing. Images build for
 * linux/amd64, or for linux/amd64 and linux/arm64 with some base images used
 * for one of them only.
 */
export function mergeScenarioArb(
  pool: ImageReference[],
  analyzedAt: string,
): fc.Arbitrary<MergeScenario> {
  const image = fc.record({
    name: fc.constantFrom(...ENTITY_NAMES),
    namespace: fc.constantFrom('default', 'team'),
    kind: fc.constantFrom('managed', 'managed', 'external'),
    repository: fc.option(fc.constantFrom(...pool), { nil: undefined }),
    external: fc.constantFrom(...pool),
    uses: fc.subarray(pool),
    // An image built for both platforms may use a base image for one of them
    // only (`FROM golang:1.22-$TARGETARCH`): per pooled reference, which.
    platforms: fc.constantFrom([AMD64], [AMD64, ARM64]),
    onlyFor: fc.array(fc.constantFrom(undefined, undefined, [AMD64], [ARM64]), {
      minLength: pool.length,
      maxLength: pool.length,
    }),
    outcome: fc.constantFrom('ok', 'ok', 'failed', 'none'),
    delay: fc.constantFrom('7d', '36h', '0'),
    // An invalid image annotation leaves the enrollment without an image.
    usable: fc.constantFrom(true, true, true, false),
  });
  return fc
    .uniqueArray(image, {
      selector: i => `${i.namespace}/${i.name}`,
      maxLength: 5,
    })
    .map(images => {
      const enrollments: Enrollment[] = [];
      const analyses = new Map<string, AnalysisOutcome>();
      for (const i of images) {
        const entityRef = `component:${i.namespace}/${i.name}`;
        const managed = i.kind === 'managed';
        const repository = i.repository
          ? formatImageReference({ ...i.repository, tag: null, digest: null })
          : `ghcr.io/acme/${i.name}`;
        const enrolled = managed
          ? repository
          : formatImageReference(i.external);
        enrollments.push({
          entityRef,
          kind: managed ? 'managed' : 'external',
          image: i.usable ? enrolled : null,
          imageTag: 'latest',
          dockerfile: 'Dockerfile',
          sourceLocation: `url:https://github.com/acme/${i.name}/tree/main/`,
          buildArgs: {},
          target: null,
          rebuildDelay: i.delay,
          autoRebuild: true,
          workflow: 'build.yml',
          priority: 'normal',
          platforms: [...i.platforms],
          errors: i.usable
            ? []
            : [{ annotation: 'image-factory.io/image', message: 'invalid' }],
        });
        if (managed && i.outcome === 'ok') {
          const analysis: DockerfileAnalysis = {
            baseImages: i.uses.map((ref, index) =>
              use(
                ref,
                index + 1,
                // As the analysis: only for some of the image's platforms.
                i.platforms.length > 1
                  ? i.onlyFor[pool.indexOf(ref)]
                  : undefined,
              ),
            ),
            frontend: null,
            stages: i.uses.map((_, index) => ({ name: null, index })),
            warnings: [],
          };
          analyses.set(entityRef, { status: 'ok', analysis, analyzedAt });
        } else if (managed && i.outcome === 'failed') {
          analyses.set(entityRef, {
            status: 'failed',
            error: 'the Dockerfile has no FROM instruction',
            analyzedAt,
          });
        }
      }
      return { enrollments, analyses };
    });
}
