import { Config } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import {
  parseGitSource,
  parseImageReference,
  StateTree,
  TrackedImage,
} from '@internal/plugin-image-factory-common';
import type { RegistryPolicy } from './RegistryPolicy';

/** What the backend's configuration lets a Warehouse watch. */
export interface MonitoringPolicy {
  /** Whether the registry host is allowed (`RegistryPolicy.isAllowed`). */
  isRegistryAllowed(host: string): boolean;
  /** Whether the git host has an integration in `integrations.*`. */
  isGitHostAllowed(host: string): boolean;
}

/**
 * The policy from the app config: the registries {@link RegistryPolicy} allows,
 * and the git hosts of `integrations.*` (plus the public hosts Backstage's
 * integrations always know).
 */
export function readMonitoringPolicy(
  config: Config,
  registries: Pick<RegistryPolicy, 'isAllowed'>,
): MonitoringPolicy {
  const integrations = ScmIntegrations.fromConfig(config);
  return {
    isRegistryAllowed: host => registries.isAllowed(host),
    isGitHostAllowed: host => integrations.byHost(host) !== undefined,
  };
}

/**
 * Marks in the state every reference, managed image and git source that no
 * Warehouse may watch, with the reason, and clears marks the configuration no
 * longer calls for. A Kargo controller applies the rendered Warehouses, so a
 * Dockerfile naming `169.254.169.254/…` must not become a Warehouse polling the
 * cloud metadata address: Kargo only goes where the backend itself may.
 */
export function markUnmonitorable(
  state: StateTree,
  policy: MonitoringPolicy,
): StateTree {
  const mark = <T extends TrackedImage>(image: T): T =>
    withReason(image, registryRefusal(image.registry, policy));
  return {
    ...state,
    baseImages: state.baseImages.map(mark),
    images: state.images.map(image => {
      if (image.kind === 'external') {
        return { ...image, monitored: mark(image.monitored) };
      }
      const git = image.source.location
        ? parseGitSource(image.source.location)
        : undefined;
      const gitHost = git && new URL(git.repoURL).host;
      return withReason(
        {
          ...image,
          published: image.published.map(mark),
          source: withReason(
            image.source,
            gitHost && !policy.isGitHostAllowed(gitHost)
              ? `git host ${gitHost} has no integration under integrations, so the Warehouse does not watch the source in git`
              : undefined,
            'gitUnmonitorable',
          ),
        },
        registryRefusal(parseImageReference(image.image).registry, policy),
      );
    }),
  };
}

function registryRefusal(
  registry: string,
  policy: MonitoringPolicy,
): string | undefined {
  return policy.isRegistryAllowed(registry)
    ? undefined
    : `registry ${registry} is not allowed by imageFactory.registries or imageFactory.allowPublic, so no Warehouse watches it`;
}

// Sets the reason, or removes the key entirely so the state file stays as it was.
function withReason<T extends object>(
  value: T,
  reason: string | undefined,
  key = 'unmonitorable',
): T {
  const { [key]: _previous, ...rest } = value as Record<string, unknown>;
  return (reason === undefined ? rest : { ...rest, [key]: reason }) as T;
}
