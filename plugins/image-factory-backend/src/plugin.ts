import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { ScmIntegrations } from '@backstage/integration';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { imageFactoryPermissions } from '@internal/plugin-image-factory-common';
import { DockerfileReader } from './analysis/DockerfileReader';
import { readImageFactoryConfig } from './config/readImageFactoryConfig';
import { DatabaseImageFactoryStore } from './database';
import { createFreightSource, RegistryPolicy } from './discovery';
import { createMonitoringPolicy } from './discovery/markUnmonitorable';
import { createRebuildTargetPolicy } from './enrollment/checkRebuildTarget';
import { openStateRepository } from './git/openStateRepository';
import { Pipeline } from './pipeline/Pipeline';
import { PipelineTask } from './pipeline/PipelineTask';
import { RunCoordinator } from './pipeline/RunCoordinator';
import { RebuildNotifier } from './rebuilds/RebuildNotifier';
import { RebuildService } from './rebuilds/RebuildService';
import { DefaultImageFactoryService } from './service/DefaultImageFactoryService';
import { createRouter } from './service/createRouter';
import { ScmRebuildTrigger } from './triggers';

/**
 * The Image Factory backend plugin.
 *
 * @public
 */
export const imageFactoryPlugin = createBackendPlugin({
  pluginId: 'image-factory',
  register(env) {
    env.registerInit({
      deps: {
        rootConfig: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        urlReader: coreServices.urlReader,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        auth: coreServices.auth,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        auditor: coreServices.auditor,
        catalog: catalogServiceRef,
        notifications: notificationService,
      },
      async init(deps) {
        const { rootConfig, logger } = deps;
        const config = readImageFactoryConfig(rootConfig);
        const store = await DatabaseImageFactoryStore.create({
          database: deps.database,
        });
        const policy = RegistryPolicy.fromConfig(rootConfig);
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
          logger,
        });
        const pipeline = Pipeline.create({
          config,
          catalog: deps.catalog,
          auth: deps.auth,
          store,
          stateRepository: await openStateRepository({
            rootConfig,
            config,
            logger,
          }),
          dockerfiles: DockerfileReader.create({ urlReader: deps.urlReader }),
          freightSource: createFreightSource({
            config: rootConfig,
            logger,
            policy,
          }),
          minIntervalFor: registry => policy.minIntervalFor(registry),
          monitoring: createMonitoringPolicy({
            registries: policy,
            integrations,
          }),
          rebuildTargets: createRebuildTargetPolicy({
            allowedRepositories: config.allowedRebuildRepositories,
            integrations,
          }),
          warehouses: {
            namespace: config.kargoNamespace,
            registryIntervals: config.registryIntervals,
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
        });
        await PipelineTask.create({
          scheduler: deps.scheduler,
          schedule: config.schedule,
          logger,
          run: signal => runs.runScheduled(signal),
        }).register();

        deps.permissionsRegistry.addPermissions(imageFactoryPermissions);
        deps.httpRouter.use(
          await createRouter({
            service: DefaultImageFactoryService.create({
              store,
              runs,
              rebuilds,
              catalog: deps.catalog,
            }),
            httpAuth: deps.httpAuth,
            permissions: deps.permissions,
            auditor: deps.auditor,
          }),
        );
        deps.httpRouter.addAuthPolicy({
          path: '/health',
          allow: 'unauthenticated',
        });
      },
    });
  },
});
