import { execFileSync, spawn } from 'node:child_process';
import { loadavg } from 'node:os';
import path from 'node:path';
import { describeMachine } from './machine';
import { BENCH_DATABASES, type BenchDatabase } from './pipeline/benchDatabase';
import { FIXED_RUNS } from './pipeline/fleet';
import type { FleetResult, RunFigures } from './pipeline/runFleet';
import type { Benchmark, BenchmarkFigure, BenchmarkFlags } from './types';

const ROOT = path.resolve(__dirname, '..');
const RUN_FLEET = path.join(__dirname, 'pipeline/runFleet.ts');
const TRANSFORM = path.join(
  ROOT,
  'node_modules/@backstage/cli/config/nodeTransform.cjs',
);

/**
 * The whole pipeline at fleet size, one child process per database and size so
 * that each fleet's memory is its own: see bench/README.md.
 */
export const pipelineBenchmark: Benchmark = {
  name: 'pipeline',
  description:
    'the pipeline over fleets of enrolled images (a quarter as many base images), registry and Dockerfile host on loopback',
  flags: {
    '--images <sizes>': 'fleet sizes, comma-separated (default 1000)',
    '--database <names>': `databases, comma-separated: ${BENCH_DATABASES.join(
      ', ',
    )} (default both)`,
    '--churn <runs>':
      'more runs after the first three, each with 1 % of the base images moved (default 0)',
    '--profile <dir>':
      'write a CPU profile of each run and each latency series into this folder',
  },
  async run(flags) {
    const loadBefore = loadavg()[0];
    const sizes = readList(flags, '--images', ['1000']).map(size =>
      readCount(size),
    );
    const databases = readList(flags, '--database', [...BENCH_DATABASES]).map(
      readDatabase,
    );
    const churn = readCount(String(flags.get('--churn') ?? '0'), true);
    const profileFlag = flags.get('--profile');
    if (profileFlag === true) {
      throw new Error('--profile needs a folder');
    }
    const profile = profileFlag && path.resolve(profileFlag);
    const connection = startTestServices();

    const figures: BenchmarkFigure[] = [];
    for (const database of databases) {
      const results: FleetResult[] = [];
      for (const images of sizes) {
        const result = await runChild({
          images,
          database,
          connection,
          churn,
          profile,
        });
        results.push(result);
        figures.push(...describeFleet(result));
      }
      figures.push(...describeGrowth(results));
    }
    return [describeMachine(loadBefore), ...figures];
  },
};

function readList(
  flags: BenchmarkFlags,
  flag: string,
  fallback: string[],
): string[] {
  const value = flags.get(flag);
  if (value === true) {
    throw new Error(`${flag} needs a value`);
  }
  return value === undefined ? fallback : value.split(',').map(v => v.trim());
}

function readCount(text: string, zero = false): number {
  const count = Number(text);
  if (!Number.isInteger(count) || count < (zero ? 0 : 1)) {
    throw new Error(`not a count: ${text}`);
  }
  return count;
}

function readDatabase(name: string): BenchDatabase {
  const known = BENCH_DATABASES.find(d => d === name);
  if (!known) {
    throw new Error(
      `unknown database ${name}; known: ${BENCH_DATABASES.join(', ')}`,
    );
  }
  return known;
}

// The registry binary and the PostgreSQL server the tests use, from the
// project's own script, which installs what is missing; the server the
// environment names, when it names one.
function startTestServices(): string {
  const named = (env: NodeJS.ProcessEnv) =>
    Object.entries(env).find(([key]) =>
      /^BACKSTAGE_TEST_DATABASE_POSTGRES\d+_CONNECTION_STRING$/.test(key),
    )?.[1];
  const fromEnvironment = named(process.env);
  if (fromEnvironment) {
    return fromEnvironment;
  }
  const exports = execFileSync(
    path.join(ROOT, 'scripts/test-services.sh'),
    ['start'],
    { encoding: 'utf8' },
  );
  const started = named(
    Object.fromEntries(
      [...exports.matchAll(/^export (\w+)=(.*)$/gm)].map(m => [m[1], m[2]]),
    ),
  );
  if (!started) {
    throw new Error(
      `scripts/test-services.sh printed no PostgreSQL:\n${exports}`,
    );
  }
  return started;
}

async function runChild(options: {
  images: number;
  database: BenchDatabase;
  connection?: string;
  churn: number;
  profile?: string;
}): Promise<FleetResult> {
  const child = spawn(
    process.execPath,
    ['--expose-gc', '--require', TRANSFORM, RUN_FLEET, JSON.stringify(options)],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let stdout = '';
  child.stdout.setEncoding('utf8').on('data', chunk => {
    stdout += chunk;
  });
  const code = await new Promise<number | null>(resolve =>
    child.on('close', resolve),
  );
  if (code !== 0) {
    throw new Error(
      `the ${options.database} fleet of ${options.images} images failed (exit ${code})`,
    );
  }
  return JSON.parse(stdout.trim().split('\n').pop() ?? '');
}

const mib = (value: number) => `${Math.round(value)} MiB`;
const ms = (value: number) => `${value.toFixed(1)} ms`;

function describeRun(run: RunFigures, rssBefore: number): string {
  return [
    `${run.seconds.toFixed(2)} s (CPU ${run.cpuSeconds.toFixed(2)} s)`,
    `${run.registryRequests} registry requests`,
    `${run.dockerfilesRead} Dockerfiles read, ${run.dockerfilesNotModified} not modified, ${run.parsed} parsed`,
    `${run.newFreight} new freight`,
    run.committed ? 'a commit' : 'no commit',
    `${run.errors} errors`,
    `RSS ${mib(run.rssAfter)} (${signed(
      run.rssAfter - rssBefore,
    )} MiB), heap ${mib(run.heapAfter)}`,
  ].join('; ');
}

const signed = (value: number) =>
  `${value >= 0 ? '+' : ''}${Math.round(value)}`;

function describeFleet(result: FleetResult): BenchmarkFigure[] {
  const name = `${result.database} ${result.images}`;
  const churn = result.runs.slice(FIXED_RUNS);
  const growths = churn.map((run, i) =>
    signed(run.rssAfter - result.runs[FIXED_RUNS + i - 1].rssAfter),
  );
  return [
    {
      label: `${name}: fleet`,
      value: `${result.images} images on ${
        result.baseImages
      } base images; setup ${result.setupSeconds.toFixed(1)} s`,
    },
    ...result.runs.slice(0, FIXED_RUNS).map(run => ({
      label: `${name}: ${run.label}`,
      value: describeRun(run, result.rssBefore),
    })),
    ...(churn.length > 0
      ? [
          {
            label: `${name}: ${churn.length} churn runs`,
            value: `${(
              churn.reduce((sum, run) => sum + run.seconds, 0) / churn.length
            ).toFixed(2)} s mean; RSS change per run ${growths.join(', ')} MiB`,
          },
        ]
      : []),
    {
      label: `${name}: memory`,
      value: `RSS ${mib(
        result.rssBefore,
      )} before the first run, growth ${signed(
        result.runs[0].rssAfter - result.rssBefore,
      )} MiB over it; peak RSS ${mib(result.peakRss)}`,
    },
    {
      label: `${name}: GET /images`,
      value: `p50 ${ms(result.latency.images.p50)}, p95 ${ms(
        result.latency.images.p95,
      )} (100 requests, ${result.latency.images.failed} failed)`,
    },
    {
      label: `${name}: GET /images/{entity}`,
      value: `p50 ${ms(result.latency.status.p50)}, p95 ${ms(
        result.latency.status.p95,
      )} (100 requests, ${result.latency.status.failed} failed)`,
    },
    {
      label: `${name}: state repository commits`,
      value: `${result.commits} (with the initial one)`,
    },
  ];
}

// How cost grows from the smallest fleet to the largest: the ratio of the time
// ratio to the size ratio, 1.0 for linear growth.
function describeGrowth(results: FleetResult[]): BenchmarkFigure[] {
  if (results.length < 2) {
    return [];
  }
  const small = results[0];
  const large = results[results.length - 1];
  const size = large.images / small.images;
  return small.runs.slice(0, FIXED_RUNS).map((run, i) => {
    const factor = large.runs[i].seconds / run.seconds;
    return {
      label: `${small.database} ${small.images} → ${large.images}: ${run.label}`,
      value: `×${factor.toFixed(1)} time for ×${size.toFixed(1)} images: ${(
        factor / size
      ).toFixed(2)} of linear`,
    };
  });
}
