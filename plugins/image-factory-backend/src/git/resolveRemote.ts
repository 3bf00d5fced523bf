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
  /** Whether git talks HTTP to it (`http://` or `https://`, in any case). */
  http: boolean;
  /**
   * Whether it is `https://`, in any case: the only remote credentials go to.
   * Decide with this, never by looking at the URL again.
   */
  https: boolean;
  /** Credentials for HTTPS remotes: the given ones, or those found in the URL's userinfo. */
  credentials?: StateRepositoryCredentials;
}

function userinfoCredentials(
  parsed: URL,
): StateRepositoryCredentials | undefined {
  if (!parsed.password && !parsed.username) {
    return undefined;
  }
  const decode = (text: string) => {
    try {
      return decodeURIComponent(text);
    } catch {
      // Not the text itself: it is a credential.
      throw new InputError(
        'The credentials in the state repository URL are not valid percent-encoding',
      );
    }
  };
  return {
    token: decode(parsed.password || parsed.username),
    username: parsed.password ? decode(parsed.username) : undefined,
  };
}

/**
 * Validates a state repository location and separates any credentials from it,
 * so the location can be passed to git and shown in messages as is. Schemes
 * are matched in any case (`HTTPS://` is `https://`).
 *
 * @param url - `https://…`, `http://…`, `file://…`, or a local path to a bare repository
 * @param credentials - credentials given apart from the URL; they win over URL
 *   userinfo. A function (asked later, for each operation) only counts as given.
 * @throws InputError for an unusable location, and for `http://` with
 *   credentials: they would travel in clear text. The message never holds them.
 */
export function resolveRemote(
  url: string,
  credentials?:
    | StateRepositoryCredentials
    | (() => Promise<StateRepositoryCredentials | undefined>),
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
    // `URL` lower-cases the scheme: from here on it is the one truth.
    const https = parsed.protocol === 'https:';
    const fromUrl = userinfoCredentials(parsed);
    if (!https && (fromUrl || credentials)) {
      throw new InputError(
        'The state repository URL is http://, which would send its credentials in clear text: use https://, or http:// without credentials',
      );
    }
    parsed.username = '';
    parsed.password = '';
    const given = typeof credentials === 'function' ? undefined : credentials;
    const found = given ?? fromUrl;
    return {
      url: parsed.toString(),
      http: true,
      https,
      ...(found ? { credentials: found } : {}),
    };
  }
  if (/^file:\/\//i.test(trimmed)) {
    return { url: trimmed, http: false, https: false };
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
  return { url: resolvePath(trimmed), http: false, https: false };
}
