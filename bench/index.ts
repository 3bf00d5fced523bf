import { analysisBenchmark } from './analysis.bench';
import { pipelineBenchmark } from './pipeline.bench';
import type { Benchmark, BenchmarkFlags } from './types';

// Every benchmark `yarn bench` runs, in order. Add a module here to add one.
const BENCHMARKS: Benchmark[] = [analysisBenchmark, pipelineBenchmark];

// `--images` in `yarn bench pipeline --images 1000` takes the next word, since
// a benchmark declares it as `--images <sizes>`.
function takesValue(arg: string | undefined): boolean {
  return (
    arg !== undefined &&
    !arg.includes('=') &&
    BENCHMARKS.some(benchmark =>
      Object.keys(benchmark.flags ?? {}).some(usage =>
        usage.startsWith(`${arg} `),
      ),
    )
  );
}

async function main(args: string[]): Promise<void> {
  const filters = args.filter(
    (arg, i) => !arg.startsWith('--') && !takesValue(args[i - 1]),
  );
  const selected = BENCHMARKS.filter(
    benchmark =>
      filters.length === 0 ||
      filters.some(filter => benchmark.name.includes(filter)),
  );
  if (selected.length === 0) {
    throw new Error(
      `no benchmark matches ${filters.join(', ')}; benchmarks: ${BENCHMARKS.map(
        b => b.name,
      ).join(', ')}`,
    );
  }
  const known = selected.flatMap(benchmark =>
    Object.entries(benchmark.flags ?? {}).map(([usage, what]) => ({
      usage,
      help: `${usage} (${benchmark.name}): ${what}`,
    })),
  );
  const flags = readFlags(args);
  const unknown = [...flags.keys()].filter(
    flag => !known.some(k => k.usage.split(' ')[0] === flag),
  );
  if (unknown.length > 0) {
    throw new Error(
      `unknown flag ${unknown.join(', ')}; ${
        known.length > 0 ? known.map(k => k.help).join('; ') : 'no flags'
      }`,
    );
  }
  for (const benchmark of selected) {
    process.stdout.write(`\n${benchmark.name}: ${benchmark.description}\n`);
    const figures = await benchmark.run(flags);
    const width = Math.max(...figures.map(figure => figure.label.length));
    for (const figure of figures) {
      process.stdout.write(
        `  ${figure.label.padEnd(width)}  ${figure.value}\n`,
      );
    }
  }
}

function readFlags(args: string[]): BenchmarkFlags {
  const flags = new Map<string, string | true>();
  args.forEach((arg, i) => {
    if (!arg.startsWith('--')) {
      return;
    }
    const equals = arg.indexOf('=');
    if (equals > 0) {
      flags.set(arg.slice(0, equals), arg.slice(equals + 1));
    } else if (takesValue(arg)) {
      const value = args[i + 1];
      if (value === undefined || value.startsWith('--')) {
        throw new Error(`${arg} needs a value`);
      }
      flags.set(arg, value);
    } else {
      flags.set(arg, true);
    }
  });
  return flags;
}

main(process.argv.slice(2)).catch(error => {
  process.stderr.write(
    `bench: ${error instanceof Error ? error.stack : error}\n`,
  );
  process.exitCode = 1;
});
