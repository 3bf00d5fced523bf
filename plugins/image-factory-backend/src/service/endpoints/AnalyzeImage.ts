import { imageFactoryRefreshPermission } from '@image-factory/backstage-plugin-image-factory-common';
import { audited } from '../../audit/audited';
import { ImageFactoryService } from '../ImageFactoryService';
import { authorize, authorizeOnEntity, entityRefOf } from './access';
import { sendQueued } from './sendQueued';
import { EndpointServices, ImageFactoryRouter } from './types';

/** `POST /images/{namespace}/{kind}/{name}/analyze`: queues a run analysing it again. */
export function bindAnalyzeImageEndpoint(
  router: ImageFactoryRouter,
  options: EndpointServices & {
    model: Pick<ImageFactoryService, 'analyze' | 'isVisible'>;
  },
): void {
  router.post('/images/:namespace/:kind/:name/analyze', async (req, res) => {
    const entityRef = entityRefOf(req.params);
    const run = await audited(
      options.auditor,
      { eventId: 'analyze', request: req, meta: { entityRef } },
      async () => {
        await authorizeOnEntity(options, req, entityRef);
        await authorize(options, req, imageFactoryRefreshPermission);
        return options.model.analyze(entityRef);
      },
      queued => ({ meta: { runId: queued.id } }),
    );
    sendQueued(req, res, run);
  });
}
