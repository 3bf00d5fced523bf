import { isError, ServiceUnavailableError } from '@backstage/errors';
import { CustomObjectsApi } from '@kubernetes/client-node';
import { TimeoutError, withTimeout } from './withTimeout';

/** A custom resource and the verbs a reader of it is granted. */
export interface CustomResourceApi {
  group: string;
  version: string;
  plural: string;
  /** `list`: what {@link listCustomObjects} calls. */
  verbs: readonly ['list'];
}

/**
 * Lists the objects of a custom resource, in one namespace or in all,
 * following `continue` tokens a page at a time, and hands each page's items to
 * `onPage`, so that a large list is never held whole.
 *
 * @param what - what is listed, for errors: `Kargo Freight in namespace x`.
 * @throws ServiceUnavailableError when a page cannot be read in `timeoutMs`.
 */
export async function listCustomObjects(options: {
  api: CustomObjectsApi;
  resource: CustomResourceApi;
  /** Unset: every namespace. */
  namespace?: string;
  pageSize: number;
  timeoutMs: number;
  what: string;
  onPage: (items: unknown[]) => void;
}): Promise<void> {
  const { api, resource, namespace, pageSize, timeoutMs, what } = options;
  const query = {
    group: resource.group,
    version: resource.version,
    plural: resource.plural,
    limit: pageSize,
    // The API server ends the list itself a little before we stop waiting.
    timeoutSeconds: Math.max(1, Math.floor(timeoutMs / 1000) - 1),
  };
  let next: string | undefined;
  do {
    let page: { items?: unknown[]; metadata?: { continue?: string } };
    try {
      page = await withTimeout(
        namespace === undefined
          ? api.listClusterCustomObject({ ...query, _continue: next })
          : api.listNamespacedCustomObject({
              ...query,
              namespace,
              _continue: next,
            }),
        timeoutMs,
      );
    } catch (error) {
      if (error instanceof TimeoutError) {
        throw new ServiceUnavailableError(
          `could not list ${what}: the Kubernetes API did not answer within ${timeoutMs} ms`,
        );
      }
      // The client's own message can quote whole response bodies; the status is enough.
      const code = (error as { code?: unknown }).code;
      throw new ServiceUnavailableError(
        `could not list ${what}: ${
          typeof code === 'number'
            ? `Kubernetes API answered HTTP ${code}`
            : describeNetworkError(error)
        }`,
      );
    }
    options.onPage(page.items ?? []);
    next = page.metadata?.continue || undefined;
  } while (next);
}

function describeNetworkError(error: unknown): string {
  // undici's errors come from another realm, so read their fields instead of using instanceof.
  const cause = isError(error)
    ? (error as { cause?: { code?: unknown } }).cause
    : undefined;
  const code = (error as { code?: unknown } | undefined)?.code ?? cause?.code;
  const message = isError(error)
    ? error.message.slice(0, 200)
    : String(error).slice(0, 200);
  return typeof code === 'string' ? `${message} (${code})` : message;
}
