import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import express from 'express';
import request from 'supertest';
import { createOpenApiRouter } from '../schema/openapi';
import {
  EndpointServices,
  ImageFactoryRouter,
} from '../service/endpoints/types';
import { recordingAuditor } from './recordingAuditor';
import { checkAgainstSpec } from './specAnswers';

/** A permission decision as a test states it: every permission name it allows. */
export interface EndpointTestOptions {
  /** Permission names the caller is allowed; default: every one. */
  allow?: readonly string[];
  /** Who calls; default: `user:default/mock`. */
  credentials?: BackstageCredentials;
}

/**
 * Test support: one endpoint bound to the spec's router, as `createRouter`
 * binds it, behind Backstage's own error handler. Every answer is checked
 * against the spec before the test sees it.
 */
export async function endpointTestApp(
  bind: (router: ImageFactoryRouter, services: EndpointServices) => void,
  options: EndpointTestOptions = {},
) {
  const { auditor, events } = recordingAuditor();
  const allowed = options.allow && new Set(options.allow);
  const services: EndpointServices = {
    httpAuth: mockServices.httpAuth({
      defaultCredentials: options.credentials ?? mockCredentials.user(),
    }),
    permissions: {
      ...mockServices.permissions(),
      async authorize(requests) {
        return requests.map(r => ({
          result:
            !allowed || allowed.has(r.permission.name)
              ? AuthorizeResult.ALLOW
              : AuthorizeResult.DENY,
        }));
      },
    },
    auditor,
  };
  const router = await createOpenApiRouter({
    middleware: [express.json({ limit: '100kb' })],
  });
  bind(router, services);
  const app = express()
    .use(router)
    .use(
      MiddlewareFactory.create({
        config: mockServices.rootConfig(),
        logger: mockServices.logger.mock(),
      }).error(),
    );

  const checked = async (test: request.Test, method: string, url: string) => {
    const response = await test;
    checkAgainstSpec(method, url, response);
    return response;
  };
  return {
    events,
    get: (url: string) => checked(request(app).get(url), 'GET', url),
    post: (url: string, body?: object) => {
      const test = request(app).post(url);
      return checked(body ? test.send(body) : test, 'POST', url);
    },
    /** Unchecked: for asserting that an undocumented request is refused. */
    raw: () => request(app),
  };
}
