import { ImageFactoryService } from '../ImageFactoryService';
import { EndpointServices, ImageFactoryRouter } from './types';

/** `GET /runs/{id}`: one run of the pipeline, to follow it. */
export function bindGetRunEndpoint(
  router: ImageFactoryRouter,
  options: Pick<EndpointServices, 'httpAuth'> & {
    model: Pick<ImageFactoryService, 'getRun'>;
  },
): void {
  router.get('/runs/:id', async (req, res) => {
    await options.httpAuth.credentials(req);
    res.json(await options.model.getRun(req.params.id));
  });
}
