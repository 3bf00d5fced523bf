/**
 * A `WWW-Authenticate` challenge from a registry: `Basic realm="…"` or
 * `Bearer realm="…",service="…",scope="…"` as the distribution token spec describes.
 */
export interface AuthChallenge {
  scheme: 'basic' | 'bearer';
  params: Record<string, string>;
}

// key=value or key="quoted value" (with backslash escapes), separated by commas.
const PARAM_SOURCE =
  /\s*([a-zA-Z0-9_.-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^,\s]*))\s*(?:,|$)/
    .source;

/**
 * Parses a `WWW-Authenticate` header. Returns undefined for a missing header or a
 * scheme other than Basic and Bearer, which the caller reports as an auth failure.
 */
export function parseAuthChallenge(
  header: string | null,
): AuthChallenge | undefined {
  if (!header) {
    return undefined;
  }
  const match = /^\s*(Basic|Bearer)\b\s*/i.exec(header);
  if (!match) {
    return undefined;
  }
  const params: Record<string, string> = {};
  const rest = header.slice(match[0].length);
  const pattern = new RegExp(PARAM_SOURCE, 'y');
  while (pattern.lastIndex < rest.length) {
    const param = pattern.exec(rest);
    if (!param) {
      break;
    }
    const value =
      param[2] !== undefined ? param[2].replace(/\\(.)/g, '$1') : param[3];
    params[param[1].toLowerCase()] = value;
  }
  return {
    scheme: match[1].toLowerCase() === 'basic' ? 'basic' : 'bearer',
    params,
  };
}
