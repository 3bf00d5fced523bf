import type { Enrollment } from '../enrollment/types';
import { compareText } from './compareText';
import { imageKey } from './indexState';

/**
 * An enrollment that could not take effect because another entity enrolls the
 * same image: the entity with the smallest entity ref owns it.
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
 * Gives each image to one enrollment. Sorting first makes the owner of a
 * contested image the smallest entity ref, whatever order the catalog listed
 * the entities in.
 */
export function claimImages(enrollments: readonly Enrollment[]): ClaimedImages {
  const claimed: ClaimedImages = {
    owned: new Map(),
    unusable: new Set(),
    conflicts: [],
  };
  const sorted = [...enrollments].sort((a, b) =>
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
