import {
  BaseImageDetail,
  Freight,
  FreightOrigin,
  ImageBaseImage,
  ImageStatus,
  tagOf,
} from '@image-factory/backstage-plugin-image-factory-common';

/**
 * A base image of an image's status as plugin versions before `updates`
 * replaced `freight` stored it: the digest changes twice, `freight` newest
 * first with the tag and the origin on each record, `updates` oldest first
 * (the state's order), and no `tag` or `source` of its own.
 */
type LegacyImageBaseImage = Omit<ImageBaseImage, 'tag' | 'source'> & {
  tag?: string;
  source?: FreightOrigin;
  freight?: Freight[];
};

/** A base image document as those versions stored it; it had its `tag`. */
type LegacyBaseImageDetail = BaseImageDetail & { freight?: Freight[] };

/**
 * The status document of an image as the API answers it, whichever plugin
 * version stored it. The pipeline rewrites every document on each run, but
 * until a run after an upgrade publishes (the router answers from the first
 * request; a run can fail before it publishes; in a rolling upgrade a replica
 * of the previous version can still publish), the store can hold documents
 * whose base images carry `freight`. Those are answered as the pipeline
 * writes them now: without `freight`, with `tag` and `source` taken from it,
 * and `updates` newest first.
 *
 * @param freightSource - the configured freight origin, for a base image whose
 *   stored document has no freight record to take it from (and so no update
 *   it would describe).
 */
export function readImageStatus(
  stored: unknown,
  freightSource: FreightOrigin,
): ImageStatus {
  const status = stored as Omit<ImageStatus, 'baseImages'> & {
    baseImages: LegacyImageBaseImage[];
  };
  if (!status.baseImages.some(base => base.freight)) {
    return status as ImageStatus;
  }
  return {
    ...status,
    baseImages: status.baseImages.map(({ freight, ...base }) =>
      freight
        ? {
            ...base,
            tag: base.tag ?? freight[0]?.tag ?? tagOf(base.ref),
            source: base.source ?? freight[0]?.source ?? freightSource,
            updates: [...base.updates].reverse(),
          }
        : (base as ImageBaseImage),
    ),
  };
}

/**
 * A base image document as `/base-images` answers it, whichever plugin version
 * stored it (see {@link readImageStatus}): without `freight`, `updates` newest
 * first.
 */
export function readBaseImageDetail(stored: unknown): BaseImageDetail {
  const { freight, ...detail } = stored as LegacyBaseImageDetail;
  return freight
    ? { ...detail, updates: [...detail.updates].reverse() }
    : (stored as BaseImageDetail);
}
