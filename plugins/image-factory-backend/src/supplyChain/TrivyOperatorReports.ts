import {
  evidenceKey,
  parseImageReference,
  type Severity,
  type VulnerabilitySummary,
} from '@image-factory/backstage-plugin-image-factory-common';
import { CustomObjectsApi, KubeConfig } from '@kubernetes/client-node';
import type { VulnerabilitySettings } from '../config/readImageFactoryConfig';
import {
  CustomResourceApi,
  listCustomObjects,
} from '../kubernetes/listCustomObjects';
import { makeKubeConfig } from '../kubernetes/makeKubeConfig';
import {
  operatorReportEntries,
  summarizeVulnerabilities,
} from './summarizeVulnerabilities';

/**
 * Everything the Image Factory asks of the Trivy Operator's cluster: it lists
 * `VulnerabilityReport` resources, and nothing else. The Role in
 * `deploy/trivy-operator-rbac.yaml` grants exactly this (`deploy.test.ts`
 * compares them).
 */
export const TRIVY_VULNERABILITY_REPORT_API: CustomResourceApi = {
  group: 'aquasecurity.github.io',
  version: 'v1alpha1',
  plural: 'vulnerabilityreports',
  verbs: ['list'],
};

// Reports are large (every finding of a workload's image): a small page keeps
// the response bodies held at once small.
const DEFAULT_PAGE_SIZE = 100;
const DEFAULT_TIMEOUT_MS = 30_000;

/** A scan of one digest, summarized, and where it was read. */
export interface Scan {
  /** When it finished, in ms since the epoch. */
  scannedAt: number;
  /** The scanner and its version: `trivy 0.58.1`. */
  by: string;
  /** Where it was read, for the summary's detail: ` (Trivy Operator, namespace x)`. */
  from: string;
  counts: NonNullable<VulnerabilitySummary['counts']>;
  ids: NonNullable<VulnerabilitySummary['ids']>;
}

/**
 * The scans the Trivy Operator keeps in a cluster: its `VulnerabilityReport`
 * resources (`aquasecurity.github.io/v1alpha1`), one per container of each
 * workload, each naming the image it scanned by registry, repository and
 * digest. They come from the cluster's own scans of what runs there, so a
 * base image has one when a workload runs on it (or an image the operator is
 * told to scan does).
 */
export class TrivyOperatorReports {
  readonly #api: CustomObjectsApi;
  readonly #namespace: string | undefined;
  readonly #listSeverity: Severity;
  readonly #pageSize: number;
  readonly #timeoutMs: number;

  /**
   * The reports of the cluster `imageFactory.supplyChain.vulnerabilities.trivyOperator`
   * names, or of the one the backend runs in.
   *
   * @throws InputError when no URL is configured and the backend is not in a cluster.
   */
  static fromConfig(settings: VulnerabilitySettings): TrivyOperatorReports {
    return TrivyOperatorReports.create({
      kubeConfig: makeKubeConfig(settings.trivyOperator?.kubernetes, {
        because:
          'imageFactory.supplyChain.vulnerabilities.trivyOperator is set',
        key: 'imageFactory.supplyChain.vulnerabilities.trivyOperator.kubernetes',
      }),
      namespace: settings.trivyOperator?.namespace,
      listSeverity: settings.listSeverity,
    });
  }

  /**
   * Reads the reports through a ready `KubeConfig`, of one namespace or, by
   * default, all; `pageSize` is the list `limit` (default 100), `timeoutMs`
   * the longest wait for one page (default 30 s).
   */
  static create(options: {
    kubeConfig: KubeConfig;
    namespace?: string;
    listSeverity: Severity;
    pageSize?: number;
    timeoutMs?: number;
  }): TrivyOperatorReports {
    return new TrivyOperatorReports(options);
  }

  private constructor(options: {
    kubeConfig: KubeConfig;
    namespace?: string;
    listSeverity: Severity;
    pageSize?: number;
    timeoutMs?: number;
  }) {
    this.#api = options.kubeConfig.makeApiClient(CustomObjectsApi);
    this.#namespace = options.namespace;
    this.#listSeverity = options.listSeverity;
    this.#pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  /**
   * The newest scan of each of `wanted` (keys of `evidenceKey`) that a
   * report holds, summarized as it is read: a report of anything else, or
   * one that does not say what it scanned or when, is passed over.
   *
   * @throws ServiceUnavailableError when the Kubernetes API cannot be read.
   */
  async scansOf(wanted: ReadonlySet<string>): Promise<Map<string, Scan>> {
    const scans = new Map<string, Scan>();
    const where =
      this.#namespace === undefined
        ? 'in any namespace'
        : `in namespace ${this.#namespace}`;
    await listCustomObjects({
      api: this.#api,
      resource: TRIVY_VULNERABILITY_REPORT_API,
      namespace: this.#namespace,
      pageSize: this.#pageSize,
      timeoutMs: this.#timeoutMs,
      what: `Trivy Operator VulnerabilityReports ${where}`,
      onPage: items => {
        for (const item of items) {
          const read = readReport(item);
          if (!read || !wanted.has(read.key)) continue;
          const known = scans.get(read.key);
          if (known && known.scannedAt >= read.scannedAt) continue;
          scans.set(read.key, {
            scannedAt: read.scannedAt,
            by: read.by,
            from: ` (Trivy Operator, namespace ${read.namespace})`,
            ...summarizeVulnerabilities(
              operatorReportEntries(read.report),
              this.#listSeverity,
            ),
          });
        }
      },
    });
    return scans;
  }
}

// What a VulnerabilityReport scanned, when, by what and where; undefined for
// an object that does not say.
function readReport(item: unknown):
  | {
      key: string;
      scannedAt: number;
      by: string;
      namespace: string;
      report: unknown;
    }
  | undefined {
  const { metadata, report } = (item ?? {}) as {
    metadata?: { namespace?: unknown };
    report?: {
      registry?: { server?: unknown };
      artifact?: { repository?: unknown; digest?: unknown };
      scanner?: { name?: unknown; version?: unknown };
      updateTimestamp?: unknown;
    };
  };
  const server = report?.registry?.server;
  const repository = report?.artifact?.repository;
  const digest = report?.artifact?.digest;
  const scannedAt = Date.parse(String(report?.updateTimestamp));
  if (
    typeof server !== 'string' ||
    typeof repository !== 'string' ||
    typeof digest !== 'string' ||
    !Number.isFinite(scannedAt)
  ) {
    return undefined;
  }
  let reference;
  try {
    reference = parseImageReference(`${server}/${repository}@${digest}`);
  } catch {
    return undefined;
  }
  if (reference.digest === null) return undefined;
  const { name, version } = report?.scanner ?? {};
  const scanner = typeof name === 'string' ? name.toLowerCase() : 'trivy';
  return {
    key: evidenceKey({ ...reference, digest: reference.digest }),
    scannedAt,
    by: (typeof version === 'string' ? `${scanner} ${version}` : scanner).slice(
      0,
      100,
    ),
    namespace: String(metadata?.namespace ?? ''),
    report,
  };
}
