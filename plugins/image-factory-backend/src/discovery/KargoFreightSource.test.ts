import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import {
  InputError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import { readImageFactoryConfig } from '../config/readImageFactoryConfig';
import {
  KubernetesApi,
  startKubernetesApi,
} from '../__testUtils__/startKubernetesApi';
import { KARGO_FREIGHT_API, KargoFreightSource } from './KargoFreightSource';
import { DiscoveredFreight } from './types';

// A local stand-in for the Kubernetes API serves the Freight list
// (startKubernetesApi).

const digest = (c: string) => `sha256:${c.repeat(64)}`;

function freight(
  name: string,
  created: string,
  images: object[],
  warehouse = 'base-images',
) {
  return {
    apiVersion: 'kargo.akuity.io/v1alpha1',
    kind: 'Freight',
    metadata: { name, namespace: 'image-factory', creationTimestamp: created },
    alias: `${name}-alias`,
    origin: { kind: 'Warehouse', name: warehouse },
    images,
  };
}

describe('KargoFreightSource', () => {
  let api: KubernetesApi;

  beforeAll(async () => {
    api = await startKubernetesApi(KARGO_FREIGHT_API);
  });

  beforeEach(() => {
    api.requests.length = 0;
    api.answer = undefined;
    api.hang = false;
    api.objects = {
      'image-factory': [
        freight('f1', '2026-02-01T10:00:00Z', [
          { repoURL: 'nginx', tag: '1.27', digest: digest('1') },
          { repoURL: 'ghcr.io/acme/base', tag: '1', digest: digest('a') },
        ]),
        freight('f2', '2026-02-05T10:00:00Z', [
          {
            repoURL: 'docker.io/library/nginx',
            tag: '1.27',
            digest: digest('2'),
          },
        ]),
        freight('f3', '2026-02-03T10:00:00Z', [
          { repoURL: 'ghcr.io/acme/base', tag: '2', digest: digest('b') },
        ]),
        // The same digest again in a later Freight (another image of the bundle moved).
        freight('f4', '2026-02-07T10:00:00Z', [
          {
            repoURL: 'docker.io/library/nginx',
            tag: '1.27',
            digest: digest('2'),
          },
          { repoURL: 'ghcr.io/acme/base', tag: '1', digest: digest('c') },
        ]),
        freight('f5', '2026-02-08T10:00:00Z', [
          { repoURL: 'quay.io/acme/tool', tag: '3', digest: digest('d') },
        ]),
      ],
      'other-project': [
        freight('x1', '2026-02-08T10:00:00Z', [
          { repoURL: 'ghcr.io/acme/base', tag: '9', digest: digest('e') },
        ]),
      ],
    };
  });

  afterAll(() => api?.stop());

  const source = (extra: object = {}) =>
    KargoFreightSource.fromConfig(
      readImageFactoryConfig(
        new ConfigReader({
          imageFactory: {
            freightSource: {
              type: 'kargo',
              kubernetes: {
                url: api.url,
                token: api.token,
                skipTLSVerify: true,
              },
            },
            ...extra,
          },
        }),
      ),
      { logger: mockServices.logger.mock() },
    );

  it('lists every Freight across pages, one record per image', async () => {
    const records = await KargoFreightSource.create({
      kubeConfig: api.kubeConfig(),
      logger: mockServices.logger.mock(),
      pageSize: 2,
    }).listFreight();

    expect(
      records.map(
        r => `${r.freightName} ${r.registry}/${r.repository}:${r.tag}`,
      ),
    ).toEqual([
      'f1 docker.io/library/nginx:1.27',
      'f1 ghcr.io/acme/base:1',
      'f2 docker.io/library/nginx:1.27',
      'f3 ghcr.io/acme/base:2',
      'f4 docker.io/library/nginx:1.27',
      'f4 ghcr.io/acme/base:1',
      'f5 quay.io/acme/tool:3',
    ]);
    expect(records[0]).toEqual({
      registry: 'docker.io',
      repository: 'library/nginx',
      tag: '1.27',
      digest: digest('1'),
      firstSeen: new Date('2026-02-01T10:00:00Z'),
      source: 'kargo',
      freightName: 'f1',
      warehouse: 'base-images',
    });
    expect(
      api.requests.map(r =>
        new URL(r.url, 'http://x').searchParams.get('continue'),
      ),
    ).toEqual([null, '2', '4']);
    expect(
      api.requests.every(
        r => r.headers.authorization === `Bearer ${api.token}`,
      ),
    ).toBe(true);
  });

  it('stops waiting for an API server that does not answer', async () => {
    api.hang = true;
    const error = await KargoFreightSource.create({
      kubeConfig: api.kubeConfig(),
      logger: mockServices.logger.mock(),
      timeoutMs: 200,
    })
      .listFreight()
      .catch(e => e);

    expect(error).toBeInstanceOf(ServiceUnavailableError);
    expect(error.message).toBe(
      'could not list Kargo Freight in namespace image-factory: the Kubernetes API did not answer within 200 ms',
    );
  });

  it('gives each target the newest digest, first seen when its first Freight was created', async () => {
    const previous = new Map<string, DiscoveredFreight>([
      [
        'docker.io/library/nginx:1.27',
        {
          registry: 'docker.io',
          repository: 'library/nginx',
          tag: '1.27',
          digest: digest('2'),
          firstSeen: new Date('2026-02-05T10:00:00Z'),
          source: 'kargo',
        },
      ],
    ]);
    const results = await source().discover(
      [
        { registry: 'docker.io', repository: 'library/nginx', tag: '1.27' },
        { registry: 'ghcr.io', repository: 'acme/base', tag: '1' },
        { registry: 'ghcr.io', repository: 'acme/base', tag: '9' },
      ],
      { now: new Date('2026-03-01T00:00:00Z'), previous },
    );

    expect(results[0]).toEqual({
      ok: true,
      target: {
        registry: 'docker.io',
        repository: 'library/nginx',
        tag: '1.27',
      },
      changed: false,
      freight: {
        registry: 'docker.io',
        repository: 'library/nginx',
        tag: '1.27',
        digest: digest('2'),
        firstSeen: new Date('2026-02-05T10:00:00Z'),
        source: 'kargo',
      },
    });
    expect(results[1]).toMatchObject({
      ok: true,
      changed: true,
      freight: {
        digest: digest('c'),
        firstSeen: new Date('2026-02-07T10:00:00Z'),
      },
    });
    // ghcr.io/acme/base:9 lives in another namespace, which this source does not read.
    expect(results[2]).toMatchObject({ ok: false });
    const error = (results[2] as { error: Error }).error;
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.message).toBe(
      'no Kargo Freight in namespace image-factory carries ghcr.io/acme/base:9 yet; is a Warehouse subscribed to it?',
    );
  });

  it('reads the namespace from imageFactory.kargo.namespace', async () => {
    const results = await source({
      kargo: { namespace: 'other-project' },
    }).discover([{ registry: 'ghcr.io', repository: 'acme/base', tag: '9' }], {
      now: new Date(),
      previous: new Map(),
    });
    expect(results[0]).toMatchObject({
      ok: true,
      freight: { digest: digest('e') },
    });
    expect(api.requests[0].url).toMatch(
      /^\/apis\/kargo\.akuity\.io\/v1alpha1\/namespaces\/other-project\/freights/,
    );
  });

  it('rejects the run when the Kubernetes API refuses, naming the HTTP status', async () => {
    api.answer = { status: 403 };
    const error = await source()
      .discover(
        [{ registry: 'docker.io', repository: 'library/nginx', tag: '1.27' }],
        { now: new Date(), previous: new Map() },
      )
      .catch(e => e);
    expect(error).toBeInstanceOf(ServiceUnavailableError);
    expect(error.message).toBe(
      'could not list Kargo Freight in namespace image-factory: Kubernetes API answered HTTP 403',
    );
  });

  it('rejects the run when the Kubernetes API cannot be reached', async () => {
    const gone = await startKubernetesApi(KARGO_FREIGHT_API);
    const kubeConfig = gone.kubeConfig();
    await gone.stop();
    const error = await KargoFreightSource.create({
      kubeConfig,
      logger: mockServices.logger.mock(),
    })
      .listFreight()
      .catch(e => e);
    expect(error).toBeInstanceOf(ServiceUnavailableError);
    expect(error.message).toBe(
      'could not list Kargo Freight in namespace image-factory: fetch failed (ECONNREFUSED)',
    );
  });

  it('refuses a config with neither an API URL nor a cluster to run in', () => {
    const saved = process.env.KUBERNETES_SERVICE_HOST;
    delete process.env.KUBERNETES_SERVICE_HOST;
    try {
      expect(() =>
        KargoFreightSource.fromConfig(
          readImageFactoryConfig(
            new ConfigReader({
              imageFactory: { freightSource: { type: 'kargo' } },
            }),
          ),
          {
            logger: mockServices.logger.mock(),
          },
        ),
      ).toThrow(InputError);
    } finally {
      if (saved !== undefined) {
        process.env.KUBERNETES_SERVICE_HOST = saved;
      }
    }
  });
});
