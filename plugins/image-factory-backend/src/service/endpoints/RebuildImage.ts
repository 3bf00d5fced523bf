import { InputError } from '@backstage/errors';
import {
  checkEmergencyJustification,
  imageFactoryRebuildCreatePermission,
  imageFactoryRebuildEmergencyPermission,
} from '@image-factory/backstage-plugin-image-factory-common';
import { audited } from '../../audit/audited';
import { judgeRebuild } from '../../rebuilds/judgeRebuild';
import { ImageFactoryService } from '../ImageFactoryService';
import { authorizeOnEntity, entityRefOf } from './access';
import { EndpointServices, ImageFactoryRouter } from './types';

/**
 * `POST /images/{namespace}/{kind}/{name}/rebuild`: an ordinary or an
 * emergency rebuild, audited as what became of it.
 */
export function bindRebuildImageEndpoint(
  router: ImageFactoryRouter,
  options: EndpointServices & {
    model: Pick<ImageFactoryService, 'rebuild' | 'isVisible'>;
  },
): void {
  router.post('/images/:namespace/:kind/:name/rebuild', async (req, res) => {
    const entityRef = entityRefOf(req.params);
    // The spec has checked the body's shape; what the justification says is
    // checked below, inside the audited work, so a refusal is recorded.
    const request = req.body ?? {};
    const emergency = request.emergency === true;
    const result = await audited(
      options.auditor,
      {
        eventId: emergency ? 'emergency-rebuild' : 'rebuild',
        severityLevel: emergency ? 'high' : 'medium',
        request: req,
        meta: {
          entityRef,
          emergency,
          ...(request.justification !== undefined && {
            justification: request.justification,
          }),
        },
      },
      async () => {
        const problem = emergency
          ? checkEmergencyJustification(request.justification)
          : undefined;
        if (problem) {
          throw new InputError(
            `Invalid request body field "justification": ${problem}`,
          );
        }
        const credentials = await authorizeOnEntity(
          options,
          req,
          entityRef,
          emergency
            ? imageFactoryRebuildEmergencyPermission
            : imageFactoryRebuildCreatePermission,
        );
        return options.model.rebuild({ entityRef, request, credentials });
      },
      answer => {
        const outcome = judgeRebuild(answer.rebuild);
        return {
          ...outcome,
          meta: {
            ...outcome.meta,
            ...(answer.supersededRebuildIds && {
              supersededRebuildIds: answer.supersededRebuildIds,
            }),
          },
        };
      },
    );
    res.status(201).json(result);
  });
}
