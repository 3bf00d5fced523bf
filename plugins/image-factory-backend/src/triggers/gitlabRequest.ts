import type { HttpFailure } from './retryOnRateLimit';

/** A GitLab API answer other than 2xx. */
export class GitlabHttpError extends Error {
  readonly failure: HttpFailure;

  constructor(failure: HttpFailure) {
    super(`GitLab answered ${failure.status}: ${failure.message}`);
    this.name = 'GitlabHttpError';
    this.failure = failure;
  }
}

// GitLab's error bodies come as {"message": "…"}, {"message": ["…"]},
// {"message": {"base": ["…"], "ref": ["…"]}} or {"error": "…"}.
function describeMessage(value: unknown): string | undefined {
  if (typeof value === 'string') {
    return value;
  }
  if (Array.isArray(value)) {
    return value.map(describeMessage).filter(Boolean).join('; ') || undefined;
  }
  if (value && typeof value === 'object') {
    return (
      Object.entries(value)
        .map(([key, inner]) => {
          const text = describeMessage(inner);
          if (!text) {
            return undefined;
          }
          return key === 'base' ? text : `${key} ${text}`;
        })
        .filter(Boolean)
        .join('; ') || undefined
    );
  }
  return undefined;
}

async function readFailure(response: Response): Promise<HttpFailure> {
  const text = await response.text();
  let message: string | undefined;
  try {
    const body = JSON.parse(text) as {
      message?: unknown;
      error?: unknown;
      error_description?: unknown;
    };
    message =
      describeMessage(body.message) ??
      [describeMessage(body.error), describeMessage(body.error_description)]
        .filter(Boolean)
        .join(': ');
  } catch {
    message = text.trim().slice(0, 500);
  }
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name.toLowerCase()] = value;
  });
  return {
    status: response.status,
    headers,
    message: message || response.statusText,
  };
}

/**
 * One call to the GitLab REST API (`<apiBaseUrl>/<path>`), returning the JSON
 * answer; a non-2xx answer is thrown as a {@link GitlabHttpError}.
 */
export async function gitlabRequest<T>(options: {
  apiBaseUrl: string;
  path: string;
  method?: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: unknown;
  timeoutMs?: number;
}): Promise<T> {
  const response = await fetch(`${options.apiBaseUrl}/${options.path}`, {
    method: options.method ?? 'GET',
    headers: {
      accept: 'application/json',
      ...(options.body === undefined
        ? {}
        : { 'content-type': 'application/json' }),
      ...options.headers,
    },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
  });
  if (!response.ok) {
    throw new GitlabHttpError(await readFailure(response));
  }
  return (await response.json()) as T;
}
