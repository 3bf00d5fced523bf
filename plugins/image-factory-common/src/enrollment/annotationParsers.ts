import { formatPlatform, parsePlatform } from '../references/platform';
import type { RebuildPriority } from '../api';
import { formatDuration, parsePolicyDuration } from '../durations';
import { formatImageReference, parseImageReference } from '../references';
import { hasTagOrDigest } from '../state/imageKeys';
import { isRebuildPriority } from './priorities';
import { normalizeRelativePath } from './resolveSourceLocation';

// Each parser reads one annotation value or throws an Error whose message says
// what is wrong with it; parseEnrollment turns that into an EnrollmentError.

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** `image-factory.io/image`: a repository without tag or digest, normalized. */
export function parseManagedImage(text: string): string {
  let repository: string;
  try {
    repository = formatImageReference({
      ...parseImageReference(text),
      tag: null,
      digest: null,
    });
  } catch (error) {
    throw new Error(`"${text}" is not an image repository: ${describe(error)}`);
  }
  if (hasTagOrDigest(text)) {
    throw new Error(
      `"${text}" must name the repository the entity builds, without tag or digest (e.g. ${repository})`,
    );
  }
  return repository;
}

/** `image-factory.io/external-image`: a reference, normalized. */
export function parseExternalImage(text: string): string {
  try {
    return formatImageReference(parseImageReference(text));
  } catch (error) {
    throw new Error(`"${text}" is not an image reference: ${describe(error)}`);
  }
}

/** `image-factory.io/dockerfile`: a relative path without `..`. */
export function parseDockerfilePath(text: string): string {
  const path = normalizeRelativePath(text);
  if (!path) {
    throw new Error(
      `"${text}" must be a file path relative to the source location, without ".."`,
    );
  }
  return path;
}

/** `image-factory.io/target`: a stage name. */
export function parseTarget(text: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(text)) {
    throw new Error(`"${text}" is not a build stage name`);
  }
  return text;
}

/** `image-factory.io/image-tag`: a tag, as the distribution spec spells them. */
export function parseImageTag(text: string): string {
  if (!/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/.test(text)) {
    throw new Error(`"${text}" is not an image tag`);
  }
  return text;
}

/** `image-factory.io/rebuild-delay`: at most a year, in its canonical spelling. */
export function parseRebuildDelay(text: string): string {
  return formatDuration(parsePolicyDuration(text));
}

/** `image-factory.io/auto-rebuild`: `true` or `false`, any letter case. */
export function parseBoolean(text: string): boolean {
  const lower = text.toLowerCase();
  if (lower !== 'true' && lower !== 'false') {
    throw new Error(`"${text}" must be true or false`);
  }
  return lower === 'true';
}

/** `image-factory.io/workflow`: a workflow file or pipeline ref, no spaces. */
export function parseWorkflow(text: string): string {
  if (!text || /\s/.test(text)) {
    throw new Error(
      `"${text}" must be a workflow file name (e.g. build.yml) or a pipeline ref`,
    );
  }
  return text;
}

/** `image-factory.io/priority`: one of the rebuild priorities, any letter case. */
export function parsePriority(text: string): RebuildPriority {
  const lower = text.toLowerCase();
  if (!isRebuildPriority(lower)) {
    throw new Error(`"${text}" must be critical, high, normal or low`);
  }
  return lower;
}

/**
 * `image-factory.io/platforms`: comma-separated `os/arch[/variant]`
 * ({@link parsePlatform}), in lower case, sorted, unique.
 */
export function parsePlatforms(text: string): string[] {
  const listed = text
    .split(',')
    .map(p => p.trim())
    .filter(Boolean);
  try {
    if (listed.length === 0) throw new TypeError('no platform');
    return [
      ...new Set(listed.map(p => formatPlatform(parsePlatform(p)))),
    ].sort();
  } catch {
    throw new Error(
      `"${text}" must list platforms such as linux/amd64,linux/arm64`,
    );
  }
}
