import { Enrollment } from '../enrollment';
import { ImageState, InvalidStateFile } from '../state';

/**
 * Why the Image Factory holds an image as it is this run, whatever its freight
 * says (`ImageStatus.blockedBy`):
 *
 * - a state file of its name is invalid, so that file, and every other of its
 *   name, is kept as it is (see `keepInvalidStateFiles`): nothing done to the
 *   image could be recorded, so nothing is done until someone fixes the file.
 * - its entity no longer enrolls it, yet it is active: the mass-archive guard
 *   kept it (see `mergeStateWithinArchiveLimit`). Its catalog entry may be
 *   gone; no rebuild is sent on its behalf.
 *
 * - it is in a build cycle (`findBuildCycles`): rebuilding one image of the
 *   cycle would make the next stale, without end.
 *
 * @param frozen - invalid state files by the name they freeze (`invalidFilesByName`)
 * @param cycles - the images of each build cycle, by entity ref (`findBuildCycles`)
 */
export function blockersOf(
  image: ImageState,
  frozen: ReadonlyMap<string, readonly InvalidStateFile[]>,
  enrollment: Enrollment | undefined,
  cycles: ReadonlyMap<string, readonly string[]> = new Map(),
): string[] {
  const blockers = (frozen.get(image.name) ?? []).map(
    file =>
      `The state file ${file.path} is invalid (${file.error}) and is kept as it is, so the Image Factory records nothing for this image: no new digest, no rebuild. It must be fixed in the state repository (or deleted, to start this image's state afresh).`,
  );
  const enrolled =
    enrollment !== undefined &&
    (enrollment.image === null || enrollment.image === image.image);
  if (!enrolled) {
    blockers.push(
      `${image.entityRef} does not enroll ${image.image} in this run's catalog answer, yet the image was not archived: the run would have archived too many images at once (see its errors). It is not rebuilt until its entity enrolls it again or archiving is allowed.`,
    );
  }
  const cycle = cycles.get(image.entityRef);
  if (cycle) {
    blockers.push(
      cycle.length === 1
        ? `It builds on its own repository (${image.image}), so each rebuild would make it stale again, without end. It is not rebuilt until its Dockerfile builds on another image.`
        : `It is in a build cycle with ${cycle
            .filter(ref => ref !== image.entityRef)
            .join(
              ', ',
            )}: each builds, directly or not, on an image another of them builds, so each rebuild would make the next stale, without end. None of them is rebuilt until one of their Dockerfiles stops building on the others' images.`,
    );
  }
  return blockers;
}
