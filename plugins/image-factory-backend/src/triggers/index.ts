/**
 * Rebuild triggers (docs/architecture.md, "Triggers"): GitHub Actions
 * `workflow_dispatch` and GitLab CI pipelines, chosen by the host of the
 * source location.
 */
export { ScmRebuildTrigger } from './ScmRebuildTrigger';
export { TriggerError } from './TriggerError';
export { GITHUB_INPUT_NAMES } from './buildRunParameters';
export type { RebuildTrigger, RunStatus } from './types';
