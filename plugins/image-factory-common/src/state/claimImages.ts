import type { Enrollment } from '../enrollment/types';
import { compareText } from './compareText';
import { imageKey } from './indexState';

/**
 * An enrollment that could not take effect because another entity enrolls the
 * same image: the one the state records owns it (else the smallest entity ref).
 *
 * @public
 */
export interface EnrollmentConflict {
  entityRef: string;
  image: string;
  ownerEntityRef: string;
  message: string;
}

/** Who owns which image in this run. */
export interface ClaimedImages {
  /** Usable enrollments by image key. */
  owned: Map<string, Enrollment>;
  /** Entity refs whose image annotation is invalid. */
  unusable: Set<string>;
  conflicts: EnrollmentConflict[];
}

/**
 * Gives each image to one enrollment. The entity the state already records for
 * an image keeps it, so a newcomer can never take over an image (and where its
 * rebuilds go) by having a smaller name; among newcomers the smallest entity
 * ref wins, whatever order the catalog listed the entities in.
 *
 * @param recorded - entity ref per image key, as the previous state records it
 */
export function claimImages(
  enrollments: readonly Enrollment[],
  recorded: ReadonlyMap<string, string> = new Map(),
): ClaimedImages {
  const claimed: ClaimedImages = {
    owned: new Map(),
    unusable: new Set(),
    conflicts: [],
  };
  const isRecorded = (e: Enrollment) =>
    e.image !== null && recorded.get(imageKey(e.kind, e.image)) === e.entityRef;
  const sorted = [...enrollments].sort(
    (a, b) =>
      Number(isRecorded(b)) - Number(isRecorded(a)) ||
      compareText(a.entityRef, b.entityRef),
  );
  for (const enrollment of sorted) {
    if (enrollment.image === null) {
      claimed.unusable.add(enrollment.entityRef);
      continue;
    }
    const key = imageKey(enrollment.kind, enrollment.image);
    const owner = claimed.owned.get(key);
    if (owner) {
      claimed.conflicts.push({
        entityRef: enrollment.entityRef,
        image: enrollment.image,
        ownerEntityRef: owner.entityRef,
        message: `${enrollment.image} is already enrolled by ${owner.entityRef}`,
      });
    } else {
      claimed.owned.set(key, enrollment);
    }
  }
  return claimed;
}
