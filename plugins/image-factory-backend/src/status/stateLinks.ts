import { ScmIntegrationRegistry } from '@backstage/integration';
import {
  ImageStateLinks,
  ImageStatePaths,
  SCM_VIEWS,
} from '@image-factory/backstage-plugin-image-factory-common';

/** Where the state repository lives: `imageFactory.stateRepository` and the SCM integrations. */
export interface StateLinksInput {
  /** Unset: the embedded local repository, which has no web page. */
  url?: string;
  branch: string;
  /** Without leading or trailing slashes; empty for the repository's root. */
  basePath: string;
  integrations: ScmIntegrationRegistry;
}

/**
 * Links to an image's or a base image's files on the state repository's host,
 * for a state repository on GitHub or GitLab (a host known to `integrations`).
 * A local path, a `file:` URL or any other host gives no links: the paths are
 * shown as they are. The repository's address is read once, for a whole
 * run's documents.
 */
export function stateLinksOf(
  input: StateLinksInput | undefined,
): (paths: ImageStatePaths) => ImageStateLinks {
  const blob = input && blobUrlOf(input);
  if (!blob) {
    return () => ({});
  }
  return paths => ({
    stateFile: blob(paths.stateFile),
    ...(paths.warehouseManifest
      ? { warehouseManifest: blob(paths.warehouseManifest) }
      : {}),
  });
}

function blobUrlOf(
  input: StateLinksInput,
): ((path: string) => string) | undefined {
  const repository = input.url ? webUrlOf(input.url) : undefined;
  if (!repository) {
    return undefined;
  }
  const type = input.integrations.byUrl(repository)?.type;
  const view = type ? SCM_VIEWS[type] : undefined;
  if (!view) {
    return undefined;
  }
  const prefix = `${repository}/${view.file}/${encodePath(input.branch)}/`;
  return path =>
    `${prefix}${encodePath(
      input.basePath ? `${input.basePath}/${path}` : path,
    )}`;
}

/**
 * The repository's web address: `https://host/owner/repo`, without
 * credentials, query or a trailing `.git`. SSH forms (`ssh://git@host/…`,
 * `git@host:owner/repo.git`) are read as the same host over HTTPS.
 */
function webUrlOf(configured: string): string | undefined {
  const scp = /^[\w.-]+@([\w.-]+):(?!\/)(.+)$/.exec(configured);
  let url: URL;
  try {
    url = new URL(scp ? `https://${scp[1]}/${scp[2]}` : configured);
  } catch {
    return undefined;
  }
  if (url.protocol === 'ssh:') {
    url = new URL(`https://${url.hostname}${url.pathname}`);
  } else if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return undefined;
  }
  const pathname = url.pathname.replace(/\/+$/, '').replace(/\.git$/, '');
  if (!pathname) {
    return undefined;
  }
  return `${url.protocol}//${url.host}${pathname}`;
}

function encodePath(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}
