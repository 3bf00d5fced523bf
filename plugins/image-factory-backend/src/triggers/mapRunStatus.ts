import type { RebuildConclusion } from '@image-factory/backstage-plugin-image-factory-common';
import type { RunProgress } from './types';

const GITHUB_CONCLUSIONS: Record<string, RebuildConclusion> = {
  success: 'success',
  failure: 'failure',
  startup_failure: 'failure',
  cancelled: 'cancelled',
  timed_out: 'timed-out',
};

/**
 * Reads a GitHub workflow run's `status` and `conclusion`. Every status but
 * `in_progress` and `completed` (queued, requested, waiting, pending) means
 * the run has not started.
 */
export function mapGithubRun(
  status: string | null,
  conclusion: string | null,
): RunProgress {
  if (status === 'completed') {
    return {
      status: 'completed',
      conclusion: (conclusion && GITHUB_CONCLUSIONS[conclusion]) || 'unknown',
    };
  }
  return { status: status === 'in_progress' ? 'in_progress' : 'queued' };
}

const GITLAB_FINISHED: Record<string, RebuildConclusion> = {
  success: 'success',
  failed: 'failure',
  canceled: 'cancelled',
  skipped: 'unknown',
};

const GITLAB_RUNNING = new Set(['running', 'canceling']);

/**
 * Reads a GitLab pipeline's `status`: created, waiting_for_resource,
 * preparing, pending, scheduled and manual have not started; running and
 * canceling are in progress; success, failed, canceled and skipped are done.
 */
export function mapGitlabPipeline(status: string): RunProgress {
  const conclusion = GITLAB_FINISHED[status];
  if (conclusion) {
    return { status: 'completed', conclusion };
  }
  return { status: GITLAB_RUNNING.has(status) ? 'in_progress' : 'queued' };
}
