import {
  AuditorService,
  AuthService,
  DatabaseService,
  LoggerService,
  RootConfigService,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import { ScmIntegrations } from '@backstage/integration';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { SignalsService } from '@backstage/plugin-signals-node';
import {
  IMAGE_FACTORY_SIGNAL_CHANNEL,
  ImageFactorySignal,
} from '@image-factory/backstage-plugin-image-factory-common';
import { DockerfileReader } from './analysis/DockerfileReader';
import {
  ImageFactoryConfig,
  readImageFactoryConfig,
  warehouseRegistryIntervals,
} from './config/readImageFactoryConfig';
import { DatabaseImageFactoryStore, ImageFactoryStore } from './database';
import {
  createFreightSource,
  RegistryClient,
  RegistryPolicy,
} from './discovery';
import { createMonitoringPolicy } from './discovery/markUnmonitorable';
import { createRebuildTargetPolicy } from './enrollment/checkRebuildTarget';
import { openStateRepository } from './git/openStateRepository';
import { Pipeline } from './pipeline/Pipeline';
import { RunCoordinator } from './pipeline/RunCoordinator';
import { RebuildNotifier } from './rebuilds/RebuildNotifier';
import { RebuildService } from './rebuilds/RebuildService';
import { DefaultImageFactoryService } from './service/DefaultImageFactoryService';
import { EvidenceChecker } from './supplyChain/EvidenceChecker';
import { TrivyOperatorReports } from './supplyChain/TrivyOperatorReports';
import { ScmRebuildTrigger } from './triggers';

/** What {@link createImageFactoryServices} builds on: the backend's services. */
export interface ImageFactoryDependencies {
  rootConfig: RootConfigService;
  logger: LoggerService;
  database: DatabaseService;
  urlReader: UrlReaderService;
  auth: AuthService;
  auditor: AuditorService;
  catalog: CatalogService;
  /** Absent: owners are not notified. */
  notifications?: NotificationService;
  /** Absent: open pages are not told when a run has ended. */
  signals?: SignalsService;
  /** How registries are asked; the benchmark counts the requests. */
  registryFetch?: typeof fetch;
  /** The pipeline's clock (default: the system's); the benchmark moves it. */
  now?: () => Date;
}

/** The plugin's parts, assembled once from the configuration. */
export interface ImageFactoryServices {
  config: ImageFactoryConfig;
  store: ImageFactoryStore;
  pipeline: Pipeline;
  runs: RunCoordinator;
  rebuilds: RebuildService;
  /** What the HTTP API asks of the plugin. */
  service: DefaultImageFactoryService;
}

/**
 * Assembles the pipeline, its run queue, the rebuilds and the API's service
 * from the backend's services and `imageFactory.*`: the one assembly, used by
 * the plugin and by the benchmark, so what is measured is what runs.
 */
export async function createImageFactoryServices(
  deps: ImageFactoryDependencies,
): Promise<ImageFactoryServices> {
  const { rootConfig, logger } = deps;
  const config = readImageFactoryConfig(rootConfig);
  const store = await DatabaseImageFactoryStore.create({
    database: deps.database,
  });
  const policy = RegistryPolicy.create(config.registries);
  const registryClient = RegistryClient.create({
    policy,
    logger,
    fetch: deps.registryFetch,
  });
  const integrations = ScmIntegrations.fromConfig(rootConfig);
  const rebuilds = RebuildService.create({
    store,
    auditor: deps.auditor,
    trigger: ScmRebuildTrigger.create({ integrations, logger }),
    notifier: RebuildNotifier.create({
      notifications: deps.notifications,
      logger,
    }),
    coordinationWindowMs: config.defaults.coordinationWindowMs,
    runTimeoutMs: config.runTimeoutMs,
    bypassSeverity: config.bypassSeverity,
    registry: registryClient,
    logger,
  });
  const pipeline = Pipeline.create({
    now: deps.now,
    config,
    catalog: deps.catalog,
    auth: deps.auth,
    store,
    stateRepository: await openStateRepository({ rootConfig, config, logger }),
    dockerfiles: DockerfileReader.create({ urlReader: deps.urlReader }),
    freightSource: createFreightSource({
      config,
      logger,
      client: registryClient,
    }),
    evidence: new EvidenceChecker({
      client: registryClient,
      policies: config.signatures,
      vulnerabilities: config.vulnerabilities,
      ...(config.vulnerabilities.trivyOperator && {
        reports: TrivyOperatorReports.fromConfig(config.vulnerabilities),
      }),
    }),
    images: registryClient,
    minIntervalFor: registry => policy.minIntervalFor(registry),
    monitoring: createMonitoringPolicy({ registries: policy, integrations }),
    rebuildTargets: createRebuildTargetPolicy({
      allowedRepositories: config.allowedRebuildRepositories,
      integrations,
    }),
    warehouses: {
      namespace: config.kargoNamespace,
      registryIntervals: warehouseRegistryIntervals(config.registries),
    },
    rebuilds,
    stateLinks: { ...config.stateRepository, integrations },
    auditor: deps.auditor,
    logger,
  });
  const runs = RunCoordinator.create({
    store,
    logger,
    run: request => pipeline.run(request),
    deadlineMs: config.runDeadlineMs,
    onFinished: async run =>
      deps.signals?.publish<ImageFactorySignal>({
        recipients: { type: 'broadcast' },
        channel: IMAGE_FACTORY_SIGNAL_CHANNEL,
        message: { type: 'run-finished', runId: run.id, status: run.status },
      }),
  });
  return {
    config,
    store,
    pipeline,
    runs,
    rebuilds,
    service: DefaultImageFactoryService.create({
      store,
      runs,
      rebuilds,
      catalog: deps.catalog,
      freightSource: config.freightSource.type,
    }),
  };
}
