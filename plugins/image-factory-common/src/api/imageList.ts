import { Eligibility, EligibilityState } from './eligibility';
import { PageQuery } from './paging';
import { ImageKind } from './imageStatus';
import { RebuildRecord } from './rebuild';

/**
 * Sort order of `GET /images`: `staleness` puts the image whose oldest pending
 * update is oldest first; `name` sorts by entity ref.
 *
 * @public
 */
export type ImageListOrder = 'staleness' | 'name';

/**
 * Query of `GET /images`; every field is optional and sent as a query parameter.
 *
 * @public
 */
export interface ImageListQuery extends PageQuery {
  state?: EligibilityState;
  /** Owner entity ref, e.g. `group:default/payments`. */
  owner?: string;
  kind?: ImageKind;
  /** Case-insensitive match on entity ref and image. */
  search?: string;
  order?: ImageListOrder;
}

/**
 * One enrolled image in the fleet list.
 *
 * @public
 */
export interface ImageListItem {
  entityRef: string;
  kind: ImageKind;
  image: string;
  owner: string | null;
  eligibility: Pick<Eligibility, 'state' | 'eligibleAt'>;
  /** ISO 8601 first-seen time of the oldest update the image is not built on. */
  staleSince?: string;
  baseImageCount: number;
  lastRebuild?: RebuildRecord;
}

/**
 * A page of `GET /images`.
 *
 * @public
 */
export interface ImageList {
  items: ImageListItem[];
  /** Number of images matching the filters, ignoring offset and limit. */
  totalCount: number;
  /** Emergency rebuilds of the whole fleet, whatever the filters. */
  emergencyRebuildCount: number;
}
