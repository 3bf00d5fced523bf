import { Entity } from '@backstage/catalog-model';
import { ScmIntegrationRegistry } from '@backstage/integration';
import {
  BACKSTAGE_LOCATION_ANNOTATIONS,
  Enrollment,
  EnrollmentError,
  IMAGE_FACTORY_ANNOTATIONS,
  parseGitSource,
} from '@image-factory/backstage-plugin-image-factory-common';

/** What {@link checkRebuildTarget} needs besides the enrollment. */
export interface RebuildTargetPolicy {
  /**
   * `imageFactory.rebuilds.allowedRepositories`: repository URLs
   * (`https://github.com/acme/tools`) or owner/group prefixes ending in `/*`.
   */
  allowedRepositories: readonly string[];
  /** Whether a GitLab integration serves the repository URL. */
  isGitlab(url: string): boolean;
}

const ALLOW_KEY = 'imageFactory.rebuilds.allowedRepositories';

/** The policy of the configuration: the allow-list and the integrations. */
export function createRebuildTargetPolicy(options: {
  allowedRepositories: readonly string[];
  integrations: ScmIntegrationRegistry;
}): RebuildTargetPolicy {
  const { allowedRepositories, integrations } = options;
  return {
    allowedRepositories,
    isGitlab: url => integrations.byUrl(url)?.type === 'gitlab',
  };
}

/**
 * Refuses a rebuild target the entity has no business sending builds to. The
 * integration token starts pipelines across the organisation, so annotations
 * must not aim it elsewhere: a rebuild goes to the repository the entity is
 * registered from (`managed-by-location`, else `managed-by-origin-location`),
 * or to one the configuration allows; on GitLab, where the workflow annotation
 * names the ref, only to the source location's branch (a tag or another
 * branch, which may carry protected variables, needs the allow-list too).
 *
 * @returns an error that blocks rebuilds, or `undefined` when the target may be used
 */
export function checkRebuildTarget(
  enrollment: Enrollment,
  entity: Entity | undefined,
  policy: RebuildTargetPolicy,
): EnrollmentError | undefined {
  const location = enrollment.sourceLocation;
  if (enrollment.kind !== 'managed' || !location?.startsWith('url:')) {
    // file: locations name no repository: the trigger refuses them itself.
    return undefined;
  }
  const target = parseGitSource(location);
  const url = target?.repoURL ?? location.slice('url:'.length);
  if (isAllowListed(url, policy.allowedRepositories)) {
    return undefined;
  }
  const home = homeRepository(entity);
  if (!target || !home || !sameRepository(target.repoURL, home)) {
    return refuse(
      IMAGE_FACTORY_ANNOTATIONS.sourceLocation,
      `${url} is not the repository the entity is registered from${
        home ? ` (${home})` : ''
      }, so no rebuild is sent there; add it to ${ALLOW_KEY} to allow it`,
    );
  }
  const workflow = enrollment.workflow;
  if (
    workflow &&
    policy.isGitlab(target.repoURL) &&
    !/\.ya?ml$/i.test(workflow) &&
    workflow !== target.branch
  ) {
    return refuse(
      IMAGE_FACTORY_ANNOTATIONS.workflow,
      `"${workflow}" is not the branch of the source location: GitLab pipelines run on ${
        target.branch ?? 'the default branch'
      }, the branch of the source location; add ${
        target.repoURL
      } to ${ALLOW_KEY} to run them on a tag or another branch`,
    );
  }
  return undefined;
}

function refuse(annotation: string, message: string): EnrollmentError {
  return { annotation, message, blocksRebuilds: true };
}

function homeRepository(entity: Entity | undefined): string | undefined {
  const annotations = entity?.metadata.annotations ?? {};
  for (const key of [
    BACKSTAGE_LOCATION_ANNOTATIONS.managedByLocation,
    BACKSTAGE_LOCATION_ANNOTATIONS.managedByOriginLocation,
  ]) {
    const repository = parseGitSource(annotations[key] ?? '')?.repoURL;
    if (repository) return repository;
  }
  return undefined;
}

// GitHub and GitLab look repositories up without regard to letter case.
function sameRepository(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

function isAllowListed(url: string, allowed: readonly string[]): boolean {
  const lower = url.toLowerCase().replace(/\/+$/, '');
  return allowed.some(entry => {
    const pattern = entry.toLowerCase().replace(/\/+$/, '');
    return pattern.endsWith('/*')
      ? lower.startsWith(pattern.slice(0, -1))
      : lower === pattern;
  });
}
