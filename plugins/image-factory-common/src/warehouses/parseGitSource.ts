/**
 * A git repository, branch and folder read from a Backstage source location.
 *
 * @public
 */
export interface GitSource {
  /** `https://github.com/acme/payments` */
  repoURL: string;
  /** `null` when the location does not name one: the default branch. */
  branch: string | null;
  /** Folder inside the repository, without leading or trailing slash; `''` for the root. */
  path: string;
}

// Browse URLs of GitHub, Gitea and GitLab (`/-/tree/`), and Bitbucket (`/src/`);
// a repository path has at least two segments (owner/name, or GitLab groups).
const BROWSE_URL =
  /^(https?:\/\/[^/]+\/[^/]+\/[^/]+?(?:\/[^/]+)*?)(?:\.git)?\/(?:-\/)?(?:tree|blob|src)\/([^/]+)(?:\/(.*))?$/;
const CLONE_URL = /^(https?:\/\/[^/]+\/.+\.git)\/?$/;

/**
 * Reads a git repository from a `url:` source location such as
 * `url:https://github.com/acme/payments/tree/main/services/api/`. Only browse
 * URLs (`/tree/<branch>/`, `/blob/<branch>/`, `/-/tree/<branch>/`,
 * `/src/<branch>/`) and clone URLs ending in `.git` are recognised; a branch
 * name containing `/` is read up to its first `/`. Anything else, `file:`
 * locations included, gives `undefined`: it is not known to be git.
 *
 * @public
 */
export function parseGitSource(location: string): GitSource | undefined {
  if (!location.startsWith('url:')) {
    return undefined;
  }
  const url = location.slice('url:'.length).replace(/[?#].*$/, '');
  const browse = BROWSE_URL.exec(url);
  if (browse) {
    return {
      repoURL: browse[1],
      branch: decodeURIComponent(browse[2]),
      path: (browse[3] ?? '').split('/').filter(Boolean).join('/'),
    };
  }
  const clone = CLONE_URL.exec(url);
  return clone ? { repoURL: clone[1], branch: null, path: '' } : undefined;
}
