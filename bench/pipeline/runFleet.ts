import { UrlReaders } from '@backstage/backend-defaults/urlReader';
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import express from 'express';
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {
  createImageFactoryServices,
  createRouter,
  startOciRegistry,
} from '../../plugins/image-factory-backend/src/__testUtils__';
import { type BenchDatabase, openBenchDatabase } from './benchDatabase';
import { mapWithConcurrency } from '../../plugins/image-factory-backend/src/discovery/mapWithConcurrency';
import { baseRepository, writeFleet } from './fleet';
import { fleetCatalog } from './fleetCatalog';
import { profiled } from './cpuProfile';
import { measureLatency } from './measureLatency';
import { startSourceHost } from './sourceHost';

/** What one fleet's child process measured; the parent prints it. */
export interface FleetResult {
  images: number;
  baseImages: number;
  database: BenchDatabase;
  setupSeconds: number;
  runs: RunFigures[];
  /** RSS after a collection, before the first run, in MiB. */
  rssBefore: number;
  /** Peak RSS of the whole process, in MiB. */
  peakRss: number;
  commits: number;
  latency: Record<
    'images' | 'status',
    { p50: number; p95: number; failed: number }
  >;
}

/** One pipeline run. */
export interface RunFigures {
  label: string;
  seconds: number;
  cpuSeconds: number;
  registryRequests: number;
  dockerfilesRead: number;
  dockerfilesNotModified: number;
  parsed: number;
  newFreight: number;
  committed: boolean;
  errors: number;
  /** RSS after a collection once the run ended, in MiB. */
  rssAfter: number;
  heapAfter: number;
}

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

// The benchmark measures the pipeline, not the audit log.
const silentAuditor = {
  createEvent: async () => ({
    success: async () => {},
    fail: async () => {},
  }),
};

const MIB = 1024 * 1024;
const REQUESTS = 100;
// Past the registry's default interval of an hour.
const HOUR_AND_A_MINUTE = 61;

function collectedMemory(): { rss: number; heap: number } {
  (globalThis as { gc?: () => void }).gc?.();
  const usage = process.memoryUsage();
  return { rss: usage.rss / MIB, heap: usage.heapUsed / MIB };
}

/**
 * One fleet in this process, so that its peak RSS is its own: a registry on
 * loopback with `images / 4` base images, the Dockerfiles on a loopback source
 * host read through Backstage's URL reader, a real bare state repository and the
 * database asked for; then the runs, and the API's latency over HTTP.
 */
async function runFleet(options: {
  images: number;
  database: BenchDatabase;
  /** PostgreSQL server connection string, for `database: postgres`. */
  connection?: string;
  /** More runs after the three, each moving 1 % of the base images. */
  churn: number;
  /** A folder for a CPU profile of each run and each latency series. */
  profile?: string;
}): Promise<FleetResult> {
  const setupStarted = performance.now();
  const baseImages = Math.max(1, Math.round(options.images / 4));
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'image-factory-bench-'));
  const registry = await startOciRegistry();
  const source = await startSourceHost();
  const database = await openBenchDatabase(
    options.database,
    dir,
    options.connection,
  );
  const server = express();
  try {
    const pushAll = (indices: number[], version: number) =>
      mapWithConcurrency(indices, 8, i =>
        registry.pushImage(baseRepository(i), '1', {
          content: `base ${i} version ${version}`,
        }),
      );
    const all = Array.from({ length: baseImages }, (_, i) => i);
    await pushAll(all, 0);
    const entities = await writeFleet(
      { images: options.images, baseImages, registry: registry.host },
      source,
    );
    const rootConfig = new ConfigReader({
      backend: {
        workingDirectory: path.join(dir, 'work'),
        reading: { allow: [{ host: source.host }] },
      },
      imageFactory: {
        stateRepository: { url: path.join(dir, 'state.git') },
        allowPublic: false,
        // The first run checks every base image: a real fleet's first run
        // spreads new tags over several runs (500 a run by default).
        safety: { maxNewTagsPerRun: baseImages },
        // A private registry's default interval: each tag is checked at most
        // once an hour, so a run within the hour checks none.
        registries: [{ host: registry.host, insecure: true }],
      },
    });
    let registryRequests = 0;
    const countingFetch: typeof fetch = (input, init) => {
      registryRequests += 1;
      return fetch(input, init);
    };
    const catalog = fleetCatalog(entities);
    // The pipeline's clock, moved between runs: past the registry's interval
    // when every tag is to be checked again.
    let clock = Date.now();
    const later = (minutes: number) => {
      clock += minutes * 60_000;
    };
    const { pipeline, service } = await createImageFactoryServices({
      rootConfig,
      logger,
      database: {
        getClient: async () => database.knex,
        migrations: { skip: false },
      },
      urlReader: UrlReaders.default({ config: rootConfig, logger }),
      auth: mockServices.auth(),
      auditor: silentAuditor,
      catalog,
      registryFetch: countingFetch,
      now: () => new Date(clock),
    });
    server.use(
      '/api/image-factory',
      await createRouter({
        service,
        httpAuth: mockServices.httpAuth(),
        permissions: mockServices.permissions(),
        auditor: silentAuditor,
      }),
    );
    const listening = server.listen(0, '127.0.0.1');
    await new Promise(resolve => listening.once('listening', resolve));
    const baseUrl = `http://127.0.0.1:${
      (listening.address() as AddressInfo).port
    }/api/image-factory`;
    const setupSeconds = (performance.now() - setupStarted) / 1000;

    const runs: RunFigures[] = [];
    const measureRun = async (label: string) => {
      registryRequests = 0;
      await source.resetCounts();
      const started = performance.now();
      const cpu = process.cpuUsage();
      const summary = await profiled(
        options.profile,
        `${options.database}-${options.images}-${label}`,
        () => pipeline.run(),
      );
      const used = process.cpuUsage(cpu);
      const seconds = (performance.now() - started) / 1000;
      const memory = collectedMemory();
      const reads = await source.counts();
      runs.push({
        label,
        seconds,
        cpuSeconds: (used.user + used.system) / 1e6,
        registryRequests,
        dockerfilesRead: reads.read,
        dockerfilesNotModified: reads.notModified,
        parsed: summary.analyzed,
        newFreight: summary.newFreight,
        committed: summary.commit !== null,
        errors: summary.errors.length,
        rssAfter: memory.rss,
        heapAfter: memory.heap,
      });
    };

    const before = collectedMemory();
    await measureRun('first run');
    later(1);
    await measureRun('unchanged run, no tag due');
    later(HOUR_AND_A_MINUTE);
    await measureRun('unchanged run, every tag due');
    const moved = (share: number, round: number) =>
      all.filter(i => (i + round) % Math.round(1 / share) === 0);
    await pushAll(moved(0.1, 0), 1);
    later(HOUR_AND_A_MINUTE);
    await measureRun('10 % of base images moved');
    for (let round = 1; round <= options.churn; round++) {
      await pushAll(moved(0.01, round), round + 1);
      later(HOUR_AND_A_MINUTE);
      await measureRun(`churn run ${round} (1 % moved)`);
    }

    const refs = entities.map(e => `default/component/${e.metadata.name}`);
    const latencyOf = (name: string, pathOf: (i: number) => string) =>
      profiled(
        options.profile,
        `${options.database}-${options.images}-GET ${name}`,
        () => measureLatency(baseUrl, REQUESTS, pathOf),
      );
    const latency = {
      images: await latencyOf('images', () => '/images'),
      status: await latencyOf(
        'images-entity',
        i => `/images/${refs[(i * 7919) % refs.length]}`,
      ),
    };
    listening.close();
    const commits = Number(
      execFileSync(
        'git',
        [
          '--git-dir',
          path.join(dir, 'state.git'),
          'rev-list',
          '--count',
          'main',
        ],
        { encoding: 'utf8' },
      ).trim(),
    );
    return {
      images: options.images,
      baseImages,
      database: options.database,
      setupSeconds,
      runs,
      rssBefore: before.rss,
      peakRss: process.resourceUsage().maxRSS / 1024,
      commits,
      latency,
    };
  } finally {
    await database.destroy();
    await source.stop();
    await registry.stop();
    await fs.rm(dir, { recursive: true, force: true });
  }
}

// Run as a child of pipeline.bench.ts: options as JSON in argv, the result as
// JSON on the last line of stdout.
if (require.main === module) {
  runFleet(JSON.parse(process.argv[2]))
    .then(result => {
      process.stdout.write(`${JSON.stringify(result)}\n`);
      process.exit(0);
    })
    .catch(error => {
      process.stderr.write(`${error instanceof Error ? error.stack : error}\n`);
      process.exit(1);
    });
}
