import { ImageFactoryService } from '../ImageFactoryService';
import { EndpointServices, ImageFactoryRouter } from './types';

/** `GET /graph`: a page of the images with the base images they use. */
export function bindGetGraphEndpoint(
  router: ImageFactoryRouter,
  options: Pick<EndpointServices, 'httpAuth'> & {
    model: Pick<ImageFactoryService, 'getGraph'>;
  },
): void {
  router.get('/graph', async (req, res) => {
    const credentials = await options.httpAuth.credentials(req);
    res.json(await options.model.getGraph(req.query, credentials));
  });
}
