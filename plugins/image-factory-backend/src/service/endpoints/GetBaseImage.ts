import { ImageFactoryService } from '../ImageFactoryService';
import { EndpointServices, ImageFactoryRouter } from './types';

/** `GET /base-images/{name}`: a base image with its freight and updates. */
export function bindGetBaseImageEndpoint(
  router: ImageFactoryRouter,
  options: Pick<EndpointServices, 'httpAuth'> & {
    model: Pick<ImageFactoryService, 'getBaseImage'>;
  },
): void {
  router.get('/base-images/:name', async (req, res) => {
    const credentials = await options.httpAuth.credentials(req);
    res.json(await options.model.getBaseImage(req.params.name, credentials));
  });
}
