import type { HttpFailure } from './retryOnRateLimit';

interface GithubErrorBody {
  message?: unknown;
  errors?: Array<{ message?: unknown; code?: unknown; field?: unknown }>;
}

function describeBody(data: unknown): string | undefined {
  if (typeof data === 'string') {
    return data.trim() || undefined;
  }
  if (!data || typeof data !== 'object') {
    return undefined;
  }
  const body = data as GithubErrorBody;
  const details = (Array.isArray(body.errors) ? body.errors : [])
    .map(item =>
      typeof item === 'string'
        ? item
        : [item.field, item.code, item.message]
            .filter(part => typeof part === 'string')
            .join(' '),
    )
    .filter(Boolean);
  const message = typeof body.message === 'string' ? body.message : undefined;
  return [message, ...details].filter(Boolean).join('; ') || undefined;
}

/**
 * Reads an error thrown by Octokit as the HTTP answer behind it: status,
 * lower-cased headers and GitHub's message (with its validation errors).
 * Undefined when no answer was received, e.g. the host could not be reached.
 */
export function readGithubFailure(error: unknown): HttpFailure | undefined {
  if (!error || typeof error !== 'object') {
    return undefined;
  }
  const { status, response } = error as {
    status?: unknown;
    response?: { headers?: Record<string, unknown>; data?: unknown };
  };
  if (typeof status !== 'number' || !response) {
    return undefined;
  }
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(response.headers ?? {})) {
    if (value !== undefined && value !== null) {
      headers[name.toLowerCase()] = String(value);
    }
  }
  return {
    status,
    headers,
    message: describeBody(response.data) ?? (error as Error).message ?? '',
  };
}
