import { ImageFactoryService } from '../ImageFactoryService';
import { EndpointServices, ImageFactoryRouter } from './types';

/** `GET /images`: a page of the images whose entity the caller may read. */
export function bindListImagesEndpoint(
  router: ImageFactoryRouter,
  options: Pick<EndpointServices, 'httpAuth'> & {
    model: Pick<ImageFactoryService, 'listImages'>;
  },
): void {
  router.get('/images', async (req, res) => {
    const credentials = await options.httpAuth.credentials(req);
    res.json(await options.model.listImages(req.query, credentials));
  });
}
