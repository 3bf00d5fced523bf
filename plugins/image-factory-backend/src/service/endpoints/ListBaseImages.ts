import { ImageFactoryService } from '../ImageFactoryService';
import { EndpointServices, ImageFactoryRouter } from './types';

/** `GET /base-images`: a page of the monitored base images. */
export function bindListBaseImagesEndpoint(
  router: ImageFactoryRouter,
  options: Pick<EndpointServices, 'httpAuth'> & {
    model: Pick<ImageFactoryService, 'listBaseImages'>;
  },
): void {
  router.get('/base-images', async (req, res) => {
    const credentials = await options.httpAuth.credentials(req);
    res.json(await options.model.listBaseImages(req.query, credentials));
  });
}
