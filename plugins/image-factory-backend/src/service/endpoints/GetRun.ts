import { imageFactoryRefreshPermission } from '@image-factory/backstage-plugin-image-factory-common';
import { ImageFactoryService } from '../ImageFactoryService';
import { authorize } from './access';
import { EndpointServices, ImageFactoryRouter } from './types';

/**
 * `GET /runs/{id}`: one run of the pipeline, to follow it. A run's errors may
 * name images the caller may not see, so only who may start runs
 * (`image-factory.refresh`) may follow them.
 */
export function bindGetRunEndpoint(
  router: ImageFactoryRouter,
  options: Pick<EndpointServices, 'httpAuth' | 'permissions'> & {
    model: Pick<ImageFactoryService, 'getRun'>;
  },
): void {
  router.get('/runs/:id', async (req, res) => {
    await authorize(options, req, imageFactoryRefreshPermission);
    res.json(await options.model.getRun(req.params.id));
  });
}
