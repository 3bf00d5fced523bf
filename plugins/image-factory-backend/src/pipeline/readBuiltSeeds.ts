import { LoggerService } from '@backstage/backend-plugin-api';
import {
  BuiltImageSeed,
  Enrollment,
  newBaseImageRefs,
  StateTree,
} from '@image-factory/backstage-plugin-image-factory-common';
import { LOOKUPS_PER_HOST } from '../discovery/RegistryClient';
import { mapWithConcurrency } from '../discovery/mapWithConcurrency';
import { ImageReader, readBuiltImage } from '../rebuilds/readImageFacts';

/**
 * Reads what the pushed image of each managed image that uses a base image
 * for the first time says it was built on (`seedBuiltDigests`). Only images
 * with a new base image are read, so a steady fleet costs nothing. An image
 * that cannot be read, or says nothing, keeps the usual start: the current
 * digest. How many could not be read is logged once.
 */
export async function readBuiltSeeds(options: {
  registry: ImageReader;
  state: StateTree;
  previous: StateTree;
  enrollments: readonly Enrollment[];
  logger: LoggerService;
}): Promise<Map<string, BuiltImageSeed>> {
  const fresh = newBaseImageRefs(options.state, options.previous);
  const enrollments = new Map(options.enrollments.map(e => [e.entityRef, e]));
  const reads = options.state.images.flatMap(image => {
    const enrollment = enrollments.get(image.entityRef);
    return image.kind === 'managed' && enrollment && fresh.has(image.entityRef)
      ? [{ image, enrollment }]
      : [];
  });
  const failures: string[] = [];
  const seeds = new Map<string, BuiltImageSeed>();
  await mapWithConcurrency(reads, LOOKUPS_PER_HOST, async item => {
    try {
      const built = await readBuiltImage(
        options.registry,
        item.image.image,
        item.enrollment.imageTag,
        item.image.policy.platforms,
      );
      const said = built?.platforms.find(p => p.baseDigest);
      if (said?.baseDigest) {
        seeds.set(item.image.entityRef, {
          baseDigest: said.baseDigest,
          ...(said.baseName && { baseName: said.baseName }),
        });
      }
    } catch (error) {
      failures.push(`${item.image.image}: ${(error as Error).message}`);
    }
  });
  if (failures.length > 0) {
    options.logger.warn(
      `Could not read ${failures.length} enrolled image(s) for what they were built on; they count as built on the current digests. First: ${failures[0]}`,
    );
  }
  return seeds;
}
