/**
 * Rebuild triggers (docs/architecture.md, "Triggers"): GitHub Actions
 * `workflow_dispatch` and GitLab CI pipelines, chosen by the host of the
 * source location.
 */
export { ScmRebuildTrigger } from './ScmRebuildTrigger';
export type { ScmRebuildTriggerOptions } from './ScmRebuildTrigger';
export { GithubRebuildTrigger } from './GithubRebuildTrigger';
export type { GithubRebuildTriggerOptions } from './GithubRebuildTrigger';
export { GitlabRebuildTrigger } from './GitlabRebuildTrigger';
export type { GitlabRebuildTriggerOptions } from './GitlabRebuildTrigger';
export { TriggerError } from './TriggerError';
export {
  GITHUB_INPUT_NAMES,
  GITLAB_VARIABLE_NAMES,
} from './buildRunParameters';
export type {
  FollowRunRequest,
  RebuildTrigger,
  RebuildTriggerRequest,
  RebuildTriggerResult,
  RunProgress,
  RunStatus,
  TriggerBaseImage,
  TriggerClock,
} from './types';
