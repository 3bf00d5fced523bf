import { LoggerService } from '@backstage/backend-plugin-api';
import {
  ImageStatus,
  nextDigestBefore,
  parseImageReference,
  RebuildBaseDigest,
  shortDigest,
} from '@image-factory/backstage-plugin-image-factory-common';
import type { RegistryClient } from '../discovery/RegistryClient';

/** What {@link pinServedDigests} asks of the registries. */
export type ManifestChecker = Pick<RegistryClient, 'hasManifest'>;

/**
 * Checks, just before a rebuild is sent, that each digest it pins is still
 * served by its registry (`HEAD`): publishers delete old digests, and a build
 * on a deleted one fails. A deleted digest is replaced by the newest older one
 * that may be built on and is still served (`nextDigestBefore`), and a note
 * says so for the rebuild's reason. A registry that cannot answer leaves the
 * digest as it is: the build will tell, and one registry never stops a rebuild
 * on the others.
 */
export async function pinServedDigests(
  registry: ManifestChecker,
  status: ImageStatus,
  digests: readonly RebuildBaseDigest[],
  logger: LoggerService,
): Promise<{ digests: RebuildBaseDigest[]; notes: string[] }> {
  const pinned: RebuildBaseDigest[] = [];
  const notes: string[] = [];
  for (const pin of digests) {
    const base = status.baseImages.find(b => b.ref === pin.ref);
    let reference;
    try {
      reference = parseImageReference(pin.ref);
    } catch {
      pinned.push(pin);
      continue;
    }
    const gone = new Set<string>();
    let digest: string | undefined = pin.digest;
    while (digest !== undefined) {
      let served: boolean;
      try {
        served = await registry.hasManifest({
          registry: reference.registry,
          repository: reference.repository,
          digest,
        });
      } catch (error) {
        logger.warn(
          `Could not check that ${
            pin.ref
          }@${digest} is still served before rebuilding ${status.entityRef}: ${
            (error as Error).message
          }`,
        );
        served = true;
      }
      if (served) break;
      gone.add(digest);
      digest = base ? nextDigestBefore(base, digest, gone) : undefined;
    }
    if (gone.size === 0) {
      pinned.push(pin);
    } else if (digest === undefined) {
      // Nothing older may be built on: the build is left to fail visibly.
      pinned.push(pin);
      notes.push(
        `${shortDigest(pin.digest)} of ${
          pin.ref
        } is gone from its registry, and no digest it may be built on instead is left`,
      );
    } else {
      pinned.push({ ref: pin.ref, digest });
      notes.push(
        `${shortDigest(pin.digest)} of ${
          pin.ref
        } is gone from its registry, so it is built on ${shortDigest(digest)}`,
      );
    }
  }
  return { digests: pinned, notes };
}
