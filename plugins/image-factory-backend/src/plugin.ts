import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import { imageFactoryPermissions } from '@image-factory/backstage-plugin-image-factory-common';
import { createImageFactoryServices } from './createImageFactoryServices';
import { PipelineTask } from './pipeline/PipelineTask';
import { createRouter } from './service/createRouter';

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
        signals: signalsServiceRef,
      },
      async init(deps) {
        const { config, runs, service } = await createImageFactoryServices(
          deps,
        );
        await PipelineTask.create({
          scheduler: deps.scheduler,
          schedule: config.schedule,
          logger: deps.logger,
          run: signal => runs.runScheduled(signal),
        }).register();

        deps.permissionsRegistry.addPermissions(imageFactoryPermissions);
        deps.httpRouter.use(
          await createRouter({
            service,
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
