import { DockerfileParser } from 'dockerfile-ast';
import { analyzeDockerfile } from '@internal/plugin-image-factory-common';
import {
  generateDockerfiles,
  type CorpusDockerfile,
} from './corpus/generateDockerfiles';
import type { Benchmark, BenchmarkFigure } from './types';

const SEED = 20261125;
const CORPUS_SIZE = 240;
const FILES_PER_RUN = 10_000;
const RUNS = 7;
const GOAL_SECONDS = 2;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? sorted[middle]
    : (sorted[middle - 1] + sorted[middle]) / 2;
}

// Runs `work` over FILES_PER_RUN files cycling the corpus, RUNS times, and
// returns each run's duration in milliseconds. The returned count keeps the
// work observable so it cannot be optimized away.
function measure(
  corpus: CorpusDockerfile[],
  work: (file: CorpusDockerfile) => number,
): { durations: number[]; checksum: number } {
  let checksum = 0;
  for (const file of corpus) {
    checksum += work(file);
  }
  const durations: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const start = performance.now();
    for (let i = 0; i < FILES_PER_RUN; i++) {
      checksum += work(corpus[i % corpus.length]);
    }
    durations.push(performance.now() - start);
  }
  return { durations, checksum };
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

function figuresOf(label: string, durations: number[]): BenchmarkFigure[] {
  const ms = median(durations);
  return [
    {
      label: `${label}: ${FILES_PER_RUN} files`,
      value: `${ms.toFixed(0)} ms median of ${RUNS} runs (min ${Math.min(
        ...durations,
      ).toFixed(0)}, max ${Math.max(...durations).toFixed(0)})`,
    },
    {
      label: `${label}: throughput`,
      value: `${Math.round((FILES_PER_RUN / ms) * 1000)} Dockerfiles/s, ${(
        (ms * 1000) /
        FILES_PER_RUN
      ).toFixed(1)} µs per file`,
    },
  ];
}

/**
 * Dockerfile analysis throughput on a generated corpus: the full analysis, and
 * dockerfile-ast's parse alone for comparison, per kind of Dockerfile too.
 */
export const analysisBenchmark: Benchmark = {
  name: 'analysis',
  description: `analyzeDockerfile on ${FILES_PER_RUN} Dockerfiles cycling a generated corpus; goal: under ${GOAL_SECONDS} s`,
  async run() {
    const corpus = generateDockerfiles(SEED, CORPUS_SIZE);
    const full = measure(corpus, analyze);
    const parseOnly = measure(
      corpus,
      file => DockerfileParser.parse(file.content).getInstructions().length,
    );
    const share = median(parseOnly.durations) / median(full.durations);
    const goalMet = median(full.durations) < GOAL_SECONDS * 1000;

    const byKind: BenchmarkFigure[] = [];
    for (const kind of new Set(corpus.map(file => file.kind))) {
      const files = corpus.filter(file => file.kind === kind);
      const start = performance.now();
      let rounds = 0;
      for (; rounds < 20; rounds++) {
        files.forEach(analyze);
      }
      const micros =
        ((performance.now() - start) * 1000) / (rounds * files.length);
      byKind.push({
        label: `  ${kind}`,
        value: `${micros.toFixed(1)} µs per file`,
      });
    }

    return [
      ...describeCorpus(corpus),
      ...figuresOf('analyzeDockerfile', full.durations),
      ...figuresOf('dockerfile-ast parse alone', parseOnly.durations),
      {
        label: 'parse share of analysis',
        value: `${Math.round(share * 100)} %`,
      },
      {
        label: `goal (${FILES_PER_RUN} in < ${GOAL_SECONDS} s)`,
        value: goalMet ? 'met' : 'not met',
      },
      { label: 'by kind (mean over 20 rounds)', value: '' },
      ...byKind,
      { label: 'checksum', value: String(full.checksum + parseOnly.checksum) },
    ];
  },
};
