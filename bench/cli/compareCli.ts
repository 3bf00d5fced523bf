import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { generateDockerfiles } from '../corpus/generateDockerfiles';
import { median } from '../median';
import type { BenchmarkFigure } from '../types';
import { installBuiltCli } from './installBuiltCli';
import { writeRenovateScript } from './renovateExtractor';
import { timeProcess, type ProcessRun } from './timeProcess';
import { describeMachine } from '../machine';

const FILES = 500;
const RUNS = 10;

function summarize(runs: ProcessRun[]): string {
  const times = runs.map(r => r.milliseconds);
  const statuses = [...new Set(runs.map(r => r.status))].join(', ');
  return `${median(times).toFixed(0)} ms median of ${RUNS} (${Math.min(
    ...times,
  ).toFixed(0)}–${Math.max(...times).toFixed(0)}); exit ${statuses}, ${
    runs[0].stdoutBytes
  } bytes out`;
}

/**
 * `image-factory analyze` as a user runs it: whole processes of the built and
 * packed CLI over FILES generated Dockerfiles and over one, and Renovate's
 * Dockerfile extractor over the same files when it is installed.
 * IMAGE_FACTORY_CLI_BIN=<path of bin/image-factory> times an installed CLI
 * instead of building one, e.g. to compare two versions.
 */
export async function compareCli(seed: number): Promise<BenchmarkFigure[]> {
  const dir = await mkdtemp(path.join(tmpdir(), 'image-factory-bench-cli-'));
  try {
    const corpus = generateDockerfiles(seed, FILES);
    const files = corpus.map(
      (_, i) => `${String(i).padStart(3, '0')}.Dockerfile`,
    );
    await Promise.all(
      corpus.map((file, i) =>
        writeFile(path.join(dir, files[i]), file.content),
      ),
    );

    const given = process.env.IMAGE_FACTORY_CLI_BIN;
    const setupStart = performance.now();
    const bin = given ? path.resolve(given) : await installBuiltCli(dir);
    const setup = given
      ? `IMAGE_FACTORY_CLI_BIN=${bin}`
      : `built, packed and installed in ${(
          (performance.now() - setupStart) /
          1000
        ).toFixed(0)} s`;

    const loadBefore = loadavg()[0];
    const figures: BenchmarkFigure[] = [
      { label: 'CLI', value: setup },
      {
        label: 'node -e "" (process start alone)',
        value: summarize(await timeProcess(['-e', ''], dir, RUNS)),
      },
      {
        label: `image-factory analyze, ${FILES} files`,
        value: summarize(
          await timeProcess([bin, 'analyze', ...files], dir, RUNS),
        ),
      },
      {
        label: 'image-factory analyze, 1 file',
        value: summarize(
          await timeProcess([bin, 'analyze', files[0]], dir, RUNS),
        ),
      },
    ];

    const renovate = await writeRenovateScript(dir);
    if ('skipped' in renovate) {
      figures.push({
        label: 'Renovate extractor',
        value: `skipped: ${renovate.skipped}`,
      });
    } else {
      figures.push(
        {
          label: `Renovate extractor, ${FILES} files`,
          value: summarize(
            await timeProcess([renovate.script, ...files], dir, RUNS),
          ),
        },
        {
          label: 'Renovate extractor, 1 file',
          value: summarize(
            await timeProcess([renovate.script, files[0]], dir, RUNS),
          ),
        },
      );
    }
    return [
      describeMachine(loadBefore),
      {
        label: 'corpus',
        value: `${FILES} generated Dockerfiles (seed ${seed}), ${Math.round(
          corpus.reduce((sum, file) => sum + file.content.length, 0) / FILES,
        )} characters mean`,
      },
      ...figures,
    ];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
