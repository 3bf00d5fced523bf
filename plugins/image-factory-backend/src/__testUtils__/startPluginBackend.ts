import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { Server } from 'node:http';
import path from 'node:path';
import request from 'supertest';
import { imageFactoryPlugin } from '../plugin';

type JsonObject = NonNullable<
  NonNullable<Parameters<typeof mockServices.rootConfig.factory>[0]>['data']
>;

/** Options of {@link startPluginBackend}. */
export interface PluginBackendOptions {
  entities: Entity[];
  /** The test registry (`127.0.0.1:<port>`), the only one allowed. */
  registryHost: string;
  /** Working directory of the backend. */
  workDir: string;
  /** The state repository: a bare repository's path. */
  stateRepository: string;
  permission?: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
  /** More `imageFactory.*` keys. */
  imageFactory?: JsonObject;
  /** More top-level keys, such as `integrations`. */
  config?: JsonObject;
}

/** The running backend, and its API called as a signed-in user. */
export interface PluginBackend {
  server: Server;
  refresh(): request.Test;
  get(url: string): request.Test;
  post(url: string, body: object): request.Test;
}

/**
 * Test support: the whole plugin in a test backend with SQLite, the test
 * registry as its only registry, and runs driven by `POST /refresh` (the
 * schedule waits a day), with helpers that call the API as a signed-in user.
 */
export async function startPluginBackend(
  options: PluginBackendOptions,
): Promise<PluginBackend> {
  const { server } = await startTestBackend({
    features: [
      imageFactoryPlugin,
      mockServices.permissions.factory({
        result: options.permission ?? AuthorizeResult.ALLOW,
      }),
      catalogServiceMock.factory({ entities: options.entities }),
      mockServices.rootConfig.factory({
        data: {
          ...options.config,
          backend: { workingDirectory: path.resolve(options.workDir) },
          imageFactory: {
            stateRepository: { url: options.stateRepository },
            allowPublic: false,
            registries: [
              { host: options.registryHost, insecure: true, minInterval: '0' },
            ],
            schedule: {
              frequency: { hours: 24 },
              timeout: { minutes: 5 },
              initialDelay: { hours: 24 },
            },
            ...options.imageFactory,
          },
        },
      }),
    ],
  });
  const user = mockCredentials.user.header();
  return {
    server,
    refresh: () =>
      request(server)
        .post('/api/image-factory/refresh')
        .set('Authorization', user),
    get: (url: string) =>
      request(server)
        .get(`/api/image-factory${url}`)
        .set('Authorization', user),
    post: (url: string, body: object) =>
      request(server)
        .post(`/api/image-factory${url}`)
        .set('Authorization', user)
        .send(body),
  };
}
