import { ConfigReader } from '@backstage/config';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import knexFactory from 'knex';
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  createImageFactoryServices,
  startOciRegistry,
} from '../plugins/image-factory-backend/src/__testUtils__';
import type { Benchmark, BenchmarkFigure } from './types';

const ENTITIES = 1000;
const BASE_IMAGES = 250;

// A logger that keeps quiet: the figures are the output.
const logger = {
  info() {},
  warn() {},
  error() {},
  debug() {},
  child() {
    return logger;
  },
};

/**
 * The whole pipeline at fleet size: 1,000 enrolled entities whose Dockerfiles (on
 * disk) use 250 distinct base images from a real OCI registry on loopback, SQLite,
 * and a real bare git repository.
 */
export const pipelineBenchmark: Benchmark = {
  name: 'pipeline',
  description: `${ENTITIES} enrolled entities, ${BASE_IMAGES} distinct base images, registry on loopback`,
  async run() {
    const dir = await fs.mkdtemp(
      path.join(os.tmpdir(), 'image-factory-bench-'),
    );
    const registry = await startOciRegistry();
    const knex = knexFactory({
      client: 'better-sqlite3',
      connection: { filename: path.join(dir, 'bench.sqlite') },
      useNullAsDefault: true,
    });
    try {
      for (let i = 0; i < BASE_IMAGES; i++) {
        await registry.pushImage(`base/image-${i}`, '1', {
          content: `base ${i}`,
        });
      }
      const entities = await writeEntities(dir, registry.host);
      const rootConfig = new ConfigReader({
        backend: { workingDirectory: path.join(dir, 'work') },
        imageFactory: {
          stateRepository: { url: path.join(dir, 'state.git') },
          allowPublic: false,
          registries: [
            { host: registry.host, insecure: true, minInterval: '24h' },
          ],
        },
      });
      let requests = 0;
      const countingFetch: typeof fetch = (input, init) => {
        requests += 1;
        return fetch(input, init);
      };
      // The benchmark measures the pipeline, not the audit log.
      const silentAuditor = {
        createEvent: async () => ({
          success: async () => {},
          fail: async () => {},
        }),
      };
      const { pipeline } = await createImageFactoryServices({
        rootConfig,
        logger,
        database: {
          getClient: async () => knex,
          migrations: { skip: false },
        },
        // Every Dockerfile is on disk, read without the URL reader.
        urlReader: {} as never,
        auth: {
          getOwnServiceCredentials: async () => ({
            $$type: '@backstage/BackstageCredentials',
            principal: { type: 'service', subject: 'plugin:image-factory' },
          }),
        } as never,
        auditor: silentAuditor,
        catalog: catalogServiceMock({ entities }),
        registryFetch: countingFetch,
      });

      const figures: BenchmarkFigure[] = [];
      for (const label of ['first run', 'unchanged run']) {
        requests = 0;
        const started = process.hrtime.bigint();
        const summary = await pipeline.run();
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        figures.push(
          { label: `${label}: time`, value: `${(ms / 1000).toFixed(2)} s` },
          {
            label: `${label}: Dockerfiles parsed`,
            value: String(summary.analyzed),
          },
          { label: `${label}: registry requests`, value: String(requests) },
          { label: `${label}: tags checked`, value: String(summary.checked) },
          { label: `${label}: commit`, value: summary.commit ? 'yes' : 'none' },
          { label: `${label}: errors`, value: String(summary.errors.length) },
        );
      }
      const commits = execFileSync(
        'git',
        [
          '--git-dir',
          path.join(dir, 'state.git'),
          'rev-list',
          '--count',
          'main',
        ],
        { encoding: 'utf8' },
      ).trim();
      figures.push(
        { label: 'state repository commits (incl. initial)', value: commits },
        {
          label: 'peak RSS of the process',
          value: `${Math.round(process.resourceUsage().maxRSS / 1024)} MiB`,
        },
      );
      return figures;
    } finally {
      await knex.destroy();
      await registry.stop();
      await fs.rm(dir, { recursive: true, force: true });
    }
  },
};

// Each entity builds on two base images (one shared family, one of its own slice),
// through a global ARG and a multi-stage build, so analysis does real work.
async function writeEntities(dir: string, host: string): Promise<Entity[]> {
  const entities: Entity[] = [];
  for (let i = 0; i < ENTITIES; i++) {
    const folder = path.join(dir, 'entities', `service-${i}`);
    await fs.mkdir(folder, { recursive: true });
    const a = i % BASE_IMAGES;
    const b = (i * 7 + 3) % BASE_IMAGES;
    await fs.writeFile(
      path.join(folder, 'Dockerfile'),
      [
        `ARG BASE=${host}/base/image-${a}:1`,
        'FROM ${BASE} AS build',
        'RUN make build',
        `FROM ${host}/base/image-${b}:1`,
        'COPY --from=build /out /app',
        'CMD ["/app/run"]',
        '',
      ].join('\n'),
    );
    entities.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: `service-${i}`,
        namespace: 'default',
        annotations: {
          'backstage.io/managed-by-location': `file:${folder}/catalog-info.yaml`,
          'image-factory.io/image': `${host}/acme/service-${i}`,
          'image-factory.io/workflow': 'build.yml',
        },
      },
      spec: {
        type: 'service',
        owner: 'group:default/team',
        lifecycle: 'production',
      },
    });
  }
  return entities;
}
