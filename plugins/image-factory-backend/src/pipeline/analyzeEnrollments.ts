import { Entity } from '@backstage/catalog-model';
import {
  AnalysisOutcome,
  analyzeDockerfile,
  BACKSTAGE_LOCATION_ANNOTATIONS,
  DockerfileAnalysis,
  Enrollment,
  IMAGE_FACTORY_ANNOTATIONS,
  mapInOrder,
} from '@image-factory/backstage-plugin-image-factory-common';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { DockerfileReader } from '../analysis/DockerfileReader';
import { DockerfileCacheRecord, ImageFactoryStore } from '../database';

/**
 * Dockerfiles read at once. Most reads are a conditional request that the
 * source host answers with 304, so a run waits on round trips, not on
 * bandwidth: a few in flight make a run of thousands take seconds, not minutes,
 * while staying well inside a Git host's concurrency limits.
 */
const READS_IN_FLIGHT = 16;

/** What the analysis step did, for the run summary. */
export interface AnalysisStepResult {
  outcomes: Map<string, AnalysisOutcome>;
  /** Dockerfiles parsed in this run (unchanged files are not). */
  parsed: number;
  errors: string[];
}

/**
 * Analyses the Dockerfile of every managed enrollment. A file whose ETag has not
 * moved keeps its cached analysis and analysis time, so an unchanged run parses
 * nothing and the merged state does not change. One failure never stops the rest.
 */
export async function analyzeEnrollments(options: {
  enrollments: readonly Enrollment[];
  entities: ReadonlyMap<string, Entity>;
  reader: DockerfileReader;
  store: ImageFactoryStore;
  now: Date;
  /** Entity refs to re-read and re-parse whatever their ETag says. */
  force?: ReadonlySet<string>;
  /** `imageFactory.safety.maxBaseImagesPerDockerfile`. */
  maxBaseImages: number;
}): Promise<AnalysisStepResult> {
  const { reader, store, now } = options;
  const outcomes = new Map<string, AnalysisOutcome>();
  const errors: string[] = [];
  const updates: DockerfileCacheRecord[] = [];
  let parsed = 0;
  const managed = options.enrollments.filter(
    e => e.kind === 'managed' && e.image !== null,
  );
  const caches = await store.getDockerfileCaches(
    managed.flatMap(e => (e.sourceLocation ? [dockerfileCacheKey(e)] : [])),
  );

  const analyzedAt = now.toISOString();
  // Read while earlier files are analysed, in the enrollments' order, holding
  // no more than READS_IN_FLIGHT files at once.
  const reads = mapInOrder(managed, READS_IN_FLIGHT, async enrollment => {
    const forced = options.force?.has(enrollment.entityRef) ?? false;
    if (!enrollment.sourceLocation) {
      return { enrollment, forced };
    }
    const cacheKey = dockerfileCacheKey(enrollment);
    const cached = caches.get(cacheKey);
    const read = await reader.read({
      sourceLocation: enrollment.sourceLocation,
      dockerfile: enrollment.dockerfile,
      entityFolder: entityFolderOf(options.entities.get(enrollment.entityRef)),
      etag: forced ? undefined : cached?.etag,
    });
    return { enrollment, forced, cacheKey, cached, read };
  });

  for await (const { enrollment, forced, cacheKey, cached, read } of reads) {
    if (!read) {
      outcomes.set(enrollment.entityRef, {
        status: 'failed',
        error: `No source location: set ${IMAGE_FACTORY_ANNOTATIONS.sourceLocation} or ${BACKSTAGE_LOCATION_ANNOTATIONS.sourceLocation}`,
        analyzedAt,
      });
      continue;
    }
    if (read.status === 'unchanged' && cached) {
      outcomes.set(enrollment.entityRef, cachedOutcome(cached));
      continue;
    }
    let outcome: AnalysisOutcome;
    if (read.status === 'failed') {
      outcome = { status: 'failed', error: read.error, analyzedAt };
    } else if (read.status === 'unchanged') {
      // A cache row vanished under us: read again next run.
      continue;
    } else {
      const contentHash = sha256(read.content);
      if (!forced && cached?.contentHash === contentHash) {
        outcomes.set(enrollment.entityRef, cachedOutcome(cached));
        updates.push({ ...cached, etag: read.etag });
        continue;
      }
      parsed += 1;
      try {
        const analysis = analyzeDockerfile(read.content, {
          buildArgs: enrollment.buildArgs,
          target: enrollment.target ?? undefined,
          platforms: enrollment.platforms,
        });
        checkBaseImageCount(analysis, options.maxBaseImages);
        outcome = { status: 'ok', analysis, analyzedAt };
      } catch (error) {
        outcome = {
          status: 'failed',
          error: (error as Error).message,
          analyzedAt,
        };
      }
      updates.push({
        location: cacheKey,
        etag: read.etag,
        contentHash,
        analyzedAt,
        ...(outcome.status === 'ok'
          ? { analysis: outcome.analysis }
          : { error: outcome.error }),
      });
    }
    if (outcome.status === 'failed') {
      errors.push(`${enrollment.entityRef}: ${outcome.error}`);
    }
    outcomes.set(enrollment.entityRef, outcome);
  }
  await store.putDockerfileCaches(updates);
  return { outcomes, parsed, errors };
}

// A Dockerfile naming hundreds of images is a mistake or an attack on the
// registries: each would be watched, and get a Warehouse. Failing its analysis
// keeps what the image tracked before.
function checkBaseImageCount(analysis: DockerfileAnalysis, max: number) {
  const count = new Set(analysis.baseImages.map(b => b.ref)).size;
  if (count > max) {
    throw new Error(
      `The Dockerfile names ${count} base images, more than the ${max} imageFactory.safety.maxBaseImagesPerDockerfile allows; nothing of it is tracked until it names fewer`,
    );
  }
}

function cachedOutcome(cached: {
  analysis?: unknown;
  error?: string;
  analyzedAt: string;
}): AnalysisOutcome {
  return cached.analysis
    ? {
        status: 'ok',
        analysis: cached.analysis as DockerfileAnalysis,
        analyzedAt: cached.analyzedAt,
      }
    : {
        status: 'failed',
        error: cached.error ?? 'unknown error',
        analyzedAt: cached.analyzedAt,
      };
}

// Build args, target and platforms change the result, so they are part of
// the key.
function dockerfileCacheKey(enrollment: Enrollment): string {
  const options = JSON.stringify([
    Object.entries(enrollment.buildArgs).sort(),
    enrollment.target,
    enrollment.platforms,
  ]);
  return `${enrollment.sourceLocation}${enrollment.dockerfile}#${sha256(
    options,
  ).slice(0, 16)}`;
}

// The only folder a `file:` source location may be read from. Only an entity
// whose own managed-by-location is `file:` has one; without it the reader
// refuses `file:` source locations, so an annotation on an entity registered
// from anywhere else cannot point the backend at its disk.
function entityFolderOf(entity: Entity | undefined): string | undefined {
  const location =
    entity?.metadata.annotations?.['backstage.io/managed-by-location'];
  if (!location?.startsWith('file:')) {
    return undefined;
  }
  const folder = path.dirname(location.slice('file:'.length));
  return `file:${folder.endsWith('/') ? folder : `${folder}/`}`;
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
