import { analyzeDockerfile } from './analyzeDockerfile';
import { DockerfileAnalysisError } from './DockerfileAnalysisError';

const DOCKERFILE = [
  'FROM golang:1.22 AS build',
  'FROM node:22 AS web',
  'FROM alpine:3.20 AS tools',
  'FROM debian:bookworm AS unused',
  'RUN --mount=from=ghcr.io/acme/unused-cache,target=/c ls',
  'FROM gcr.io/distroless/base AS runtime',
  'COPY --from=build /app /app',
  'RUN --mount=type=bind,from=tools,target=/t cp /t/x /x',
  'FROM runtime AS release',
  'COPY --from=1 /dist /dist',
  'FROM $UNSET AS broken',
  '',
].join('\n');

describe('analyzeDockerfile with a target stage', () => {
  it('counts only the stages the target depends on', () => {
    const analysis = analyzeDockerfile(DOCKERFILE, { target: 'release' });
    expect(analysis.baseImages.map(b => b.ref)).toEqual([
      'docker.io/library/golang:1.22',
      'docker.io/library/node:22',
      'docker.io/library/alpine:3.20',
      'gcr.io/distroless/base:latest',
    ]);
    expect(analysis.stages.map(s => s.name)).toEqual([
      'build',
      'web',
      'tools',
      'runtime',
      'release',
    ]);
    expect(analysis.warnings).toEqual([]);
  });

  it('follows FROM, COPY --from and RUN --mount from= links', () => {
    const analysis = analyzeDockerfile(DOCKERFILE, { target: 'runtime' });
    expect(analysis.stages.map(s => s.name)).toEqual([
      'build',
      'tools',
      'runtime',
    ]);
  });

  it('matches the target in any case', () => {
    const analysis = analyzeDockerfile(DOCKERFILE, { target: 'BUILD' });
    expect(analysis.baseImages.map(b => b.ref)).toEqual([
      'docker.io/library/golang:1.22',
    ]);
  });

  it('keeps warnings of the counted stages only', () => {
    expect(
      analyzeDockerfile(DOCKERFILE, { target: 'broken' }).warnings,
    ).toEqual([
      {
        line: 11,
        message: expect.stringContaining('variable UNSET is not declared'),
      },
    ]);
    expect(analyzeDockerfile(DOCKERFILE).warnings).toHaveLength(1);
  });

  it('counts every stage without a target', () => {
    expect(analyzeDockerfile(DOCKERFILE).baseImages).toHaveLength(6);
  });

  it('fails for a target the Dockerfile does not define', () => {
    expect(() => analyzeDockerfile(DOCKERFILE, { target: 'nope' })).toThrow(
      new DockerfileAnalysisError(
        'unknown-target',
        'target stage "nope" is not defined; the named stages are build, web, tools, unused, runtime, release, broken',
      ),
    );
  });
});
