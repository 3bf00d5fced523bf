import { ImageFactoryService } from '../ImageFactoryService';
import { authorizeOnEntity, entityRefOf } from './access';
import { EndpointServices, ImageFactoryRouter } from './types';

/** `GET /images/{namespace}/{kind}/{name}`: the full status of one image. */
export function bindGetImageEndpoint(
  router: ImageFactoryRouter,
  options: EndpointServices & {
    model: Pick<ImageFactoryService, 'getImage' | 'isVisible'>;
  },
): void {
  router.get('/images/:namespace/:kind/:name', async (req, res) => {
    const entityRef = entityRefOf(req.params);
    await authorizeOnEntity(options, req, entityRef);
    res.json(await options.model.getImage(entityRef));
  });
}
