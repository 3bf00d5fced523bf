import {
  Answer,
  LocalHttpServer,
  RecordedRequest,
  startLocalHttpServer,
} from './localHttpServer';

// Test support: a local stand-in for the REST API of a self-hosted GitLab at
// `<url>/api/v4`, implementing the documented endpoints the GitLab trigger
// calls: get a single project, create a new pipeline, get a single pipeline.

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
  web_url: string;
  variables: Array<{ key: string; value: string }>;
}

/** A running local GitLab API. */
export interface LocalGitlabApi extends LocalHttpServer {
  /** `<url>/api/v4`, the integration's `apiBaseUrl`. */
  apiBaseUrl: string;
  pipelines: LocalPipeline[];
}

function error(status: number, message: unknown): Answer {
  return { status, body: { message } };
}

/** Starts the server; requests must carry `Authorization: Bearer <token>`. */
export async function startLocalGitlabApi(options: {
  token: string;
  projects: Record<string, LocalProject>;
}): Promise<LocalGitlabApi> {
  const pipelines: LocalPipeline[] = [];
  let nextId = 1_200_001;
  const present = (pipeline: LocalPipeline) => ({
    id: pipeline.id,
    iid: pipeline.id - 1_200_000,
    project_id: options.projects[pipeline.project].id,
    ref: pipeline.ref,
    status: pipeline.status,
    source: 'api',
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
      const id = nextId++;
      const pipeline: LocalPipeline = {
        id,
        project: path,
        ref: body.ref,
        status: 'created',
        web_url: `https://gitlab.local/${path}/-/pipelines/${id}`,
        variables,
      };
      pipelines.push(pipeline);
      return { status: 201, body: present(pipeline) };
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
  return { ...server, apiBaseUrl: `${server.url}/api/v4`, pipelines };
}
