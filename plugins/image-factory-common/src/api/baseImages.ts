import { BaseImageUpdate, Freight } from './imageStatus';

/**
 * A monitored base image in `GET /base-images`.
 *
 * @public
 */
export interface BaseImageSummary {
  /** Normalized reference, e.g. `docker.io/library/python:3.12-slim`. */
  ref: string;
  /** Name in the state repository (a DNS-1123 label); used in `/base-images/:name`. */
  name: string;
  registry: string;
  repository: string;
  tag: string;
  /** null before the first discovery. */
  currentDigest: string | null;
  /** ISO 8601; null before the first discovery. */
  lastUpdated: string | null;
  /** Entity refs of the managed images built on it. */
  dependents: string[];
  /** Why discovery failed, e.g. a registry error. */
  error?: string;
}

/**
 * `GET /base-images?offset=&limit=`: a page of the monitored base images, the
 * most used first (then by reference).
 *
 * @public
 */
export interface BaseImageList {
  items: BaseImageSummary[];
  /** Every monitored base image, ignoring offset and limit. */
  totalCount: number;
}

/**
 * `GET /base-images/:name`: a base image with its freight and update history.
 *
 * @public
 */
export interface BaseImageDetail extends BaseImageSummary {
  previousDigest: string | null;
  /** ISO 8601. */
  firstDiscovered: string;
  /** Newest first. */
  freight: Freight[];
  /** Newest first. */
  updates: BaseImageUpdate[];
}
