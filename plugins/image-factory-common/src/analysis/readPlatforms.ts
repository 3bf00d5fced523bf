import { formatPlatform, parsePlatform, type Platform } from '../references';
import { normalizePlatform } from './normalizePlatform';
import type { AnalyzeDockerfileOptions } from './types';

/** The builder's platform when none is given: hosted CI runners are amd64. */
const DEFAULT_BUILD_PLATFORM = normalizePlatform(parsePlatform('linux/amd64'));

/** A target platform: as the caller names it, and as BuildKit builds it. */
export interface TargetPlatform {
  name: string;
  platform: Required<Platform>;
}

// Most analyses give no platforms; they share one answer.
const DEFAULTS = Object.freeze({
  build: DEFAULT_BUILD_PLATFORM,
  targets: [
    {
      name: formatPlatform(DEFAULT_BUILD_PLATFORM),
      platform: DEFAULT_BUILD_PLATFORM,
    },
  ],
});

/**
 * The build platform and the target platforms of an analysis, each target
 * once. Without targets, the build platform is the one target, as BuildKit
 * builds for it when no `--platform` is given (`buildPlatformOpt` in
 * `frontend/dockerfile/dockerfile2llb/platform.go`).
 *
 * @throws TypeError for a platform that is not `os/arch[/variant]`.
 */
export function readPlatforms(options: AnalyzeDockerfileOptions): {
  build: Required<Platform>;
  targets: TargetPlatform[];
} {
  if (options.buildPlatform === undefined && !options.platforms?.length) {
    return DEFAULTS;
  }
  const build =
    options.buildPlatform === undefined
      ? DEFAULT_BUILD_PLATFORM
      : normalizePlatform(parsePlatform(options.buildPlatform));
  const names = new Set(
    (options.platforms ?? []).map(name => formatPlatform(parsePlatform(name))),
  );
  if (names.size === 0) {
    return {
      build,
      targets: [{ name: formatPlatform(build), platform: build }],
    };
  }
  return {
    build,
    targets: [...names].map(name => ({
      name,
      platform: normalizePlatform(parsePlatform(name)),
    })),
  };
}
