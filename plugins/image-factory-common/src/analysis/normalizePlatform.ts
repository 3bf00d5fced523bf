import type { Platform } from '../references';

/**
 * The platform BuildKit builds for a `--platform` value: BuildKit parses it and
 * then normalizes it (`parsePlatforms` in `frontend/dockerui/attr.go`, with the
 * `platforms.Normalize` it calls), and its platform ARGs carry the result. So
 * `linux/arm` is `linux/arm/v7`, `linux/arm64/v8` is `linux/arm64` and
 * `linux/x86_64` is `linux/amd64`.
 */
export function normalizePlatform({
  os,
  architecture,
  variant = '',
}: Platform): Required<Platform> {
  const normalized = normalizeArchitecture(architecture, variant);
  return { os: os === 'macos' ? 'darwin' : os, ...normalized };
}

// As BuildKit's normalization: aliases of an architecture, and the variants
// that are its default (none) or need a "v".
function normalizeArchitecture(
  architecture: string,
  variant: string,
): { architecture: string; variant: string } {
  switch (architecture) {
    case 'i386':
      return { architecture: '386', variant: '' };
    case 'x86_64':
    case 'x86-64':
    case 'amd64':
      return {
        architecture: 'amd64',
        variant: variant === 'v1' ? '' : variant,
      };
    case 'aarch64':
    case 'arm64':
      return { architecture: 'arm64', variant: arm64Variant(variant) };
    case 'armhf':
      return { architecture: 'arm', variant: 'v7' };
    case 'armel':
      return { architecture: 'arm', variant: 'v6' };
    case 'arm':
      return { architecture: 'arm', variant: armVariant(variant) };
    default:
      return { architecture, variant };
  }
}

function arm64Variant(variant: string): string {
  if (['8', 'v8', 'v8.0'].includes(variant)) {
    return '';
  }
  return ['9', '9.0', 'v9.0'].includes(variant) ? 'v9' : variant;
}

function armVariant(variant: string): string {
  if (variant === '' || variant === '7') {
    return 'v7';
  }
  return ['5', '6', '8'].includes(variant) ? `v${variant}` : variant;
}
