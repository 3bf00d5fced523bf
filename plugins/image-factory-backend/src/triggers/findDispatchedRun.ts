import type { Octokit } from '@octokit/rest';
import { mapGithubRun } from './mapRunStatus';
import type { RunProgress } from './types';

/**
 * How far before the dispatch a run may have been created and still be ours:
 * GitHub stamps `created_at` with its own clock, which may be behind ours.
 */
const CLOCK_SKEW_MS = 60_000;

/**
 * Finds the run a `workflow_dispatch` started when the server did not return
 * its id (GitHub Enterprise Server before `return_run_details`): among the
 * workflow's `workflow_dispatch` runs on the branch created since shortly
 * before the dispatch, the one created closest to it. Two dispatches of the
 * same workflow and branch within a minute can be told apart only by that
 * closeness. Undefined while the run does not exist yet.
 */
export async function findDispatchedRun(
  octokit: Octokit,
  options: {
    owner: string;
    repo: string;
    workflow: string;
    branch: string;
    /** Epoch milliseconds. */
    dispatchedAt: number;
  },
): Promise<RunProgress | undefined> {
  const since = new Date(options.dispatchedAt - CLOCK_SKEW_MS);
  const { data } = await octokit.rest.actions.listWorkflowRuns({
    owner: options.owner,
    repo: options.repo,
    workflow_id: options.workflow,
    branch: options.branch,
    event: 'workflow_dispatch',
    // GitHub's search syntax, to the second.
    created: `>=${since.toISOString().replace(/\.\d{3}Z$/, 'Z')}`,
    per_page: 100,
  });
  const distance = (createdAt: string) =>
    Math.abs(Date.parse(createdAt) - options.dispatchedAt);
  const candidates = data.workflow_runs
    .filter(
      run =>
        run.event === 'workflow_dispatch' && run.head_branch === options.branch,
    )
    .filter(run => Date.parse(run.created_at) >= since.getTime())
    .sort(
      (a, b) => distance(a.created_at) - distance(b.created_at) || a.id - b.id,
    );
  const run = candidates[0];
  if (!run) {
    return undefined;
  }
  return {
    ...mapGithubRun(run.status, run.conclusion),
    runUrl: run.html_url,
    runId: String(run.id),
  };
}
