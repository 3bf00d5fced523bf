import type { RebuildTriggerRequest } from './types';

/**
 * Names of the `workflow_dispatch` inputs a GitHub rebuild sends. A workflow
 * must declare all four under `on.workflow_dispatch.inputs`: GitHub rejects
 * inputs a workflow does not declare. Four inputs stay far below the limit
 * (25 on github.com, 10 on older GitHub Enterprise Server).
 *
 * GitHub's API shows a run's inputs only through its `run-name`: a workflow
 * whose `run-name` contains `${{ inputs.image_factory_rebuild_id }}` lets a
 * run be found by its rebuild when GitHub's answer to the dispatch is lost
 * (or the server does not return run details).
 *
 * @public
 */
export const GITHUB_INPUT_NAMES = {
  reason: 'image_factory_reason',
  baseImages: 'image_factory_base_images',
  trigger: 'image_factory_trigger',
  rebuildId: 'image_factory_rebuild_id',
} as const;

/**
 * Names of the CI/CD variables a GitLab rebuild sets on its pipeline. The
 * rebuild id is how a pipeline is found when GitLab's answer is lost.
 *
 * @public
 */
export const GITLAB_VARIABLE_NAMES = {
  reason: 'IMAGE_FACTORY_REASON',
  baseImages: 'IMAGE_FACTORY_BASE_IMAGES',
  trigger: 'IMAGE_FACTORY_TRIGGER',
  rebuildId: 'IMAGE_FACTORY_REBUILD_ID',
} as const;

// JSON keeps refs and digests in one value a build script can read with jq.
function encodeBaseImages(request: RebuildTriggerRequest): string {
  return JSON.stringify(
    request.baseImages.map(({ ref, digest }) => ({ ref, digest })),
  );
}

/** The `inputs` of a GitHub `workflow_dispatch`. */
export function buildGithubInputs(
  request: RebuildTriggerRequest,
): Record<string, string> {
  return {
    [GITHUB_INPUT_NAMES.reason]: request.reason,
    [GITHUB_INPUT_NAMES.baseImages]: encodeBaseImages(request),
    [GITHUB_INPUT_NAMES.trigger]: request.trigger,
    [GITHUB_INPUT_NAMES.rebuildId]: request.rebuildId,
  };
}

/** The `variables` of a GitLab pipeline. */
export function buildGitlabVariables(
  request: RebuildTriggerRequest,
): Array<{ key: string; value: string }> {
  return [
    { key: GITLAB_VARIABLE_NAMES.reason, value: request.reason },
    { key: GITLAB_VARIABLE_NAMES.baseImages, value: encodeBaseImages(request) },
    { key: GITLAB_VARIABLE_NAMES.trigger, value: request.trigger },
    { key: GITLAB_VARIABLE_NAMES.rebuildId, value: request.rebuildId },
  ];
}
