import type { EnrollmentError } from '../api';
import { parseBuildArgs } from '../analysis';
import { IMAGE_FACTORY_ANNOTATIONS as A } from './annotations';
import {
  parseBoolean,
  parseDockerfilePath,
  parseImageTag,
  parseExternalImage,
  parseManagedImage,
  parsePlatforms,
  parsePriority,
  parseRebuildDelay,
  parseTarget,
  parseWorkflow,
} from './annotationParsers';
import { formatEntityRef } from './formatEntityRef';
import { resolveSourceLocation } from './resolveSourceLocation';
import type { EnrollableEntity, Enrollment, EnrollmentDefaults } from './types';

// Annotations that only mean something for an image we build.
const MANAGED_ONLY = [
  A.imageTag,
  A.dockerfile,
  A.sourceLocation,
  A.buildArgs,
  A.target,
  A.rebuildDelay,
  A.autoRebuild,
  A.workflow,
];

/**
 * Reads the enrollment annotations of a catalog entity (docs/annotations.md).
 * Returns `undefined` when the entity carries neither `image-factory.io/image`
 * nor `image-factory.io/external-image`. Never throws on a bad value: each one
 * is listed in `errors` and its field falls back to the default; a bad image
 * leaves `image` null, which makes the enrollment unusable.
 *
 * @throws DurationError when `defaults.rebuildDelay` (configuration, not an
 *   annotation) is not a duration.
 * @public
 */
export function parseEnrollment(
  entity: EnrollableEntity,
  defaults: EnrollmentDefaults,
): Enrollment | undefined {
  // The catalog only admits string annotations; anything else is read as text
  // rather than trusted, so a malformed entity cannot make this throw.
  const annotations = Object.fromEntries(
    Object.entries(entity.metadata.annotations ?? {}).map(([key, value]) => [
      key,
      typeof value === 'string' ? value : String(value),
    ]),
  );
  if (
    annotations[A.image] === undefined &&
    annotations[A.externalImage] === undefined
  ) {
    return undefined;
  }
  const kind = annotations[A.image] !== undefined ? 'managed' : 'external';
  const managed = kind === 'managed';
  const errors: EnrollmentError[] = [];

  /** The annotation parsed, or `fallback` with an error when absent or bad. */
  function read<T>(
    annotation: string,
    fallback: T,
    parse: (text: string) => T,
  ): T {
    const text = annotations[annotation]?.trim();
    if (text === undefined) {
      return fallback;
    }
    try {
      return parse(text);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      errors.push({ annotation, message });
      return fallback;
    }
  }

  const image = managed
    ? read<string | null>(A.image, null, parseManagedImage)
    : read<string | null>(A.externalImage, null, parseExternalImage);
  if (managed && annotations[A.externalImage] !== undefined) {
    errors.push({
      annotation: A.externalImage,
      message: `ignored: the entity also carries ${A.image}, so it is enrolled as a managed image`,
    });
  }
  if (!managed) {
    for (const annotation of MANAGED_ONLY.filter(a => a in annotations)) {
      errors.push({
        annotation,
        message: 'ignored: an external image is never built or rebuilt',
      });
    }
  }
  // For external images every managed-only field keeps its default.
  const readManaged = <T>(
    annotation: string,
    fallback: T,
    parse: (text: string) => T,
  ) => (managed ? read(annotation, fallback, parse) : fallback);

  const source = managed
    ? resolveSourceLocation(annotations)
    : { location: null };
  if (source.error) {
    errors.push(source.error);
  }

  return {
    entityRef: formatEntityRef(entity),
    kind,
    image,
    imageTag: readManaged(A.imageTag, 'latest', parseImageTag),
    dockerfile: readManaged(A.dockerfile, 'Dockerfile', parseDockerfilePath),
    sourceLocation: source.location,
    buildArgs: readManaged(A.buildArgs, {}, parseBuildArgs),
    target: readManaged<string | null>(A.target, null, parseTarget),
    rebuildDelay: readManaged(
      A.rebuildDelay,
      parseRebuildDelay(defaults.rebuildDelay),
      parseRebuildDelay,
    ),
    autoRebuild: readManaged(A.autoRebuild, defaults.autoRebuild, parseBoolean),
    workflow: readManaged<string | null>(A.workflow, null, parseWorkflow),
    priority: read(A.priority, 'normal', parsePriority),
    platforms: read(
      A.platforms,
      [...new Set(defaults.platforms)].sort(),
      parsePlatforms,
    ),
    errors,
  };
}
