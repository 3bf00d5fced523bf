import { serveGitHttpBackend } from '../git/__testUtils__/startGitHttpServer';
import type { LocalGithubApp } from './localGithubApp';
import {
  Answer,
  LocalHttpServer,
  RecordedRequest,
  startLocalHttpServer,
  StreamRouter,
} from './localHttpServer';

// Test support: a local stand-in for the GitHub REST API of a GitHub
// Enterprise Server at `<url>/api/v3`, implementing the documented endpoints
// the GitHub trigger calls: get a repository, create a workflow dispatch
// event (with or without `return_run_details`), get a workflow run, list
// workflow runs for a workflow, and get repository content (raw), which
// Backstage's GitHub URL reader calls. Like GitHub, a run shows its inputs
// only through its `display_title`, the workflow's `run-name`. It accepts a
// personal access token, or the installation access tokens of a GitHub App
// (localGithubApp.ts, whose endpoints it serves too), each for the
// repositories of its installation. Given a folder of bare repositories, it
// also hosts them for git over smart HTTP at `<url>/<owner>/<name>.git`,
// authenticated as GitHub does: HTTP basic with `x-access-token` and a token.

/** A repository the server knows. */
export interface LocalRepository {
  defaultBranch: string;
  branches: string[];
  /** Workflow file name to the inputs it declares. */
  workflows: Record<string, string[]>;
  /**
   * Workflow file name to its `run-name`, where `${{ inputs.<name> }}` stands
   * for a dispatch input. A workflow without one shows its name, as GitHub
   * does for a `workflow_dispatch` run.
   */
  runNames?: Record<string, string>;
  /** File path to content, on every branch. */
  files?: Record<string, string>;
}

/** A workflow run the server started. */
export interface LocalWorkflowRun {
  id: number;
  repository: string;
  workflow: string;
  head_branch: string;
  event: string;
  status: string;
  conclusion: string | null;
  created_at: string;
  html_url: string;
  /** The run's `run-name` as GitHub shows it. */
  display_title: string;
  inputs: Record<string, unknown>;
}

/** A running local GitHub API. */
export interface LocalGithubApi extends LocalHttpServer {
  /** `<url>/api/v3`, the integration's `apiBaseUrl`. */
  apiBaseUrl: string;
  runs: LocalWorkflowRun[];
  /** Starts a run the way a person would (not through the trigger). */
  addRun(
    run: Omit<
      LocalWorkflowRun,
      'id' | 'html_url' | 'inputs' | 'display_title'
    > &
      Partial<Pick<LocalWorkflowRun, 'display_title'>>,
  ): LocalWorkflowRun;
}

const DOCS = 'https://docs.github.com/rest/actions/workflows';

function error(status: number, message: string): Answer {
  return { status, body: { message, documentation_url: DOCS } };
}

/**
 * Starts the server. `returnsRunDetails: false` acts as an older GHES. It
 * accepts `token`, and the tokens `app` created.
 */
export async function startLocalGithubApi(options: {
  token?: string;
  app?: LocalGithubApp;
  /**
   * Hosts the bare repositories below `projectRoot` (`<owner>/<name>.git`) for
   * git, run with `env`.
   */
  git?: { projectRoot: string; env: NodeJS.ProcessEnv };
  returnsRunDetails: boolean;
  repositories: Record<string, LocalRepository>;
  now: () => number;
}): Promise<LocalGithubApi> {
  const runs: LocalWorkflowRun[] = [];
  // Known once the server listens; only read while answering requests.
  let apiBaseUrl = '';
  let nextId = 9_000_000_001;
  const addRun = (
    run: Omit<
      LocalWorkflowRun,
      'id' | 'html_url' | 'inputs' | 'display_title'
    > &
      Partial<Pick<LocalWorkflowRun, 'display_title'>>,
    inputs: Record<string, unknown> = {},
  ) => {
    const id = nextId++;
    const runName =
      options.repositories[run.repository]?.runNames?.[run.workflow];
    const created: LocalWorkflowRun = {
      ...run,
      id,
      inputs,
      html_url: `https://ghe.local/${run.repository}/actions/runs/${id}`,
      display_title:
        run.display_title ??
        (runName === undefined
          ? run.workflow
          : runName.replace(
              /\$\{\{\s*inputs\.([\w-]+)\s*\}\}/g,
              (_, input: string) => String(inputs[input] ?? ''),
            )),
    };
    runs.push(created);
    return created;
  };
  const present = (run: LocalWorkflowRun) => ({
    id: run.id,
    name: run.workflow,
    display_title: run.display_title,
    head_branch: run.head_branch,
    event: run.event,
    status: run.status,
    conclusion: run.conclusion,
    created_at: run.created_at,
    html_url: run.html_url,
    path: `.github/workflows/${run.workflow}`,
  });

  // Whether `sent` may act on `repository` (`owner/name`); on anything, without one.
  const authorizes = (sent: string | undefined, repository?: string) =>
    (options.token !== undefined && sent === options.token) ||
    Boolean(options.app?.authorizes(sent, repository));

  const route = (request: RecordedRequest): Answer | undefined => {
    const apiPath = /^\/api\/v3(\/.*)$/.exec(request.path)?.[1];
    // The app's endpoints authenticate with the app's JWT, not a token.
    const asApp = apiPath ? options.app?.route(request, apiPath) : undefined;
    if (asApp) {
      return asApp;
    }
    // Octokit sends `token …`, Backstage's GitHub URL reader `Bearer …`.
    const sent = request.headers.authorization?.replace(/^(token|Bearer) /, '');
    if (!authorizes(sent)) {
      return error(401, 'Bad credentials');
    }
    const match = /^\/repos\/([^/]+)\/([^/]+)(\/.*)?$/.exec(apiPath ?? '');
    const name = match && `${match[1]}/${match[2]}`;
    const repository = name ? options.repositories[name] : undefined;
    // Like GitHub, a repository the token does not reach is not found.
    if (!match || !name || !repository || !authorizes(sent, name)) {
      return undefined;
    }
    const rest = match[3] ?? '';
    if (request.method === 'GET' && rest === '') {
      return {
        status: 200,
        body: { full_name: name, default_branch: repository.defaultBranch },
      };
    }
    const content = /^\/contents\/(.+)$/.exec(rest);
    if (request.method === 'GET' && content) {
      const file = repository.files?.[decodeURIComponent(content[1])];
      return file === undefined
        ? error(404, 'Not Found')
        : { status: 200, text: file };
    }
    const dispatch = /^\/actions\/workflows\/([^/]+)\/dispatches$/.exec(rest);
    if (request.method === 'POST' && dispatch) {
      const workflow = decodeURIComponent(dispatch[1]);
      const declared = repository.workflows[workflow];
      if (!declared) {
        return error(404, 'Not Found');
      }
      const body = (request.body ?? {}) as {
        ref?: string;
        inputs?: Record<string, unknown>;
        return_run_details?: boolean;
      };
      if (body.return_run_details !== undefined && !options.returnsRunDetails) {
        return error(
          422,
          'Invalid request.\n\n"return_run_details" is not a permitted key.',
        );
      }
      const branch = (body.ref ?? '').replace(/^refs\/heads\//, '');
      if (!repository.branches.includes(branch)) {
        return error(422, `No ref found for: ${body.ref}`);
      }
      const unexpected = Object.keys(body.inputs ?? {}).filter(
        key => !declared.includes(key),
      );
      if (unexpected.length > 0) {
        return error(
          422,
          `Unexpected inputs provided: ${JSON.stringify(unexpected)}`,
        );
      }
      const run = addRun(
        {
          repository: name,
          workflow,
          head_branch: branch,
          event: 'workflow_dispatch',
          status: 'queued',
          conclusion: null,
          created_at: new Date(options.now())
            .toISOString()
            .replace(/\.\d{3}Z$/, 'Z'),
        },
        body.inputs,
      );
      if (!body.return_run_details) {
        return { status: 204 };
      }
      return {
        status: 200,
        body: {
          workflow_run_id: run.id,
          run_url: `${apiBaseUrl}/repos/${name}/actions/runs/${run.id}`,
          html_url: run.html_url,
        },
      };
    }
    const single = /^\/actions\/runs\/(\d+)$/.exec(rest);
    if (request.method === 'GET' && single) {
      const run = runs.find(
        r => r.repository === name && r.id === Number(single[1]),
      );
      return run
        ? { status: 200, body: present(run) }
        : error(404, 'Not Found');
    }
    const list = /^\/actions\/workflows\/([^/]+)\/runs$/.exec(rest);
    if (request.method === 'GET' && list) {
      const workflow = decodeURIComponent(list[1]);
      const { query } = request;
      const since = query.get('created')?.replace(/^>=/, '');
      const found = runs
        .filter(r => r.repository === name && r.workflow === workflow)
        .filter(
          r => !query.get('branch') || r.head_branch === query.get('branch'),
        )
        .filter(r => !query.get('event') || r.event === query.get('event'))
        .filter(r => !since || Date.parse(r.created_at) >= Date.parse(since))
        .sort((a, b) => b.id - a.id);
      return {
        status: 200,
        body: { total_count: found.length, workflow_runs: found.map(present) },
      };
    }
    return undefined;
  };

  // Git's requests carry binary pack data: served as streams, never parsed.
  const git: StreamRouter = (request, incoming, response) => {
    const match = /^\/([^/]+)\/([^/]+)\.git(\/|$)/.exec(request.path);
    if (!options.git || !match) {
      return false;
    }
    const basic = /^Basic (.+)$/.exec(request.headers.authorization ?? '')?.[1];
    const [username, ...rest] = Buffer.from(basic ?? '', 'base64')
      .toString('utf8')
      .split(':');
    if (
      username !== 'x-access-token' ||
      !authorizes(rest.join(':'), `${match[1]}/${match[2]}`)
    ) {
      incoming.resume();
      response.writeHead(401, { 'WWW-Authenticate': 'Basic realm="GitHub"' });
      response.end('Invalid username or token.\n');
      return true;
    }
    serveGitHttpBackend(incoming, response, {
      projectRoot: options.git.projectRoot,
      remoteUser: username,
      env: options.git.env,
    });
    return true;
  };

  const server = await startLocalHttpServer(request => route(request), {
    stream: git,
  });
  apiBaseUrl = `${server.url}/api/v3`;
  return { ...server, apiBaseUrl, runs, addRun: run => addRun(run) };
}
