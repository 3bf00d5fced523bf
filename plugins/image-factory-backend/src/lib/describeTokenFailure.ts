/**
 * Why the GitHub integration could not hand out a token, for an error message:
 * the status GitHub answered, when it answered, and its message. Only a GitHub
 * App's installation token is asked for over the network, so a failure here is
 * the App's (a wrong private key, an app not installed on the repository). The
 * error itself is not kept: Octokit's request objects carry the app's JWT.
 */
export function describeTokenFailure(
  error: unknown,
  apiBaseUrl: string,
): { status?: number; text: string } {
  const answered = (error as { status?: unknown } | null)?.status;
  const status = typeof answered === 'number' ? answered : undefined;
  const message = error instanceof Error ? error.message : String(error);
  return {
    status,
    text:
      status === undefined
        ? message
        : `GitHub at ${apiBaseUrl} answered ${status}: ${message}`,
  };
}
