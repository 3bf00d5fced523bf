import { imageFactoryRefreshPermission } from '@image-factory/backstage-plugin-image-factory-common';
import { audited } from '../../audit/audited';
import { ImageFactoryService } from '../ImageFactoryService';
import { authorize } from './access';
import { sendQueued } from './sendQueued';
import { EndpointServices, ImageFactoryRouter } from './types';

/** `POST /refresh`: queues a run of the whole pipeline, or joins the one queued. */
export function bindRefreshEndpoint(
  router: ImageFactoryRouter,
  options: EndpointServices & { model: Pick<ImageFactoryService, 'refresh'> },
): void {
  router.post('/refresh', async (req, res) => {
    const run = await audited(
      options.auditor,
      { eventId: 'refresh', request: req },
      async () => {
        await authorize(options, req, imageFactoryRefreshPermission);
        return options.model.refresh();
      },
      queued => ({ meta: { runId: queued.id } }),
    );
    sendQueued(req, res, run);
  });
}
