import { checkAgainstSpec } from './specAnswers';
import {
  AuditorService,
  BackendFeature,
  BackstageCredentials,
  coreServices,
  createServiceFactory,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  isFinishedRun,
  PipelineRun,
} from '@image-factory/backstage-plugin-image-factory-common';
import { Knex } from 'knex';
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
  /** The plugin's database; default: a fresh in-memory SQLite. Share one to run replicas. */
  database?: Knex;
  /** The auditor; default: Backstage's, which logs. */
  auditor?: AuditorService;
  /** The permission policy, as a service; default: `permission` for every request. */
  permissions?: PermissionsService;
  /** Entities the catalog hides from a user, by user entity ref. */
  hiddenFrom?: Record<string, string[]>;
  /** More plugins and modules to run beside it, such as a listener. */
  features?: BackendFeature[];
}

/** What {@link PluginBackend.refresh} saw. */
export interface RefreshOutcome {
  /** The answer to `POST /refresh`: 202, or the error's status. */
  status: number;
  /** The run once it ended, when it was queued. */
  run?: PipelineRun;
  /** The finished run's summary; the error answer when the request was refused. */
  body: any;
}

/** The running backend, and its API called as a signed-in user. */
export interface PluginBackend {
  server: Server;
  /** Queues a run through `POST /refresh` and follows it to its end. */
  refresh(): Promise<RefreshOutcome>;
  get(url: string): request.Test;
  post(url: string, body: object): request.Test;
  /** The same calls as another signed-in user. */
  as(userEntityRef: string): Pick<PluginBackend, 'get' | 'post'>;
}

// The catalog of `entities`, answering getEntityByRef as the catalog's read
// policy would for users some entities are hidden from.
function catalogFactory(
  entities: Entity[],
  hiddenFrom: Record<string, string[]>,
) {
  const catalog = catalogServiceMock({ entities });
  const hiddenFor = (options: unknown) => {
    const credentials = (options as { credentials?: BackstageCredentials })
      ?.credentials;
    const principal = credentials?.principal as
      | { userEntityRef?: string }
      | undefined;
    return new Set(hiddenFrom[principal?.userEntityRef ?? ''] ?? []);
  };
  const getEntityByRef = catalog.getEntityByRef.bind(catalog);
  catalog.getEntityByRef = async (ref, options) => {
    const wanted = typeof ref === 'string' ? ref : stringifyEntityRef(ref);
    return hiddenFor(options).has(wanted)
      ? undefined
      : getEntityByRef(ref, options);
  };
  const streamEntities = catalog.streamEntities.bind(catalog);
  catalog.streamEntities = async function* stream(query, options) {
    const hidden = hiddenFor(options);
    for await (const page of streamEntities(query, options)) {
      yield page.filter(entity => !hidden.has(stringifyEntityRef(entity)));
    }
  };
  return createServiceFactory({
    service: catalogServiceRef,
    deps: {},
    factory: () => catalog,
  });
}

function serviceFactoryOf(auditor: AuditorService) {
  return createServiceFactory({
    service: coreServices.auditor,
    deps: {},
    factory: () => auditor,
  });
}

// Every answer of the running plugin is checked against the spec, as the
// router tests check each endpoint's: what the whole backend answers is
// what the contract says.
function callsAs(server: Server, authorization: string) {
  return {
    get: (url: string) =>
      request(server)
        .get(`/api/image-factory${url}`)
        .set('Authorization', authorization)
        .expect(answer => checkAgainstSpec('GET', url, answer)),
    post: (url: string, body: object) =>
      request(server)
        .post(`/api/image-factory${url}`)
        .set('Authorization', authorization)
        .send(body)
        .expect(answer => checkAgainstSpec('POST', url, answer)),
  };
}

async function followRun(
  server: Server,
  user: string,
  id: string,
): Promise<PipelineRun> {
  for (;;) {
    const answer = await request(server)
      .get(`/api/image-factory/runs/${id}`)
      .set('Authorization', user)
      .expect(res => checkAgainstSpec('GET', `/runs/${id}`, res));
    if (answer.status !== 200) {
      throw new Error(`GET /runs/${id} answered ${answer.status}`);
    }
    if (isFinishedRun(answer.body)) return answer.body;
    await new Promise(resolve => setTimeout(resolve, 20));
  }
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
      ...(options.features ?? []),
      ...(options.database
        ? [mockServices.database.factory({ knex: options.database })]
        : []),
      ...(options.auditor ? [serviceFactoryOf(options.auditor)] : []),
      options.permissions
        ? createServiceFactory({
            service: coreServices.permissions,
            deps: {},
            factory: () => options.permissions!,
          })
        : mockServices.permissions.factory({
            result: options.permission ?? AuthorizeResult.ALLOW,
          }),
      catalogFactory(options.entities, options.hiddenFrom ?? {}),
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
    refresh: async () => {
      const queued = await request(server)
        .post('/api/image-factory/refresh')
        .set('Authorization', user)
        .expect(res => checkAgainstSpec('POST', '/refresh', res));
      if (queued.status !== 202) {
        return { status: queued.status, body: queued.body };
      }
      const run = await followRun(server, user, queued.body.id);
      return { status: queued.status, run, body: run.summary ?? run };
    },
    ...callsAs(server, user),
    as: userEntityRef =>
      callsAs(server, mockCredentials.user.header(userEntityRef)),
  };
}
