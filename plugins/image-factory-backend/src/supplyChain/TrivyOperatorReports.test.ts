import { ConfigReader } from '@backstage/config';
import { InputError, ServiceUnavailableError } from '@backstage/errors';
import { readImageFactoryConfig } from '../config/readImageFactoryConfig';
import {
  KubernetesApi,
  startKubernetesApi,
} from '../__testUtils__/startKubernetesApi';
import { vulnerabilityReport } from '../__testUtils__/trivyOperator';
import {
  TRIVY_VULNERABILITY_REPORT_API,
  TrivyOperatorReports,
} from './TrivyOperatorReports';

const digest = (c: string) => `sha256:${c.repeat(64)}`;
const NODE = `docker.io/library/node@${digest('1')}`;
const BASE = `ghcr.io/acme/base@${digest('2')}`;

// The Trivy Operator's reports through a local stand-in for the Kubernetes
// API (no cluster runs here), which serves the documented list of
// VulnerabilityReports, one namespace or all, in pages.
describe('TrivyOperatorReports', () => {
  let api: KubernetesApi;

  beforeAll(async () => {
    api = await startKubernetesApi(TRIVY_VULNERABILITY_REPORT_API);
  });

  beforeEach(() => {
    api.requests.length = 0;
    api.answer = undefined;
    api.objects = {
      payments: [
        // Docker Hub as the operator names it: index.docker.io, library/node.
        vulnerabilityReport({
          namespace: 'payments',
          server: 'index.docker.io',
          repository: 'library/node',
          digest: digest('1'),
          updateTimestamp: '2026-12-02T08:00:00Z',
          vulnerabilities: [
            { id: 'CVE-2026-0001', severity: 'CRITICAL' },
            { id: 'CVE-2026-0002', severity: 'HIGH' },
            { id: 'CVE-2026-0003', severity: 'MEDIUM' },
          ],
        }),
        // A workload of something not monitored: passed over.
        vulnerabilityReport({
          namespace: 'payments',
          server: 'quay.io',
          repository: 'acme/tool',
          digest: digest('9'),
          updateTimestamp: '2026-12-02T08:00:00Z',
          vulnerabilities: [{ id: 'CVE-2026-0009', severity: 'CRITICAL' }],
        }),
        // Not a report the operator would write: passed over.
        { kind: 'VulnerabilityReport', metadata: { namespace: 'payments' } },
      ],
      checkout: [
        // The same digest scanned again for another workload, later: kept.
        vulnerabilityReport({
          namespace: 'checkout',
          server: 'index.docker.io',
          repository: 'library/node',
          digest: digest('1'),
          updateTimestamp: '2026-12-03T08:00:00Z',
          vulnerabilities: [{ id: 'CVE-2026-0001', severity: 'CRITICAL' }],
        }),
        vulnerabilityReport({
          namespace: 'checkout',
          server: 'ghcr.io',
          repository: 'acme/base',
          digest: digest('2'),
          updateTimestamp: '2026-12-01T08:00:00Z',
          vulnerabilities: [],
        }),
      ],
    };
  });

  afterAll(() => api?.stop());

  const reports = (options: { namespace?: string } = {}) =>
    TrivyOperatorReports.create({
      kubeConfig: api.kubeConfig(),
      listSeverity: 'high',
      pageSize: 2,
      ...options,
    });

  it('keeps the newest scan of each wanted digest across every namespace, summarized', async () => {
    const scans = await reports().scansOf(new Set([NODE, BASE]));
    expect(Object.fromEntries(scans)).toEqual({
      [NODE]: {
        scannedAt: Date.parse('2026-12-03T08:00:00Z'),
        by: 'trivy 0.58.1',
        from: ' (Trivy Operator, namespace checkout)',
        counts: { critical: 1, high: 0, medium: 0, low: 0, unknown: 0 },
        ids: { critical: ['CVE-2026-0001'] },
      },
      [BASE]: {
        scannedAt: Date.parse('2026-12-01T08:00:00Z'),
        by: 'trivy 0.58.1',
        from: ' (Trivy Operator, namespace checkout)',
        counts: { critical: 0, high: 0, medium: 0, low: 0, unknown: 0 },
        ids: {},
      },
    });
    // Five objects in pages of two, with the token on each request.
    expect(
      api.requests.map(r => {
        const url = new URL(r.url, 'http://x');
        return `${url.pathname} ${url.searchParams.get('continue')}`;
      }),
    ).toEqual([
      '/apis/aquasecurity.github.io/v1alpha1/vulnerabilityreports null',
      '/apis/aquasecurity.github.io/v1alpha1/vulnerabilityreports 2',
      '/apis/aquasecurity.github.io/v1alpha1/vulnerabilityreports 4',
    ]);
    expect(
      api.requests.every(
        r => r.headers.authorization === `Bearer ${api.token}`,
      ),
    ).toBe(true);
  });

  it('reads one namespace when configured so', async () => {
    const scans = await TrivyOperatorReports.fromConfig(
      readImageFactoryConfig(
        new ConfigReader({
          imageFactory: {
            supplyChain: {
              vulnerabilities: {
                listSeverity: 'medium',
                trivyOperator: {
                  namespace: 'payments',
                  kubernetes: {
                    url: api.url,
                    token: api.token,
                    skipTLSVerify: true,
                  },
                },
              },
            },
          },
        }),
      ).vulnerabilities,
    ).scansOf(new Set([NODE, BASE]));
    expect([...scans.keys()]).toEqual([NODE]);
    expect(scans.get(NODE)).toMatchObject({
      from: ' (Trivy Operator, namespace payments)',
      counts: { critical: 1, high: 1, medium: 1 },
      ids: {
        critical: ['CVE-2026-0001'],
        high: ['CVE-2026-0002'],
        medium: ['CVE-2026-0003'],
      },
    });
    expect(new URL(api.requests[0].url, 'http://x').pathname).toBe(
      '/apis/aquasecurity.github.io/v1alpha1/namespaces/payments/vulnerabilityreports',
    );
  });

  it('fails visibly when the Kubernetes API refuses, naming the status', async () => {
    api.answer = { status: 403 };
    const error = await reports()
      .scansOf(new Set([NODE]))
      .catch(e => e);
    expect(error).toBeInstanceOf(ServiceUnavailableError);
    expect(error.message).toBe(
      'could not list Trivy Operator VulnerabilityReports in any namespace: Kubernetes API answered HTTP 403',
    );
  });

  it('refuses a namespace that is not one, and a config with no cluster to reach', () => {
    expect(() =>
      readImageFactoryConfig(
        new ConfigReader({
          imageFactory: {
            supplyChain: {
              vulnerabilities: { trivyOperator: { namespace: 'Not_One' } },
            },
          },
        }),
      ),
    ).toThrow(
      'Invalid imageFactory.supplyChain.vulnerabilities.trivyOperator.namespace: "Not_One" is not a Kubernetes namespace (a DNS-1123 label)',
    );
    const saved = process.env.KUBERNETES_SERVICE_HOST;
    delete process.env.KUBERNETES_SERVICE_HOST;
    try {
      const settings = readImageFactoryConfig(
        new ConfigReader({
          imageFactory: {
            supplyChain: { vulnerabilities: { trivyOperator: {} } },
          },
        }),
      ).vulnerabilities;
      expect(() => TrivyOperatorReports.fromConfig(settings)).toThrow(
        new InputError(
          'imageFactory.supplyChain.vulnerabilities.trivyOperator is set, but imageFactory.supplyChain.vulnerabilities.trivyOperator.kubernetes.url is not set and the backend is not running in a Kubernetes cluster',
        ),
      );
    } finally {
      if (saved !== undefined) process.env.KUBERNETES_SERVICE_HOST = saved;
    }
  });
});
