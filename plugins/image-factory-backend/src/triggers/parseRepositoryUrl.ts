import { InputError } from '@backstage/errors';

/** A GitHub repository and the branch a source location names. */
export interface GithubRepository {
  owner: string;
  repo: string;
  /** `null` when the location names none: the default branch is used. */
  branch: string | null;
  /** `https://<host>/<owner>/<repo>`, what credentials are asked for. */
  url: string;
}

/** A GitLab project and the branch a source location names. */
export interface GitlabProject {
  /** `group/sub/project`. */
  path: string;
  branch: string | null;
}

function toUrl(sourceLocation: string): URL {
  const text = sourceLocation.replace(/^url:/, '');
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    throw new InputError(
      `Source location "${sourceLocation}" is not an http(s) URL: only a repository on GitHub or GitLab can run a rebuild`,
    );
  }
  return url;
}

function segmentsOf(pathname: string): string[] {
  return pathname
    .split('/')
    .filter(Boolean)
    .map(segment => decodeURIComponent(segment));
}

// A branch containing "/" cannot be told apart from the folder after it in a
// browse URL; like GitHub's own short links, the first segment is the branch.
function branchAfter(segments: string[], index: number): string | null {
  const marker = segments[index];
  return (marker === 'tree' || marker === 'blob') && segments[index + 1]
    ? segments[index + 1]
    : null;
}

/**
 * Reads owner, repository and branch from a GitHub source location such as
 * `https://github.com/acme/payments/tree/main/` or
 * `url:https://ghe.example.com/acme/payments/blob/main/Dockerfile`.
 */
export function parseGithubRepository(
  sourceLocation: string,
): GithubRepository {
  const url = toUrl(sourceLocation);
  const segments = segmentsOf(url.pathname);
  if (segments.length < 2) {
    throw new InputError(
      `Source location "${sourceLocation}" does not name a GitHub repository (https://<host>/<owner>/<repo>/tree/<branch>/)`,
    );
  }
  const owner = segments[0];
  const repo = segments[1].replace(/\.git$/, '');
  return {
    owner,
    repo,
    branch: branchAfter(segments, 2),
    url: `${url.protocol}//${url.host}/${owner}/${repo}`,
  };
}

/**
 * Reads project path and branch from a GitLab source location such as
 * `https://gitlab.example.com/group/sub/project/-/tree/main/`. `baseUrl` is
 * the integration's web address, so an instance under a path
 * (`https://example.com/gitlab`) is read correctly.
 */
export function parseGitlabProject(
  sourceLocation: string,
  baseUrl: string,
): GitlabProject {
  const url = toUrl(sourceLocation);
  const prefix = segmentsOf(new URL(baseUrl).pathname);
  let segments = segmentsOf(url.pathname);
  if (prefix.every((segment, index) => segments[index] === segment)) {
    segments = segments.slice(prefix.length);
  }
  let end = segments.indexOf('-');
  let branch: string | null = null;
  if (end >= 0) {
    branch = branchAfter(segments, end + 1);
  } else {
    // Older links leave out the "-" separator.
    end = segments.findIndex(
      (_, index) => index >= 2 && branchAfter(segments, index) !== null,
    );
    if (end >= 0) {
      branch = branchAfter(segments, end);
    } else {
      end = segments.length;
    }
  }
  const project = segments.slice(0, end);
  if (project.length < 2) {
    throw new InputError(
      `Source location "${sourceLocation}" does not name a GitLab project (https://<host>/<group>/<project>/-/tree/<branch>/)`,
    );
  }
  project[project.length - 1] = project[project.length - 1].replace(
    /\.git$/,
    '',
  );
  return { path: project.join('/'), branch };
}
