/**
 * A platform an image is built for, as OCI image indexes name it.
 *
 * @public
 */
export interface Platform {
  os: string;
  architecture: string;
  variant?: string;
}

/**
 * Parses `os/arch[/variant]` (`linux/amd64`, `linux/arm64/v8`, `linux/arm/v7`),
 * in any letter case: the one platform grammar, for the annotation, the
 * configuration and image indexes alike.
 *
 * @throws TypeError for anything else.
 * @public
 */
export function parsePlatform(text: string): Platform {
  const parts = text.trim().toLowerCase().split('/');
  if (
    parts.length < 2 ||
    parts.length > 3 ||
    parts.some(part => !/^[a-z0-9._-]+$/.test(part))
  ) {
    throw new TypeError(
      `"${text}" is not a platform: use os/arch or os/arch/variant, e.g. linux/amd64`,
    );
  }
  return parts[2]
    ? { os: parts[0], architecture: parts[1], variant: parts[2] }
    : { os: parts[0], architecture: parts[1] };
}

/**
 * `os/arch[/variant]`, in lower case.
 *
 * @public
 */
export function formatPlatform(platform: Platform): string {
  return [platform.os, platform.architecture, platform.variant]
    .filter(Boolean)
    .join('/');
}
