/**
 * How a Kargo image subscription picks the newest image (Kargo 1.11).
 *
 * @public
 */
export type ImageSelectionStrategy =
  | 'Digest'
  | 'Lexical'
  | 'NewestBuild'
  | 'SemVer';

/**
 * The fields of a Kargo image subscription the Image Factory writes. The
 * deprecated `allowTags` and `ignoreTags` are never written.
 *
 * @public
 */
export interface ImageSubscription {
  repoURL: string;
  imageSelectionStrategy: ImageSelectionStrategy;
  constraint?: string;
  allowTagsRegexes?: string[];
  ignoreTagsRegexes?: string[];
}

/**
 * The fields of a Kargo git subscription the Image Factory writes.
 *
 * @public
 */
export interface GitSubscription {
  repoURL: string;
  branch?: string;
  includePaths?: string[];
}

/**
 * One entry of a Warehouse's `spec.subscriptions`.
 *
 * @public
 */
export type WarehouseSubscription =
  | { image: ImageSubscription }
  | { git: GitSubscription };

/**
 * A Kargo `Warehouse` (`kargo.akuity.io/v1alpha1`) as the Image Factory
 * generates it.
 *
 * @public
 */
export interface KargoWarehouse {
  apiVersion: 'kargo.akuity.io/v1alpha1';
  kind: 'Warehouse';
  metadata: {
    name: string;
    namespace: string;
    labels: Record<string, string>;
    annotations: Record<string, string>;
  };
  spec: {
    interval: string;
    subscriptions: WarehouseSubscription[];
  };
}

/**
 * How Warehouses are generated; from `imageFactory.kargo` and
 * `imageFactory.registries` in the app config.
 *
 * @public
 */
export interface WarehouseOptions {
  /** Namespace (a Kargo Project) of every Warehouse. Default `image-factory`. */
  namespace?: string;
  /** Interval for public registries (`isPublicRegistry`). Default `24h`. */
  publicRegistryInterval?: string;
  /** Interval for other registries. Default `5m`, Kargo's own default. */
  defaultInterval?: string;
  /** Interval per registry host, overriding both defaults. */
  registryIntervals?: Record<string, string>;
  /**
   * How the Warehouse of a managed image picks its newest build. Default
   * `{ imageSelectionStrategy: 'SemVer' }`.
   */
  managedImageSelection?: Omit<ImageSubscription, 'repoURL'>;
}

/**
 * A monitored reference no Warehouse can watch: a digest without a tag never
 * moves.
 *
 * @public
 */
export interface UnmonitorableImage {
  ref: string;
  /** Entity refs of the images that use or enroll it, sorted. */
  entities: string[];
  reason: string;
}

/**
 * The Warehouses for a state tree, sorted by name, and what could not get one.
 *
 * @public
 */
export interface WarehousePlan {
  warehouses: KargoWarehouse[];
  unmonitorable: UnmonitorableImage[];
}
