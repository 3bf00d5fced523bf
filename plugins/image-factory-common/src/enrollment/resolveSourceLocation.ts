import {
  BACKSTAGE_LOCATION_ANNOTATIONS,
  IMAGE_FACTORY_ANNOTATIONS,
} from './annotations';
import type { EnrollmentError } from '../api';

const LOCATION_PREFIX = /^(url|file):/;

/**
 * The folder of a catalog file location, with a trailing slash:
 * `file:/srv/app/catalog-info.yaml` gives `file:/srv/app/`. `undefined` for
 * anything that is not a `url:` or `file:` location.
 */
function catalogFileFolder(location: string): string | undefined {
  if (!LOCATION_PREFIX.test(location)) {
    return undefined;
  }
  const end = location.search(/[?#]/);
  const path = end === -1 ? location : location.slice(0, end);
  const slash = path.lastIndexOf('/');
  return slash === -1 ? undefined : path.slice(0, slash + 1);
}

function withTrailingSlash(location: string): string {
  return location.endsWith('/') ? location : `${location}/`;
}

/**
 * Normalizes a relative path (`./a//b/` gives `a/b`); `undefined` when it is
 * absolute or climbs out with `..`, which could reach files the entity does
 * not own.
 */
export function normalizeRelativePath(path: string): string | undefined {
  if (path.startsWith('/') || path.includes('\\')) {
    return undefined;
  }
  const segments = path.split('/').filter(s => s !== '' && s !== '.');
  if (segments.includes('..')) {
    return undefined;
  }
  return segments.join('/');
}

/**
 * Where the entity's source lives: `image-factory.io/source-location` (a
 * location, or a path relative to the entity's catalog file), else
 * `backstage.io/source-location`, else the folder of the entity's own catalog
 * file (`managed-by-location`, then `managed-by-origin-location`).
 */
export function resolveSourceLocation(annotations: Record<string, string>): {
  location: string | null;
  error?: EnrollmentError;
} {
  const catalogFolder =
    catalogFileFolder(
      annotations[BACKSTAGE_LOCATION_ANNOTATIONS.managedByLocation] ?? '',
    ) ??
    catalogFileFolder(
      annotations[BACKSTAGE_LOCATION_ANNOTATIONS.managedByOriginLocation] ?? '',
    );
  const backstageSource =
    annotations[BACKSTAGE_LOCATION_ANNOTATIONS.sourceLocation]?.trim();
  const fallback = backstageSource
    ? withTrailingSlash(backstageSource)
    : catalogFolder ?? null;

  const annotation = IMAGE_FACTORY_ANNOTATIONS.sourceLocation;
  const value = annotations[annotation]?.trim();
  if (value === undefined) {
    return { location: fallback };
  }
  if (LOCATION_PREFIX.test(value)) {
    return { location: withTrailingSlash(value) };
  }
  const relative = normalizeRelativePath(value);
  if (relative === undefined) {
    return {
      location: fallback,
      error: {
        annotation,
        message: `"${value}" must be a url: or file: location, or a path inside the entity's folder without ".."`,
      },
    };
  }
  if (!catalogFolder) {
    return {
      location: fallback,
      error: {
        annotation,
        message: `"${value}" is a relative path, but the entity has no catalog file location to resolve it against`,
      },
    };
  }
  return {
    location: relative ? `${catalogFolder}${relative}/` : catalogFolder,
  };
}
