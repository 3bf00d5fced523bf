// Shapes of tokens GitHub and GitLab issue, caught even when the literal value
// is not known here (an App installation token minted by the credentials provider).
const TOKEN_PATTERNS: RegExp[] = [
  /\bgh[pousr]_[A-Za-z0-9]{20,}\b/g,
  /\bgithub_pat_[A-Za-z0-9_]{20,}\b/g,
  /\bgl(?:pat|oas|dt|rt|cbt|ptt|ft|imt|agent|soat)-[A-Za-z0-9_-]{16,}/g,
];

/**
 * Removes credentials from a text before it is logged, thrown or stored: the
 * given literal secrets (tokens and encodings of them), anything after
 * `Bearer`/`token` in an authorization value, URL userinfo (git and HTTP clients
 * echo remote URLs) and strings shaped like GitHub or GitLab tokens. Shared by the
 * state repository and the rebuild triggers.
 */
export function scrubSecrets(
  text: string,
  secrets: readonly string[] = [],
): string {
  let result = text;
  for (const secret of secrets) {
    if (secret.length > 0) {
      result = result.split(secret).join('***');
    }
  }
  // Only credential-shaped words after the keyword, so "the token has expired" stays readable.
  result = result.replace(
    /\b(bearer|token)(\s+)[A-Za-z0-9._~+/=-]{16,}/gi,
    '$1$2***',
  );
  result = result.replace(
    /(private-token["']?\s*[:=]\s*["']?)[^\s"',;]+/gi,
    '$1***',
  );
  result = result.replace(/([a-z][a-z0-9+.-]*:\/\/)[^/\s@]+@/gi, '$1***@');
  for (const pattern of TOKEN_PATTERNS) {
    result = result.replace(pattern, '***');
  }
  return result;
}
