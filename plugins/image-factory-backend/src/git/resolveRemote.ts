import { InputError } from '@backstage/errors';
import { resolve as resolvePath } from 'node:path';

/**
 * A token for an HTTPS state repository, sent as HTTP basic authentication.
 *
 * @public
 */
export interface StateRepositoryCredentials {
  /** The token: a GitHub or GitLab access token, or a password. */
  token: string;
  /** User name sent with the token. Default `x-access-token`, which GitHub and GitLab accept. */
  username?: string;
}

/** Where the state repository lives, in the form the git commands use. */
export interface ResolvedRemote {
  /** The URL or absolute path handed to git: never carries credentials. */
  url: string;
  /** Whether git talks HTTP to it, so an authorization header applies. */
  http: boolean;
  /** Credentials for HTTP remotes: the given ones, or those found in the URL's userinfo. */
  credentials?: StateRepositoryCredentials;
}

/**
 * Validates a state repository location and separates any credentials from it,
 * so the location can be passed to git and shown in messages as is.
 *
 * @param url - `https://…`, `http://…`, `file://…`, or a local path to a bare repository
 * @param credentials - credentials given apart from the URL; they win over URL userinfo
 */
export function resolveRemote(
  url: string,
  credentials?: StateRepositoryCredentials,
): ResolvedRemote {
  const trimmed = url.trim();
  if (!trimmed) {
    throw new InputError('The state repository URL is empty');
  }
  if (/^https?:\/\//i.test(trimmed)) {
    let parsed: URL;
    try {
      parsed = new URL(trimmed);
    } catch {
      throw new InputError('The state repository URL is not a valid URL');
    }
    const fromUrl: StateRepositoryCredentials | undefined =
      parsed.password || parsed.username
        ? {
            token: decodeURIComponent(parsed.password || parsed.username),
            username: parsed.password
              ? decodeURIComponent(parsed.username)
              : undefined,
          }
        : undefined;
    parsed.username = '';
    parsed.password = '';
    return {
      url: parsed.toString(),
      http: true,
      credentials: credentials ?? fromUrl,
    };
  }
  if (/^file:\/\//i.test(trimmed)) {
    return { url: trimmed, http: false };
  }
  if (
    /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ||
    /^[^/]*@[^/]*:/.test(trimmed)
  ) {
    throw new InputError(
      'The state repository URL must be https://…, file://… or a local path',
    );
  }
  // An absolute path also keeps git from reading a leading `-` as an option.
  return { url: resolvePath(trimmed), http: false };
}
