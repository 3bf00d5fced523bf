import { loadavg } from 'node:os';
import { analyzeDockerfile } from '@image-factory/backstage-plugin-image-factory-common';
// Not part of the package's entry points: timed alone to show the parse's share.
import { readDockerfile } from '../plugins/image-factory-common/src/analysis/readDockerfile';
import {
  generateDockerfiles,
  type CorpusDockerfile,
} from './corpus/generateDockerfiles';
import { compareCli } from './cli/compareCli';
import {
  loadRenovateExtractor,
  type LoadedRenovate,
} from './cli/renovateExtractor';
import { median } from './median';
import type { Benchmark, BenchmarkFigure } from './types';
import { describeMachine } from './machine';

// The `--cli` comparison writes its files from the same seed.
const SEED = 20261125;
const CORPUS_SIZE = 240;
const FILES_PER_RUN = 10_000;
const RUNS = 7;
const GOAL_SECONDS = 2;
const ROUNDS_PER_KIND = 20;

interface Durations {
  /** Wall-clock milliseconds per run. */
  wall: number[];
  /** CPU milliseconds (user and system) per run: steadier on a shared machine. */
  cpu: number[];
}

// Runs `work` over FILES_PER_RUN files cycling the corpus, RUNS times after one
// warm-up pass. The checksum keeps the work observable so it is not optimized
// away.
function measure(
  corpus: CorpusDockerfile[],
  work: (file: CorpusDockerfile) => number,
): Durations & { checksum: number } {
  let checksum = 0;
  for (const file of corpus) {
    checksum += work(file);
  }
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const start = performance.now();
    const startCpu = process.cpuUsage();
    for (let i = 0; i < FILES_PER_RUN; i++) {
      checksum += work(corpus[i % corpus.length]);
    }
    const usedCpu = process.cpuUsage(startCpu);
    wall.push(performance.now() - start);
    cpu.push((usedCpu.user + usedCpu.system) / 1000);
  }
  return { wall, cpu, checksum };
}

function describeCorpus(corpus: CorpusDockerfile[]): BenchmarkFigure[] {
  const lineCounts = corpus.map(file => file.content.split('\n').length - 1);
  const bytes = corpus.map(
    file => new TextEncoder().encode(file.content).length,
  );
  const kinds = new Set(corpus.map(file => file.kind));
  return [
    {
      label: 'corpus',
      value: `${corpus.length} Dockerfiles of ${
        kinds.size
      } kinds (seed ${SEED}), ${median(lineCounts)} lines median, ${Math.max(
        ...lineCounts,
      )} max, ${Math.round(
        bytes.reduce((a, b) => a + b, 0) / corpus.length,
      )} bytes mean`,
    },
  ];
}

function analyze(file: CorpusDockerfile): number {
  const analysis = analyzeDockerfile(file.content, file.options);
  return analysis.baseImages.length + analysis.warnings.length;
}

function summarize(milliseconds: number[]): string {
  const typical = median(milliseconds);
  const low = Math.min(...milliseconds).toFixed(0);
  const high = Math.max(...milliseconds).toFixed(0);
  const perSecond = Math.round((FILES_PER_RUN / typical) * 1000);
  const micros = ((typical * 1000) / FILES_PER_RUN).toFixed(1);
  return `${typical.toFixed(
    0,
  )} ms median of ${RUNS} runs (${low}–${high}): ${perSecond} Dockerfiles/s, ${micros} µs per file`;
}

function figuresOf(label: string, durations: Durations): BenchmarkFigure[] {
  return [
    {
      label: `${label}, ${FILES_PER_RUN} files, wall clock`,
      value: summarize(durations.wall),
    },
    {
      label: `${label}, ${FILES_PER_RUN} files, CPU time`,
      value: summarize(durations.cpu),
    },
  ];
}

// CPU microseconds per file of `work` over `files`, ROUNDS_PER_KIND times.
function cpuPerFile(
  files: CorpusDockerfile[],
  work: (file: CorpusDockerfile) => number,
): number {
  const startCpu = process.cpuUsage();
  for (let round = 0; round < ROUNDS_PER_KIND; round++) {
    files.forEach(work);
  }
  const used = process.cpuUsage(startCpu);
  return (used.user + used.system) / (ROUNDS_PER_KIND * files.length);
}

function ratio(theirs: number, ours: number): string {
  return `${(theirs / ours).toFixed(1)}×`;
}

// One row per kind of Dockerfile: ours, and Renovate's beside it when loaded.
function byKind(
  corpus: CorpusDockerfile[],
  renovate: LoadedRenovate | undefined,
): BenchmarkFigure[] {
  const column = (text: string) => text.padStart(15);
  const rows: BenchmarkFigure[] = [
    {
      label: `by kind (CPU µs per file, ${ROUNDS_PER_KIND} rounds)`,
      value: renovate
        ? `${column('ours')}${column('Renovate')}${column('Renovate/ours')}`
        : column('ours'),
    },
  ];
  for (const kind of new Set(corpus.map(file => file.kind))) {
    const files = corpus.filter(file => file.kind === kind);
    const ours = cpuPerFile(files, analyze);
    const theirs = renovate
      ? cpuPerFile(files, file => renovate.extract(file.content))
      : undefined;
    rows.push({
      label: `  ${kind}`,
      value:
        theirs === undefined
          ? column(ours.toFixed(1))
          : `${column(ours.toFixed(1))}${column(theirs.toFixed(1))}${column(
              ratio(theirs, ours),
            )}`,
    });
  }
  return rows;
}

// Renovate's extractor timed as the analysis is, or the line saying why not.
function compareRenovate(
  corpus: CorpusDockerfile[],
  renovate: LoadedRenovate | { skipped: string },
  ours: Durations,
): { figures: BenchmarkFigure[]; checksum: number } {
  if ('skipped' in renovate) {
    return {
      figures: [
        {
          label: 'Renovate extractPackageFile',
          value: `skipped: ${renovate.skipped}`,
        },
      ],
      checksum: 0,
    };
  }
  const theirs = measure(corpus, file => renovate.extract(file.content));
  return {
    figures: [
      ...figuresOf(`Renovate ${renovate.version} extractPackageFile`, theirs),
      {
        label: 'Renovate / analyzeDockerfile (CPU)',
        value: `${ratio(
          median(theirs.cpu),
          median(ours.cpu),
        )}; Renovate loaded in ${(renovate.loadMilliseconds / 1000).toFixed(
          1,
        )} s, not timed`,
      },
    ],
    checksum: theirs.checksum,
  };
}

/**
 * Dockerfile analysis throughput on a generated corpus: the full analysis,
 * reading the Dockerfile alone, and Renovate's Dockerfile extractor in the same
 * process when it is installed, per kind of Dockerfile too. With `--cli`, the
 * built command line as whole processes instead.
 */
export const analysisBenchmark: Benchmark = {
  name: 'analysis',
  description: `analyzeDockerfile on ${FILES_PER_RUN} Dockerfiles cycling a generated corpus, next to Renovate's extractor when installed; goal: under ${GOAL_SECONDS} s`,
  flags: {
    '--cli':
      'time the built `image-factory analyze` as whole processes instead (and Renovate when installed)',
  },
  async run(flags) {
    if (flags.has('--cli')) {
      return compareCli(SEED);
    }
    const corpus = generateDockerfiles(SEED, CORPUS_SIZE);
    // Loaded before timing anything, so that loading it is not measured.
    const renovate = await loadRenovateExtractor();
    const loadBefore = loadavg()[0];
    const full = measure(corpus, analyze);
    const parseOnly = measure(
      corpus,
      file => readDockerfile(file.content).stages.length,
    );
    const compared = compareRenovate(corpus, renovate, full);
    const share = median(parseOnly.cpu) / median(full.cpu);
    const goalMet = median(full.wall) < GOAL_SECONDS * 1000;

    return [
      describeMachine(loadBefore),
      ...describeCorpus(corpus),
      ...figuresOf('analyzeDockerfile', full),
      ...figuresOf('readDockerfile alone', parseOnly),
      {
        label: 'parse share of analysis (CPU)',
        value: `${Math.round(share * 100)} %`,
      },
      {
        label: `goal (${FILES_PER_RUN} in < ${GOAL_SECONDS} s wall clock)`,
        value: goalMet ? 'met' : 'not met',
      },
      ...compared.figures,
      ...byKind(corpus, 'skipped' in renovate ? undefined : renovate),
      {
        label: 'checksum',
        value: String(full.checksum + parseOnly.checksum + compared.checksum),
      },
    ];
  },
};
