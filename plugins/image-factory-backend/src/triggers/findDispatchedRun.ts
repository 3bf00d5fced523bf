import type { Octokit } from '@octokit/rest';
import { mapGithubRun } from './mapRunStatus';
import type { RunProgress } from './types';

/**
 * How far before the dispatch a run may have been created and still be ours:
 * GitHub stamps `created_at` with its own clock, which may be behind ours.
 */
export const CLOCK_SKEW_MS = 60_000;

/**
 * Finds the run a `workflow_dispatch` started when its id is not known (a
 * GitHub Enterprise Server before `return_run_details`, or a dispatch whose
 * answer was lost): among the workflow's `workflow_dispatch` runs on the
 * branch created since shortly before the dispatch, the one whose title (the
 * workflow's `run-name`) carries the rebuild's id. A run without it, such as
 * one a person started, is never taken, however close in time: when the
 * workflow's `run-name` does not show the id, no run is found. Undefined while
 * no such run exists.
 */
export async function findDispatchedRun(
  octokit: Octokit,
  options: {
    owner: string;
    repo: string;
    workflow: string;
    branch: string;
    rebuildId: string;
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
  const run = data.workflow_runs
    .filter(
      candidate =>
        candidate.event === 'workflow_dispatch' &&
        candidate.head_branch === options.branch &&
        Date.parse(candidate.created_at) >= since.getTime() &&
        carriesRebuildId(candidate, options.rebuildId),
    )
    // One dispatch makes one run; should there be more, the first is ours.
    .sort((a, b) => a.id - b.id)[0];
  if (!run) {
    return undefined;
  }
  return {
    ...mapGithubRun(run.status, run.conclusion),
    runUrl: run.html_url,
    runId: String(run.id),
  };
}

function carriesRebuildId(
  run: { name?: string | null; display_title?: string | null },
  rebuildId: string,
): boolean {
  // An empty id would be found in every title.
  return (
    rebuildId.length > 0 &&
    [run.display_title, run.name].some(
      title => typeof title === 'string' && title.includes(rebuildId),
    )
  );
}
