import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { analyzeDockerfile } from '../../analysis';
import {
  DEFAULT_ENROLLMENT_DEFAULTS,
  parseEnrollment,
  type EnrollableEntity,
  type Enrollment,
} from '../../enrollment';
import type { AnalysisOutcome } from '../resolveAnalysis';

/** A real sha256 digest, of a label, so tests can name digests. */
export function digestOf(label: string): string {
  return `sha256:${createHash('sha256').update(label).digest('hex')}`;
}

/** An entity enrolling a managed image, the way catalog-info.yaml writes it. */
export function managedEntity(
  name: string,
  annotations: Record<string, string> = {},
): EnrollableEntity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      annotations: {
        'backstage.io/managed-by-location': `file:/srv/catalog/${name}/catalog-info.yaml`,
        'image-factory.io/image': `ghcr.io/acme/${name}`,
        ...annotations,
      },
    },
  };
}

/** Enrolls an entity with the product defaults; fails the test if it is not enrolled. */
export function enroll(entity: EnrollableEntity): Enrollment {
  const enrollment = parseEnrollment(entity, DEFAULT_ENROLLMENT_DEFAULTS);
  if (!enrollment) {
    throw new Error(`${entity.metadata.name} is not enrolled`);
  }
  return enrollment;
}

/** The outcome of analysing a Dockerfile text with the real analyzer. */
export function analyze(
  dockerfile: string,
  analyzedAt: string,
  enrollment?: Enrollment,
): AnalysisOutcome {
  try {
    const analysis = analyzeDockerfile(dockerfile, {
      buildArgs: enrollment?.buildArgs,
      target: enrollment?.target ?? undefined,
      platforms: enrollment?.platforms,
    });
    return { status: 'ok', analysis, analyzedAt };
  } catch (error) {
    return {
      status: 'failed',
      error: String((error as Error).message),
      analyzedAt,
    };
  }
}

const FLEET = join(__dirname, '..', '__fixtures__', 'fleet');

/**
 * The multi-image fixture: enrollments from fleet/entities.yaml and the real
 * analysis of each entity's Dockerfile (fleet/<entity>/<dockerfile>).
 */
export function loadFleet(analyzedAt: string): {
  enrollments: Enrollment[];
  analyses: Map<string, AnalysisOutcome>;
} {
  const entities = parseAllDocuments(
    readFileSync(join(FLEET, 'entities.yaml'), 'utf8'),
  ).map(doc => doc.toJS() as EnrollableEntity);
  const enrollments = entities.map(enroll);
  const analyses = new Map<string, AnalysisOutcome>();
  enrollments.forEach((enrollment, index) => {
    if (enrollment.kind === 'managed') {
      const file = join(
        FLEET,
        entities[index].metadata.name,
        enrollment.dockerfile,
      );
      analyses.set(
        enrollment.entityRef,
        analyze(readFileSync(file, 'utf8'), analyzedAt, enrollment),
      );
    }
  });
  return { enrollments, analyses };
}
