import { GITLAB_VARIABLE_NAMES } from './buildRunParameters';
import type { GitlabCaller } from './createGitlabCaller';
import { CLOCK_SKEW_MS } from './findDispatchedRun';
import type { GitlabProject } from './parseRepositoryUrl';

/** A pipeline as GitLab lists it. */
export interface ListedPipeline {
  id: number;
  status: string;
  web_url?: string;
  created_at?: string;
}

/** How many pipelines created since the request have their variables read. */
const MAX_CANDIDATES = 50;

/**
 * Finds the pipeline a request created when its answer was lost: among the
 * project's pipelines on the ref created since shortly before the request,
 * oldest first, the one whose `IMAGE_FACTORY_REBUILD_ID` variable is the
 * rebuild's id. A pipeline without it, such as one a person started, is never
 * taken. Undefined while no such pipeline exists.
 */
export async function findCreatedPipeline(
  call: GitlabCaller,
  options: {
    project: GitlabProject;
    ref: string;
    rebuildId: string;
    /** Epoch milliseconds. */
    dispatchedAt: number;
  },
): Promise<ListedPipeline | undefined> {
  if (!options.rebuildId) {
    return undefined;
  }
  const id = encodeURIComponent(options.project.path);
  const since = options.dispatchedAt - CLOCK_SKEW_MS;
  // `updated_after` is on every GitLab version (`created_after` only on new
  // ones): a pipeline created since then was updated since then too.
  const query = new URLSearchParams({
    ref: options.ref,
    updated_after: new Date(since).toISOString(),
    order_by: 'id',
    sort: 'asc',
    per_page: '100',
  });
  const listed = await call<ListedPipeline[]>(
    `listing pipelines of ${options.project.path}@${options.ref}`,
    { path: `projects/${id}/pipelines?${query}` },
  );
  const candidates = listed
    .filter(
      pipeline =>
        pipeline.created_at === undefined ||
        Date.parse(pipeline.created_at) >= since,
    )
    .slice(0, MAX_CANDIDATES);
  for (const pipeline of candidates) {
    const variables = await call<Array<{ key: string; value: string }>>(
      `reading the variables of pipeline ${pipeline.id} of ${options.project.path}`,
      { path: `projects/${id}/pipelines/${pipeline.id}/variables` },
    );
    if (
      variables.some(
        v =>
          v.key === GITLAB_VARIABLE_NAMES.rebuildId &&
          v.value === options.rebuildId,
      )
    ) {
      return pipeline;
    }
  }
  return undefined;
}
