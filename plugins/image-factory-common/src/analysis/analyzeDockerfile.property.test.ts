import fc from 'fast-check';
import { formatImageReference, parseImageReference } from '../references';
import { analyzeDockerfile } from './analyzeDockerfile';
import { DockerfileAnalysisError } from './DockerfileAnalysisError';
import type { AnalyzeDockerfileOptions, DockerfileAnalysis } from './types';

// Pieces of Dockerfile syntax, so that generated text often looks like a
// Dockerfile and reaches the interesting paths.
const FRAGMENTS = [
  'FROM ',
  'from ',
  'ARG ',
  'ENV ',
  'COPY ',
  'RUN ',
  'ONBUILD ',
  'AS ',
  'as ',
  '--from=',
  '--mount=',
  '--platform=',
  'type=cache,',
  'type=secret,',
  'from=',
  ',target=/c ',
  '${',
  '}',
  '$',
  ':-',
  ':+',
  ':?',
  '-',
  '"',
  "'",
  '\\',
  '`',
  '\n',
  '\r\n',
  ' ',
  '\t',
  '<<EOF',
  '<<-EOF',
  'EOF',
  '#',
  '# syntax=',
  '# escape=`\n',
  'alpine',
  'node',
  ':3.20',
  ':',
  '@',
  `@sha256:${'ab'.repeat(32)}`,
  'A',
  'B',
  '=',
  '0',
  '1',
  'scratch',
  'build',
  'TARGETARCH',
  'TARGETOS',
  'TARGETVARIANT',
  '/',
  '.',
  '\uFEFF',
  'localhost:5000/',
  'ghcr.io/',
  'Upper',
  '[',
  ']',
  '{',
  ',',
];

const PLATFORMS = [
  'linux/amd64',
  'linux/arm64',
  'linux/arm/v7',
  'windows/amd64',
];

const dockerfileLike = fc
  .array(fc.constantFrom(...FRAGMENTS), { maxLength: 60 })
  .map(parts => parts.join(''));
const anyText = fc.string({ unit: 'binary', maxLength: 200 });
const options: fc.Arbitrary<AnalyzeDockerfileOptions> = fc.record(
  {
    target: fc.constantFrom('build', 'a', 'Build'),
    buildArgs: fc.dictionary(
      fc.constantFrom('A', 'B', 'TAG', '__proto__', 'TARGETOS'),
      fc.constantFrom('alpine', 'node:22', '', '${A}', 'build'),
    ),
    platforms: fc.subarray(PLATFORMS),
  },
  { requiredKeys: [] },
);

function analyze(
  content: string,
  opts: AnalyzeDockerfileOptions,
): DockerfileAnalysis | unknown {
  try {
    return analyzeDockerfile(content, opts);
  } catch (error) {
    return error;
  }
}

// Problems with a successful result; empty when it is consistent.
function inconsistencies(
  content: string,
  analysis: DockerfileAnalysis,
  platforms: string[],
): string[] {
  const lineCount = content.split(/\r\n|\r|\n/).length;
  const problems: string[] = [];
  for (const image of analysis.baseImages) {
    if (image.ref !== formatImageReference(parseImageReference(image.ref))) {
      problems.push(`${image.ref} is not canonical`);
    }
    if (image.ref !== formatImageReference(image)) {
      problems.push(`${image.ref} does not match its parts`);
    }
    if (image.stages.length === 0) {
      problems.push(`${image.ref} has no stage`);
    }
    const only = image.platforms;
    if (
      only &&
      (only.length === 0 ||
        only.length >= platforms.length ||
        only.some(p => !platforms.includes(p)) ||
        only.join() !== [...only].sort().join())
    ) {
      problems.push(`${image.ref} has platforms ${only} of ${platforms}`);
    }
  }
  const lines = [
    ...analysis.baseImages.map(image => image.line),
    ...analysis.warnings.map(warning => warning.line),
  ];
  if (lines.some(line => line < 1 || line > lineCount)) {
    problems.push(`a line is outside 1..${lineCount}: ${lines}`);
  }
  const indexes = analysis.stages.map(stage => stage.index);
  if (indexes.some((index, i) => i > 0 && index <= indexes[i - 1])) {
    problems.push(`stage indexes are not increasing: ${indexes}`);
  }
  if (
    new Set(analysis.baseImages.map(image => image.ref)).size !==
    analysis.baseImages.length
  ) {
    problems.push('an image is listed twice');
  }
  return problems;
}

describe('analyzeDockerfile on generated text', () => {
  it.each([
    ['Dockerfile-like text', dockerfileLike],
    ['arbitrary text', anyText],
  ])('throws nothing but DockerfileAnalysisError on %s', (_name, text) => {
    fc.assert(
      fc.property(text, options, (content, opts) => {
        const outcome = analyze(content, opts);
        const failed = outcome instanceof Error;
        expect(!failed || outcome instanceof DockerfileAnalysisError).toBe(
          true,
        );
      }),
      { numRuns: 2000 },
    );
  });

  it('returns consistent results for Dockerfile-like text', () => {
    fc.assert(
      fc.property(dockerfileLike, options, (content, opts) => {
        const outcome = analyze(`FROM alpine AS build\n${content}`, opts);
        const problems =
          outcome instanceof Error
            ? []
            : inconsistencies(
                `FROM alpine AS build\n${content}`,
                outcome as DockerfileAnalysis,
                opts.platforms ?? [],
              );
        expect(problems).toEqual([]);
      }),
      { numRuns: 2000 },
    );
  });
});
