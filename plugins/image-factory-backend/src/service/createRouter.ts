import express from 'express';
import { createOpenApiRouter } from '../schema/openapi';
import { bindAnalyzeImageEndpoint } from './endpoints/AnalyzeImage';
import { bindGetBaseImageEndpoint } from './endpoints/GetBaseImage';
import { bindGetGraphEndpoint } from './endpoints/GetGraph';
import { bindGetHealthEndpoint } from './endpoints/GetHealth';
import { bindGetImageEndpoint } from './endpoints/GetImage';
import { bindGetRunEndpoint } from './endpoints/GetRun';
import { bindListBaseImagesEndpoint } from './endpoints/ListBaseImages';
import { bindListImagesEndpoint } from './endpoints/ListImages';
import { bindRebuildImageEndpoint } from './endpoints/RebuildImage';
import { bindRefreshEndpoint } from './endpoints/Refresh';
import { EndpointServices } from './endpoints/types';
import { ImageFactoryService } from './ImageFactoryService';

/** Options for {@link createRouter}. */
export interface RouterOptions extends EndpointServices {
  service: ImageFactoryService;
}

/**
 * The plugin's HTTP API, mounted at `/api/image-factory`: the router the spec
 * types and validates, with one endpoint bound per operation.
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const router = await createOpenApiRouter({
    middleware: [express.json({ limit: '100kb' })],
  });
  const bound = { ...options, model: options.service };
  bindGetHealthEndpoint(router);
  bindListImagesEndpoint(router, bound);
  bindGetImageEndpoint(router, bound);
  bindAnalyzeImageEndpoint(router, bound);
  bindRebuildImageEndpoint(router, bound);
  bindListBaseImagesEndpoint(router, bound);
  bindGetBaseImageEndpoint(router, bound);
  bindGetGraphEndpoint(router, bound);
  bindRefreshEndpoint(router, bound);
  bindGetRunEndpoint(router, bound);
  return router;
}
