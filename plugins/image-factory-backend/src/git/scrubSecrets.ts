/**
 * Removes URL userinfo and the given secret strings from a text, so that git's
 * messages can be logged and returned to callers without leaking credentials.
 *
 * @param text - usually a git stderr output or an error message
 * @param secrets - literal values that must never appear (tokens and encodings of them)
 * @internal
 */
export function scrubSecrets(
  text: string,
  secrets: readonly string[] = [],
): string {
  // git echoes remote URLs in its messages; a URL may carry `user:password@`.
  let result = text.replace(/([a-z][a-z0-9+.-]*:\/\/)[^/\s@]+@/gi, '$1***@');
  for (const secret of secrets) {
    if (secret.length > 0) {
      result = result.split(secret).join('***');
    }
  }
  return result;
}
