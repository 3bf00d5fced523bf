import { parseBuildArgs } from '../analysis';
import { formatDuration, parseDuration } from '../durations';
import { formatImageReference, parseImageReference } from '../references';
import { hasTagOrDigest } from '../state/imageKeys';
import { IMAGE_FACTORY_ANNOTATIONS as A } from './annotations';
import { formatEntityRef } from './formatEntityRef';
import { isRebuildPriority } from './priorities';
import {
  normalizeRelativePath,
  resolveSourceLocation,
} from './resolveSourceLocation';
import type { EnrollableEntity, Enrollment, EnrollmentDefaults } from './types';
import type { EnrollmentError } from '../api/imageStatus';

const PLATFORM_PATTERN = /^[a-z0-9_]+\/[a-z0-9_]+(\/[a-z0-9_]+)?$/;

// Annotations that only mean something for an image we build.
const MANAGED_ONLY = [
  A.dockerfile,
  A.sourceLocation,
  A.buildArgs,
  A.target,
  A.rebuildDelay,
  A.autoRebuild,
  A.workflow,
];

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Reads the enrollment annotations of a catalog entity (PRODUCT.md §4).
 * Returns `undefined` when the entity carries neither `image-factory.io/image`
 * nor `image-factory.io/external-image`. Never throws on a bad value: each one
 * is listed in `errors` and its field falls back to the default.
 *
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
  const managedText = annotations[A.image];
  const externalText = annotations[A.externalImage];
  if (managedText === undefined && externalText === undefined) {
    return undefined;
  }
  const errors: EnrollmentError[] = [];
  const fail = (annotation: string, message: string) =>
    errors.push({ annotation, message });
  const kind = managedText !== undefined ? 'managed' : 'external';

  let image: string | null = null;
  if (kind === 'managed') {
    const text = managedText!.trim();
    try {
      const ref = parseImageReference(text);
      if (hasTagOrDigest(text)) {
        fail(
          A.image,
          `"${text}" must name the repository the entity builds, without tag or digest (e.g. ${formatImageReference(
            { ...ref, tag: null, digest: null },
          )})`,
        );
      } else {
        image = formatImageReference({ ...ref, tag: null, digest: null });
      }
    } catch (error) {
      fail(A.image, `"${text}" is not an image repository: ${describe(error)}`);
    }
    if (externalText !== undefined) {
      fail(
        A.externalImage,
        `ignored: the entity also carries ${A.image}, so it is enrolled as a managed image`,
      );
    }
  } else {
    const text = externalText!.trim();
    try {
      image = formatImageReference(parseImageReference(text));
    } catch (error) {
      fail(
        A.externalImage,
        `"${text}" is not an image reference: ${describe(error)}`,
      );
    }
    for (const annotation of MANAGED_ONLY) {
      if (annotations[annotation] !== undefined) {
        fail(
          annotation,
          'ignored: an external image is never built or rebuilt',
        );
      }
    }
  }

  const managed = kind === 'managed';
  const read = (annotation: string) =>
    managed ? annotations[annotation]?.trim() : undefined;

  let dockerfile = 'Dockerfile';
  const dockerfileText = read(A.dockerfile);
  if (dockerfileText !== undefined) {
    const normalized = normalizeRelativePath(dockerfileText);
    if (normalized) {
      dockerfile = normalized;
    } else {
      fail(
        A.dockerfile,
        `"${dockerfileText}" must be a file path relative to the source location, without ".."`,
      );
    }
  }

  const source = managed
    ? resolveSourceLocation(annotations)
    : { location: null };
  if (source.error) {
    errors.push(source.error);
  }

  let buildArgs: Record<string, string> = {};
  const buildArgsText = read(A.buildArgs);
  if (buildArgsText !== undefined) {
    try {
      buildArgs = parseBuildArgs(buildArgsText);
    } catch (error) {
      fail(A.buildArgs, describe(error));
    }
  }

  let target: string | null = null;
  const targetText = read(A.target);
  if (targetText !== undefined) {
    if (/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(targetText)) {
      target = targetText;
    } else {
      fail(A.target, `"${targetText}" is not a build stage name`);
    }
  }

  let rebuildDelay = formatDuration(parseDuration(defaults.rebuildDelay));
  const delayText = read(A.rebuildDelay);
  if (delayText !== undefined) {
    try {
      rebuildDelay = formatDuration(parseDuration(delayText));
    } catch (error) {
      fail(A.rebuildDelay, describe(error));
    }
  }

  let autoRebuild = defaults.autoRebuild;
  const autoText = read(A.autoRebuild);
  if (autoText !== undefined) {
    const lower = autoText.toLowerCase();
    if (lower === 'true' || lower === 'false') {
      autoRebuild = lower === 'true';
    } else {
      fail(A.autoRebuild, `"${autoText}" must be true or false`);
    }
  }

  let workflow: string | null = null;
  const workflowText = read(A.workflow);
  if (workflowText !== undefined) {
    if (workflowText && !/\s/.test(workflowText)) {
      workflow = workflowText;
    } else {
      fail(
        A.workflow,
        `"${workflowText}" must be a workflow file name (e.g. build.yml) or a pipeline ref`,
      );
    }
  }

  let priority: Enrollment['priority'] = 'normal';
  const priorityText = annotations[A.priority]?.trim();
  if (priorityText !== undefined) {
    const lower = priorityText.toLowerCase();
    if (isRebuildPriority(lower)) {
      priority = lower;
    } else {
      fail(
        A.priority,
        `"${priorityText}" must be critical, high, normal or low`,
      );
    }
  }

  let platforms = [...new Set(defaults.platforms)].sort();
  const platformsText = annotations[A.platforms]?.trim();
  if (platformsText !== undefined) {
    const listed = platformsText
      .split(',')
      .map(p => p.trim())
      .filter(Boolean);
    const bad = listed.filter(p => !PLATFORM_PATTERN.test(p));
    if (listed.length === 0 || bad.length > 0) {
      fail(
        A.platforms,
        `"${platformsText}" must list platforms such as linux/amd64,linux/arm64`,
      );
    } else {
      platforms = [...new Set(listed)].sort();
    }
  }

  return {
    entityRef: formatEntityRef(entity),
    kind,
    image,
    dockerfile,
    sourceLocation: source.location,
    buildArgs,
    target,
    rebuildDelay,
    autoRebuild,
    workflow,
    priority,
    platforms,
    errors,
  };
}
