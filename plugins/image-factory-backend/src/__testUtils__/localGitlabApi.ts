import {
  Answer,
  LocalHttpServer,
  RecordedRequest,
  startLocalHttpServer,
} from './localHttpServer';

// Test support: a local stand-in for the REST API of a self-hosted GitLab at
// `<url>/api/v4`, implementing the documented endpoints the GitLab trigger
// calls: get a single project, create a new pipeline, get a single pipeline,
// list project pipelines and get the variables of a pipeline.

/** A project the server knows, by its full path. */
export interface LocalProject {
  id: number;
  defaultBranch: string;
  branches: string[];
  /**
   * `ci_pipeline_variables_minimum_override_role` of the project: with
   * `no_one_allowed`, creating a pipeline with variables is refused.
   */
  pipelineVariablesMinimumRole:
    | 'no_one_allowed'
    | 'developer'
    | 'maintainer'
    | 'owner';
}

/** A pipeline the server created. */
export interface LocalPipeline {
  id: number;
  project: string;
  ref: string;
  status: string;
  /** `api` for a pipeline created through the API, `web` for one started in the UI. */
  source: string;
  created_at: string;
  updated_at: string;
  web_url: string;
  variables: Array<{ key: string; value: string }>;
}

/** A running local GitLab API. */
export interface LocalGitlabApi extends LocalHttpServer {
  /** `<url>/api/v4`, the integration's `apiBaseUrl`. */
  apiBaseUrl: string;
  pipelines: LocalPipeline[];
  /** Starts a pipeline the way a person would (not through the trigger). */
  addPipeline(
    pipeline: Pick<LocalPipeline, 'project' | 'ref' | 'status'> &
      Partial<Pick<LocalPipeline, 'source' | 'variables' | 'created_at'>>,
  ): LocalPipeline;
}

function error(status: number, message: unknown): Answer {
  return { status, body: { message } };
}

/** Starts the server; requests must carry `Authorization: Bearer <token>`. */
export async function startLocalGitlabApi(options: {
  token: string;
  projects: Record<string, LocalProject>;
  /** Epoch milliseconds, for `created_at`; default `Date.now`. */
  now?: () => number;
}): Promise<LocalGitlabApi> {
  const pipelines: LocalPipeline[] = [];
  const now = options.now ?? Date.now;
  let nextId = 1_200_001;
  const addPipeline: LocalGitlabApi['addPipeline'] = pipeline => {
    const id = nextId++;
    const createdAt = pipeline.created_at ?? new Date(now()).toISOString();
    const created: LocalPipeline = {
      source: 'web',
      variables: [],
      ...pipeline,
      id,
      created_at: createdAt,
      updated_at: createdAt,
      web_url: `https://gitlab.local/${pipeline.project}/-/pipelines/${id}`,
    };
    pipelines.push(created);
    return created;
  };
  const present = (pipeline: LocalPipeline) => ({
    id: pipeline.id,
    iid: pipeline.id - 1_200_000,
    project_id: options.projects[pipeline.project].id,
    ref: pipeline.ref,
    status: pipeline.status,
    source: pipeline.source,
    created_at: pipeline.created_at,
    updated_at: pipeline.updated_at,
    web_url: pipeline.web_url,
  });

  const route = (request: RecordedRequest): Answer | undefined => {
    if (request.headers.authorization !== `Bearer ${options.token}`) {
      return error(401, '401 Unauthorized');
    }
    // The project id is its URL-encoded full path: one path segment.
    const match = /^\/api\/v4\/projects\/([^/]+)(\/.*)?$/.exec(
      request.url.split('?')[0],
    );
    const path = match ? decodeURIComponent(match[1]) : undefined;
    const project = path ? options.projects[path] : undefined;
    if (!match || !path || !project) {
      return match ? error(404, '404 Project Not Found') : undefined;
    }
    const rest = match[2] ?? '';
    if (request.method === 'GET' && rest === '') {
      return {
        status: 200,
        body: {
          id: project.id,
          path_with_namespace: path,
          default_branch: project.defaultBranch,
        },
      };
    }
    if (request.method === 'POST' && rest === '/pipeline') {
      const body = (request.body ?? {}) as {
        ref?: string;
        variables?: Array<{ key: string; value: string }>;
      };
      if (!body.ref) {
        return { status: 400, body: { error: 'ref is missing' } };
      }
      const variables = body.variables ?? [];
      if (
        variables.length > 0 &&
        project.pipelineVariablesMinimumRole === 'no_one_allowed'
      ) {
        return error(400, {
          base: ['Insufficient permissions to set pipeline variables'],
        });
      }
      if (!project.branches.includes(body.ref)) {
        return error(400, { base: ['Reference not found'] });
      }
      const pipeline = addPipeline({
        project: path,
        ref: body.ref,
        status: 'created',
        source: 'api',
        variables,
      });
      return { status: 201, body: present(pipeline) };
    }
    if (request.method === 'GET' && rest === '/pipelines') {
      const { query } = request;
      const after = query.get('updated_after');
      const perPage = Number(query.get('per_page') ?? 20);
      const found = pipelines
        .filter(p => p.project === path)
        .filter(p => !query.get('ref') || p.ref === query.get('ref'))
        .filter(p => !query.get('source') || p.source === query.get('source'))
        .filter(p => !after || Date.parse(p.updated_at) >= Date.parse(after))
        .sort((a, b) =>
          query.get('sort') === 'asc' ? a.id - b.id : b.id - a.id,
        )
        .slice(0, perPage);
      return { status: 200, body: found.map(present) };
    }
    const variablesOf = /^\/pipelines\/(\d+)\/variables$/.exec(rest);
    if (request.method === 'GET' && variablesOf) {
      const pipeline = pipelines.find(
        p => p.project === path && p.id === Number(variablesOf[1]),
      );
      return pipeline
        ? {
            status: 200,
            body: pipeline.variables.map(v => ({
              ...v,
              variable_type: 'env_var',
              raw: false,
            })),
          }
        : error(404, '404 Not found');
    }
    const single = /^\/pipelines\/(\d+)$/.exec(rest);
    if (request.method === 'GET' && single) {
      const pipeline = pipelines.find(
        p => p.project === path && p.id === Number(single[1]),
      );
      return pipeline
        ? { status: 200, body: present(pipeline) }
        : error(404, '404 Not found');
    }
    return undefined;
  };

  const server = await startLocalHttpServer(route);
  return {
    ...server,
    apiBaseUrl: `${server.url}/api/v4`,
    pipelines,
    addPipeline,
  };
}
