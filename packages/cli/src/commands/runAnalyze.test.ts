import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeDockerfile } from '@image-factory/backstage-plugin-image-factory-common/analysis';
import { runAnalyze } from './runAnalyze';
import type { CliContext } from './types';

const FILES = 300;

// Sizes from a few bytes to 20 KB.
function dockerfile(i: number): string {
  const padding = `# ${'x'.repeat(78)}\n`.repeat((i * 37) % 250);
  return i % 3 === 0
    ? `FROM golang:1.${i} AS build\n${padding}FROM ghcr.io/team/app${i}@sha256:${'ab'.repeat(
        32,
      )}\nCOPY --from=build /out /out\n`
    : `FROM registry.example.com:5000/team/app${i}:${i}\n${padding}RUN true\n`;
}

function capture(cwd: string) {
  const out: string[] = [];
  const err: string[] = [];
  let status = 0;
  const context: CliContext = {
    cwd,
    writeOut: text => out.push(text),
    writeErr: text => err.push(text),
    reportStatus: next => {
      status = Math.max(status, next);
    },
  };
  return { context, out, err, status: () => status };
}

describe('runAnalyze on many files', () => {
  let dir: string;
  const names = Array.from({ length: FILES }, (_, i) => `${i}.Dockerfile`);

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'image-factory-many-'));
    await Promise.all(
      names.map((name, i) => writeFile(join(dir, name), dockerfile(i))),
    );
    await writeFile(join(dir, 'no-from.Dockerfile'), 'ARG A=1\n');
    await mkdir(join(dir, 'folder.Dockerfile'));
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('prints one JSON line per file, in argument order, in a few writes', () => {
    const files = [...names].reverse();
    const run = capture(dir);
    runAnalyze(files, {}, run.context);

    // One line per file, in argument order.
    const expected = files
      .map(file => {
        const i = Number(file.split('.')[0]);
        return `${JSON.stringify({
          file,
          ...analyzeDockerfile(dockerfile(i)),
        })}\n`;
      })
      .join('');
    expect(run.out.join('')).toBe(expected);
    expect(run.out.length).toBeGreaterThan(1);
    expect(run.out.length).toBeLessThan(files.length / 10);
    expect(run.err).toEqual([]);
    expect(run.status()).toBe(0);
  });

  it('reports files that fail among many in their place, and analyses the others', () => {
    const files = [
      ...names.slice(0, 100),
      'missing.Dockerfile',
      ...names.slice(100, 200),
      'no-from.Dockerfile',
      'folder.Dockerfile',
      ...names.slice(200),
    ];
    const run = capture(dir);
    runAnalyze(files, {}, run.context);

    const lines = run.out
      .join('')
      .trimEnd()
      .split('\n')
      .map(line => JSON.parse(line));
    expect(lines.map(line => line.file)).toEqual(files);
    expect(lines.filter(line => line.error)).toEqual([
      { file: 'missing.Dockerfile', error: 'no such file' },
      {
        file: 'no-from.Dockerfile',
        error: 'the Dockerfile has no FROM instruction',
      },
      { file: 'folder.Dockerfile', error: 'is a directory' },
    ]);
    expect(lines.filter(line => line.baseImages)).toHaveLength(FILES);
    // The worst status: a file that cannot be read.
    expect(run.status()).toBe(2);
  });
});
