import { formatImageReference, type ImageReference } from '../references';
import type { TrackedImage } from './types';

/**
 * Tracking data for a reference seen for the first time: no digest yet,
 * discovered `now`.
 *
 * @param ref - the monitored reference (see `monitorRef`): a tag, or a digest without tag.
 */
export function newTrackedImage(
  ref: ImageReference,
  now: string,
): TrackedImage {
  return {
    ref: formatImageReference(ref),
    registry: ref.registry,
    repository: ref.repository,
    tag: ref.tag,
    digest: ref.tag ? null : ref.digest,
    currentDigest: null,
    previousDigest: null,
    firstDiscovered: now,
    lastUpdated: null,
    updates: [],
  };
}
