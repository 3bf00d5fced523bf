import { RegistryResponse } from './sendWithRetries';

/**
 * Says in words why a registry answered a manifest request with an error status,
 * e.g. `no such tag or repository (HTTP 404 MANIFEST_UNKNOWN)`.
 */
export function describeRegistryStatus(
  response: RegistryResponse,
  hasCredentials: boolean,
): string {
  const codes = registryErrorCodes(response.body);
  const suffix = codes.length ? ` ${codes.join(', ')}` : '';
  switch (response.status) {
    case 401:
      return `the registry refused access (HTTP 401${suffix})${
        hasCredentials ? '' : '; no credentials are configured for it'
      }`;
    case 403:
      return `the registry denied access (HTTP 403${suffix})`;
    case 404:
      return `no such tag or repository (HTTP 404${suffix})`;
    case 429: {
      const after = response.headers.get('retry-after');
      return `rate limited by the registry (HTTP 429${suffix})${
        after ? `; retry after ${after.slice(0, 40)}` : ''
      }`;
    }
    default:
      return `the registry answered HTTP ${response.status}${suffix}`;
  }
}

/**
 * The registry's own error codes (`MANIFEST_UNKNOWN`, `DENIED`), which are safe to
 * show; messages are left out because a server may echo what it was sent.
 */
function registryErrorCodes(body: Uint8Array): string[] {
  try {
    const parsed = JSON.parse(Buffer.from(body).toString('utf8')) as {
      errors?: Array<{ code?: unknown }>;
    };
    return (parsed.errors ?? [])
      .map(error => error?.code)
      .filter(
        (code): code is string =>
          typeof code === 'string' && /^[A-Z_]{1,40}$/.test(code),
      )
      .slice(0, 3);
  } catch {
    return [];
  }
}
