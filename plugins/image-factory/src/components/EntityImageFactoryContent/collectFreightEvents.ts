import {
  FreightOrigin,
  ImageStatus,
} from '@image-factory/backstage-plugin-image-factory-common';

/** One freight record on the timeline, with what it means for the image. */
export interface FreightEvent {
  imageRef: string;
  tag: string;
  digest: string;
  firstSeen: string;
  source: FreightOrigin;
  /** What the digest is to the image: "built on", "eligible", or newest and still waiting. */
  marks: string[];
}

/**
 * Merges the image's own freight and the updates of each base image (its
 * freight: the tag and origin are the base image's) into one list, newest
 * first.
 */
export function collectFreightEvents(status: ImageStatus): FreightEvent[] {
  const events: FreightEvent[] = status.freight.map(freight => ({
    imageRef: status.enrollment.image,
    ...freight,
    marks: [],
  }));
  for (const baseImage of status.baseImages) {
    // An index that moved only for platforms the image does not build waits
    // for nothing: the newest digest that matters to the image is marked.
    const latest = baseImage.latestRelevantDigest ?? baseImage.latestDigest;
    for (const { digest, firstSeen } of baseImage.updates) {
      const marks: string[] = [];
      if (digest === baseImage.builtDigest) marks.push('built on');
      if (
        digest === baseImage.eligibleDigest &&
        digest !== baseImage.builtDigest
      ) {
        marks.push('eligible');
      }
      if (
        digest === latest &&
        digest !== baseImage.eligibleDigest &&
        digest !== baseImage.builtDigest
      ) {
        marks.push('newest, waiting for the delay');
      }
      events.push({
        imageRef: baseImage.ref,
        tag: baseImage.tag,
        digest,
        firstSeen,
        source: baseImage.source,
        marks,
      });
    }
  }
  return events.sort(
    (a, b) => Date.parse(b.firstSeen) - Date.parse(a.firstSeen),
  );
}
