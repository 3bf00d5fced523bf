import {
  AuditorService,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError } from '@backstage/errors';
import { RESOURCE_TYPE_CATALOG_ENTITY } from '@backstage/plugin-catalog-common/alpha';
import {
  AuthorizeResult,
  BasicPermission,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  ELIGIBILITY_STATES,
  EligibilityState,
  checkEmergencyJustification,
  formatEntityRef,
  imageFactoryRebuildCreatePermission,
  imageFactoryImageReadPermission,
  imageFactoryRebuildEmergencyPermission,
  imageFactoryRefreshPermission,
  PAGE_LIMITS,
  PipelineRun,
} from '@internal/plugin-image-factory-common';
import express, { Request, Response } from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { audited } from '../audit/audited';
import { judgeRebuild } from '../rebuilds/judgeRebuild';
import { imageNotFound, ImageFactoryService } from './ImageFactoryService';

/** Options for {@link createRouter}. */
export interface RouterOptions {
  service: ImageFactoryService;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  auditor: AuditorService;
}

const listQuery = z.strictObject({
  state: z
    .enum(
      ELIGIBILITY_STATES as unknown as [
        EligibilityState,
        ...EligibilityState[],
      ],
    )
    .optional(),
  owner: z.string().min(1).optional(),
  kind: z.enum(['managed', 'external']).optional(),
  search: z.string().min(1).max(200).optional(),
  offset: z.coerce.number().int().min(0).optional(),
  limit: z.coerce.number().int().min(1).max(PAGE_LIMITS.images.max).optional(),
  order: z.enum(['staleness', 'name']).optional(),
});

const pageQuery = (max: number) =>
  z.strictObject({
    offset: z.coerce.number().int().min(0).optional(),
    limit: z.coerce.number().int().min(1).max(max).optional(),
  });
const baseImagesQuery = pageQuery(PAGE_LIMITS.baseImages.max);
const graphQuery = pageQuery(PAGE_LIMITS.graph.max);

const rebuildBody = z
  .strictObject({
    emergency: z.boolean().optional(),
    justification: z.string().max(2000).optional(),
  })
  .superRefine((body, context) => {
    const problem = body.emergency
      ? checkEmergencyJustification(body.justification)
      : undefined;
    if (problem) {
      context.addIssue({
        code: 'custom',
        message: problem,
        path: ['justification'],
      });
    }
  });

// Entity refs in paths follow the catalog's /:namespace/:kind/:name convention.
const entityPath = '/images/:namespace/:kind/:name';

/** Builds the plugin's HTTP API, mounted at `/api/image-factory`. */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { service, httpAuth, permissions, auditor } = options;
  const router = Router();
  router.use(express.json({ limit: '100kb' }));

  const authorize = async (req: Request, permission: BasicPermission) => {
    const credentials = await httpAuth.credentials(req);
    const [decision] = await permissions.authorize([{ permission }], {
      credentials,
    });
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(`Not allowed: ${permission.name}`);
    }
    return credentials;
  };

  // An image is its catalog entity's: one the caller may not read in the
  // catalog, or whose image it may not read, is not found (the same answer
  // as for an entity that is not enrolled, so nothing is revealed); one it
  // may read but not act on is 403.
  const authorizeOnEntity = async (
    req: Request,
    entityRef: string,
    permission?: ResourcePermission<typeof RESOURCE_TYPE_CATALOG_ENTITY>,
  ) => {
    const credentials = await httpAuth.credentials(req);
    const asked = permission
      ? [imageFactoryImageReadPermission, permission]
      : [imageFactoryImageReadPermission];
    const [visible, ...decisions] = await Promise.all([
      service.isVisible(entityRef, credentials),
      ...asked.map(p =>
        permissions
          .authorize([{ permission: p, resourceRef: entityRef }], {
            credentials,
          })
          .then(([decision]) => decision.result === AuthorizeResult.ALLOW),
      ),
    ]);
    if (!visible || !decisions[0]) {
      throw imageNotFound(entityRef);
    }
    if (permission && !decisions[1]) {
      throw new NotAllowedError(`Not allowed: ${permission.name}`);
    }
    return credentials;
  };

  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  router.get('/images', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    res.json(
      await service.listImages(
        parse(listQuery, req.query, 'query'),
        credentials,
      ),
    );
  });

  router.get(entityPath, async (req, res) => {
    const entityRef = entityRefOf(req);
    await authorizeOnEntity(req, entityRef);
    res.json(await service.getImage(entityRef));
  });

  router.post(`${entityPath}/analyze`, async (req, res) => {
    const entityRef = entityRefOf(req);
    const run = await audited(
      auditor,
      { eventId: 'analyze', request: req, meta: { entityRef } },
      async () => {
        await authorizeOnEntity(req, entityRef);
        await authorize(req, imageFactoryRefreshPermission);
        return service.analyze(entityRef);
      },
      queued => ({ meta: { runId: queued.id } }),
    );
    sendQueued(req, res, run);
  });

  router.post(`${entityPath}/rebuild`, async (req, res) => {
    const entityRef = entityRefOf(req);
    const body = req.body ?? {};
    const emergency = body.emergency === true;
    const result = await audited(
      auditor,
      {
        eventId: emergency ? 'emergency-rebuild' : 'rebuild',
        severityLevel: emergency ? 'high' : 'medium',
        request: req,
        meta: {
          entityRef,
          emergency,
          ...(typeof body.justification === 'string'
            ? { justification: body.justification.slice(0, 2000) }
            : {}),
        },
      },
      async () => {
        const request = parse(rebuildBody, body, 'body');
        const credentials = await authorizeOnEntity(
          req,
          entityRef,
          emergency
            ? imageFactoryRebuildEmergencyPermission
            : imageFactoryRebuildCreatePermission,
        );
        return service.rebuild({ entityRef, request, credentials });
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

  router.get('/base-images', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    res.json(
      await service.listBaseImages(
        parse(baseImagesQuery, req.query, 'query'),
        credentials,
      ),
    );
  });

  router.get('/base-images/:name', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    res.json(await service.getBaseImage(req.params.name, credentials));
  });

  router.get('/graph', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    res.json(
      await service.getGraph(
        parse(graphQuery, req.query, 'query'),
        credentials,
      ),
    );
  });

  router.post('/refresh', async (req, res) => {
    const run = await audited(
      auditor,
      { eventId: 'refresh', request: req },
      async () => {
        await authorize(req, imageFactoryRefreshPermission);
        return service.refresh();
      },
      queued => ({ meta: { runId: queued.id } }),
    );
    sendQueued(req, res, run);
  });

  router.get('/runs/:id', async (req, res) => {
    await httpAuth.credentials(req);
    res.json(await service.getRun(req.params.id));
  });

  return router;
}

// 202: the run is queued, and `Location` is where to follow it.
function sendQueued(req: Request, res: Response, run: PipelineRun) {
  res.status(202).location(`${req.baseUrl}/runs/${run.id}`).json(run);
}

function parse<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    const field = issue.path.join('.');
    throw new InputError(
      `Invalid request ${what}${field ? ` field "${field}"` : ''}: ${
        issue.message
      }`,
    );
  }
  return result.data;
}

// The ref as enrollment writes it (kind and namespace lower-cased, name as
// given), so it finds the image stored under that ref.
function entityRefOf(req: Request): string {
  const { namespace, kind, name } = req.params;
  return formatEntityRef({ kind, metadata: { namespace, name } });
}
