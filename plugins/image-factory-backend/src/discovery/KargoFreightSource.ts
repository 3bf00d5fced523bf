import { LoggerService } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import { CustomObjectsApi, KubeConfig } from '@kubernetes/client-node';
import { ImageFactoryConfig } from '../config/readImageFactoryConfig';
import {
  CustomResourceApi,
  listCustomObjects,
} from '../kubernetes/listCustomObjects';
import { makeKubeConfig } from '../kubernetes/makeKubeConfig';
import { DiscoveredKargoFreight, mapKargoFreight } from './mapKargoFreight';
import {
  DiscoveryResult,
  DiscoveryTarget,
  DiscoverOptions,
  FreightSource,
  freightKey,
} from './types';

const DEFAULT_NAMESPACE = 'image-factory';
const DEFAULT_PAGE_SIZE = 250;
const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * Everything this source asks of the Kubernetes API: it lists `Freight` in its
 * one namespace, and nothing else. The call below is built from it, and the
 * Role in `deploy/kargo-rbac.yaml` grants exactly these verbs on this resource
 * (`deploy.test.ts` compares them), so the grant cannot drift from the code.
 */
export const KARGO_FREIGHT_API: CustomResourceApi = {
  group: 'kargo.akuity.io',
  version: 'v1alpha1',
  plural: 'freights',
  verbs: ['list'],
};

/**
 * Freight from Kargo: the `Freight` objects (`kargo.akuity.io/v1alpha1`) that the
 * Warehouses in one namespace produce, read through the Kubernetes API.
 *
 * For each target the newest `Freight` carrying its repository+tag gives the
 * current digest; `firstSeen` is the creation time of the oldest `Freight` with
 * that same digest. A target no `Freight` mentions yet is a per-target
 * `NotFoundError`; an unreachable or refusing Kubernetes API rejects the run.
 *
 * @public
 */
export class KargoFreightSource implements FreightSource {
  readonly type = 'kargo';
  readonly #api: CustomObjectsApi;
  readonly #namespace: string;
  readonly #logger: LoggerService;
  readonly #pageSize: number;
  readonly #timeoutMs: number;

  /**
   * A source as `imageFactory.freightSource.kubernetes` (url, token,
   * skipTLSVerify) and `imageFactory.kargo.namespace` say, as
   * `readImageFactoryConfig` read them. Without a URL the in-cluster service
   * account is used.
   *
   * @throws InputError when no URL is configured and the backend is not in a cluster.
   */
  static fromConfig(
    config: Pick<ImageFactoryConfig, 'freightSource' | 'kargoNamespace'>,
    options: { logger: LoggerService },
  ): KargoFreightSource {
    return KargoFreightSource.create({
      kubeConfig: makeKubeConfig(config.freightSource.kubernetes, {
        because: 'imageFactory.freightSource.type is kargo',
        key: 'imageFactory.freightSource.kubernetes',
      }),
      namespace: config.kargoNamespace,
      logger: options.logger,
    });
  }

  /**
   * Creates a source on a ready `KubeConfig`; `pageSize` is the list `limit`
   * (default 250), `timeoutMs` the longest wait for one page (default 30 s).
   */
  static create(options: {
    kubeConfig: KubeConfig;
    namespace?: string;
    logger: LoggerService;
    pageSize?: number;
    timeoutMs?: number;
  }): KargoFreightSource {
    return new KargoFreightSource(
      options.kubeConfig.makeApiClient(CustomObjectsApi),
      options.namespace ?? DEFAULT_NAMESPACE,
      options.logger,
      options.pageSize ?? DEFAULT_PAGE_SIZE,
      options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    );
  }

  private constructor(
    api: CustomObjectsApi,
    namespace: string,
    logger: LoggerService,
    pageSize: number,
    timeoutMs: number,
  ) {
    this.#api = api;
    this.#namespace = namespace;
    this.#logger = logger;
    this.#pageSize = pageSize;
    this.#timeoutMs = timeoutMs;
  }

  /**
   * Lists every `Freight` in the namespace, following `continue` tokens, as freight
   * records (one per image of each `Freight`).
   *
   * @throws ServiceUnavailableError when the Kubernetes API cannot be read.
   */
  async listFreight(): Promise<DiscoveredKargoFreight[]> {
    const records: DiscoveredKargoFreight[] = [];
    await listCustomObjects({
      api: this.#api,
      resource: KARGO_FREIGHT_API,
      namespace: this.#namespace,
      pageSize: this.#pageSize,
      timeoutMs: this.#timeoutMs,
      what: `Kargo Freight in namespace ${this.#namespace}`,
      onPage: items => {
        for (const item of items) {
          const { records: mapped, skipped } = mapKargoFreight(item);
          records.push(...mapped);
          skipped.forEach(reason =>
            this.#logger.warn(`Ignoring Kargo image: ${reason}`),
          );
        }
      },
    });
    return records;
  }

  async discover(
    targets: readonly DiscoveryTarget[],
    { previous }: DiscoverOptions,
  ): Promise<DiscoveryResult[]> {
    const byTarget = new Map<string, DiscoveredKargoFreight[]>();
    for (const record of await this.listFreight()) {
      const key = freightKey(record);
      byTarget.set(key, [...(byTarget.get(key) ?? []), record]);
    }
    return targets.map((target): DiscoveryResult => {
      const key = freightKey(target);
      const records = byTarget.get(key);
      if (!records?.length) {
        return {
          ok: false,
          target,
          error: new NotFoundError(
            `no Kargo Freight in namespace ${
              this.#namespace
            } carries ${key} yet; is a Warehouse subscribed to it?`,
          ),
        };
      }
      const newest = records.reduce((a, b) =>
        b.firstSeen > a.firstSeen ? b : a,
      );
      const firstSeen = records
        .filter(record => record.digest === newest.digest)
        .reduce((a, b) => (b.firstSeen < a.firstSeen ? b : a)).firstSeen;
      return {
        ok: true,
        target,
        changed: previous.get(key)?.digest !== newest.digest,
        freight: {
          registry: target.registry,
          repository: target.repository,
          tag: target.tag,
          digest: newest.digest,
          firstSeen,
          source: 'kargo',
        },
      };
    });
  }
}
