import type { EnrollmentError, ImageKind, RebuildPriority } from '../api';

/**
 * The part of a catalog entity enrollment reads. A Backstage `Entity` fits.
 *
 * @public
 */
export interface EnrollableEntity {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    annotations?: Record<string, string>;
  };
  spec?: unknown;
}

/**
 * Values used for an annotation that is absent or invalid, from
 * `imageFactory.defaults` in the app config.
 *
 * @public
 */
export interface EnrollmentDefaults {
  /** A duration such as `7d` (see `parseDuration`). */
  rebuildDelay: string;
  autoRebuild: boolean;
  /** Platforms such as `linux/amd64` whose digests are tracked. */
  platforms: string[];
}

/**
 * The product defaults (docs/annotations.md, "Defaults"): a 7 day delay,
 * automatic rebuilds, `linux/amd64`.
 *
 * @public
 */
export const DEFAULT_ENROLLMENT_DEFAULTS: EnrollmentDefaults = {
  rebuildDelay: '7d',
  autoRebuild: true,
  platforms: ['linux/amd64'],
};

/**
 * What the annotations of one catalog entity enroll.
 *
 * @public
 */
export interface Enrollment {
  /** `kind:namespace/name`, kind and namespace in lower case, as Backstage writes it. */
  entityRef: string;
  /** `managed` for `image-factory.io/image`, `external` for `image-factory.io/external-image`. */
  kind: ImageKind;
  /**
   * Managed image: the repository it builds, normalized, without tag
   * (`ghcr.io/acme/payments`). External image: the reference it runs,
   * normalized (`docker.io/library/postgres:16`). `null` when the annotation is
   * invalid: the enrollment is then unusable and `errors` says why.
   */
  image: string | null;
  /**
   * Managed image: the tag its build pushes, which the Image Factory reads to
   * verify a rebuild (`latest` unless the annotation says). External image:
   * `latest`, unused.
   */
  imageTag: string;
  /** Dockerfile path relative to {@link Enrollment.sourceLocation}, without `./`. */
  dockerfile: string;
  /**
   * Folder holding the source, as a Backstage location with a trailing slash
   * (`url:https://github.com/acme/payments/tree/main/`, `file:/srv/payments/`);
   * `null` when nothing says where it is.
   */
  sourceLocation: string | null;
  /** Build args from the annotation, overriding `ARG` defaults. */
  buildArgs: Record<string, string>;
  /** Build target stage; `null`: every stage counts. */
  target: string | null;
  /** Rebuild delay in its canonical spelling (`formatDuration(parseDuration(x))`). */
  rebuildDelay: string;
  autoRebuild: boolean;
  /** Workflow file (GitHub) or pipeline ref (GitLab); `null`: manual rebuilds only. */
  workflow: string | null;
  priority: RebuildPriority;
  /** Tracked platforms, sorted, without duplicates. */
  platforms: string[];
  /** One entry per rejected annotation value. */
  errors: EnrollmentError[];
}
