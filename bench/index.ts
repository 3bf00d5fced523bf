import { analysisBenchmark } from './analysis.bench';
import { pipelineBenchmark } from './pipeline.bench';
import type { Benchmark } from './types';

// Every benchmark `yarn bench` runs, in order. Add a module here to add one.
const BENCHMARKS: Benchmark[] = [analysisBenchmark, pipelineBenchmark];

async function main(args: string[]): Promise<void> {
  const flags = new Set(args.filter(arg => arg.startsWith('--')));
  const filters = args.filter(arg => !arg.startsWith('--'));
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
    Object.entries(benchmark.flags ?? {}).map(([flag, what]) => ({
      flag,
      help: `${flag} (${benchmark.name}): ${what}`,
    })),
  );
  const unknown = [...flags].filter(f => !known.some(k => k.flag === f));
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

main(process.argv.slice(2)).catch(error => {
  process.stderr.write(
    `bench: ${error instanceof Error ? error.stack : error}\n`,
  );
  process.exitCode = 1;
});
