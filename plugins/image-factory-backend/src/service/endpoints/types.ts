import {
  AuditorService,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { createOpenApiRouter } from '../../schema/openapi';

/** The router typed by the spec: paths, parameters, bodies and answers. */
export type ImageFactoryRouter = Awaited<
  ReturnType<typeof createOpenApiRouter>
>;

/** Who asks, what they may do, and where what they did is recorded. */
export interface EndpointServices {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  auditor: AuditorService;
}
