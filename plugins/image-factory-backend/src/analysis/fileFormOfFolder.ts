/**
 * The form of a repository folder URL that its files are read under: a GitLab
 * `/-/tree/` folder becomes `/-/blob/` (GitLab's UrlReader reads nothing else),
 * and a GitHub-shaped `/{owner}/{repo}/tree/{ref}/` becomes `/blob/` (GitHub's
 * reader would take either, but `blob` is its file form). Folder URLs are what
 * `backstage.io/source-location` and the README's examples hold.
 */
export function fileFormOfFolder(url: string): string {
  const parsed = new URL(url);
  const segments = parsed.pathname.split('/');
  // GitLab puts `-` between the project path (any depth) and `tree`/`blob`.
  const gitlab = segments.indexOf('-');
  if (gitlab > 0 && segments[gitlab + 1] === 'tree') {
    segments[gitlab + 1] = 'blob';
  } else if (gitlab === -1 && segments[3] === 'tree' && segments[4]) {
    // ['', owner, repo, 'tree', ref, ...]
    segments[3] = 'blob';
  }
  parsed.pathname = segments.join('/');
  return parsed.href;
}
