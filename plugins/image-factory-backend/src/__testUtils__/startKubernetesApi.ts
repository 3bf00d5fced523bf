import { KubeConfig } from '@kubernetes/client-node';
import { startHttpServer, TestHttpServer } from './startHttpServer';

/** A stand-in for a Kubernetes API server's custom resource lists. */
export interface KubernetesApi extends TestHttpServer {
  /** The bearer token it accepts. */
  token: string;
  /** The objects of each namespace, served in this order. */
  objects: Record<string, object[]>;
  /** When set, every request is answered with this status. */
  answer: { status: number } | undefined;
  /** When set, requests are never answered. */
  hang: boolean;
  /** A client configuration that reaches it with its token. */
  kubeConfig(): KubeConfig;
}

/**
 * No Kubernetes cluster runs here, so a loopback HTTP server speaking the
 * documented list endpoints for one custom resource stands in for the API
 * server: `GET /apis/<group>/<version>/namespaces/<ns>/<plural>` and, across
 * namespaces, `GET /apis/<group>/<version>/<plural>`, with `limit` and
 * `continue` paging (the token is an offset here; to clients it is opaque)
 * and bearer-token authentication. It speaks plain HTTP, which
 * @kubernetes/client-node accepts only with skipTLSVerify set.
 */
export async function startKubernetesApi(resource: {
  group: string;
  version: string;
  plural: string;
}): Promise<KubernetesApi> {
  const prefix = `/apis/${resource.group}/${resource.version}`;
  const status = (code: number) =>
    JSON.stringify({
      kind: 'Status',
      apiVersion: 'v1',
      status: 'Failure',
      code,
    });
  const api: Omit<KubernetesApi, keyof TestHttpServer | 'kubeConfig'> = {
    token: 'kube-token-3c9',
    objects: {},
    answer: undefined,
    hang: false,
  };
  const server = await startHttpServer((req, res) => {
    const url = new URL(req.url ?? '', 'http://localhost');
    res.setHeader('content-type', 'application/json');
    if (api.hang) return; // never answers
    if (req.headers.authorization !== `Bearer ${api.token}` || api.answer) {
      res.statusCode = api.answer?.status ?? 401;
      res.end(status(res.statusCode));
      return;
    }
    let items: object[];
    if (url.pathname === `${prefix}/${resource.plural}`) {
      items = Object.values(api.objects).flat();
    } else {
      const [namespace, plural, ...rest] = url.pathname
        .slice(`${prefix}/namespaces/`.length)
        .split('/');
      if (
        req.method !== 'GET' ||
        !url.pathname.startsWith(`${prefix}/namespaces/`) ||
        plural !== resource.plural ||
        rest.length > 0
      ) {
        res.statusCode = 404;
        res.end(status(404));
        return;
      }
      items = api.objects[namespace] ?? [];
    }
    const offset = Number(url.searchParams.get('continue') || 0);
    const limit = Number(url.searchParams.get('limit') || items.length);
    const next =
      offset + limit < items.length ? String(offset + limit) : undefined;
    res.end(
      JSON.stringify({
        apiVersion: `${resource.group}/${resource.version}`,
        kind: 'List',
        metadata: { resourceVersion: '42', ...(next && { continue: next }) },
        items: items.slice(offset, offset + limit),
      }),
    );
  });
  return Object.assign(api, server, {
    kubeConfig() {
      const kubeConfig = new KubeConfig();
      kubeConfig.loadFromClusterAndUser(
        { name: 'test', server: server.url, skipTLSVerify: true },
        { name: 'test', token: api.token },
      );
      return kubeConfig;
    },
  });
}
