import { ScmIntegrationRegistry } from '@backstage/integration';
import {
  parseGitSource,
  parseImageReference,
  StateTree,
  TrackedImage,
} from '@image-factory/backstage-plugin-image-factory-common';
import type { RegistryPolicy } from './RegistryPolicy';

/** What the backend's configuration lets a Warehouse watch. */
export interface MonitoringPolicy {
  /** Whether the registry host is allowed (`RegistryPolicy.isAllowed`). */
  isRegistryAllowed(host: string): boolean;
  /** Whether the git host has an integration in `integrations.*`. */
  isGitHostAllowed(host: string): boolean;
}

/**
 * The policy of the configuration: the registries {@link RegistryPolicy}
 * allows, and the git hosts of `integrations.*` (plus the public hosts
 * Backstage's integrations always know).
 */
export function createMonitoringPolicy(options: {
  registries: Pick<RegistryPolicy, 'isAllowed'>;
  integrations: ScmIntegrationRegistry;
}): MonitoringPolicy {
  const { registries, integrations } = options;
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
    withUnmonitorable(image, registryRefusal(image.registry, policy));
  return {
    ...state,
    baseImages: state.baseImages.map(mark),
    images: state.images.map(image => {
      if (image.kind === 'external') {
        return { ...image, monitored: mark(image.monitored) };
      }
      const { gitUnmonitorable: _previous, ...source } = image.source;
      const git = source.location ? parseGitSource(source.location) : undefined;
      const gitHost = git && new URL(git.repoURL).host;
      return withUnmonitorable(
        {
          ...image,
          published: image.published.map(mark),
          source:
            gitHost && !policy.isGitHostAllowed(gitHost)
              ? {
                  ...source,
                  gitUnmonitorable: `git host ${gitHost} has no integration under integrations, so the Warehouse does not watch the source in git`,
                }
              : source,
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

// Sets the reason, or drops the key so an allowed image's file stays as it was.
function withUnmonitorable<T extends { unmonitorable?: string }>(
  value: T,
  reason: string | undefined,
): T {
  const { unmonitorable: _previous, ...rest } = value;
  return (
    reason === undefined ? rest : { ...rest, unmonitorable: reason }
  ) as T;
}
