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
 * @param frozen - invalid state files by the name they freeze (`invalidFilesByName`)
 */
export function blockersOf(
  image: ImageState,
  frozen: ReadonlyMap<string, readonly InvalidStateFile[]>,
  enrollment: Enrollment | undefined,
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
  return blockers;
}
