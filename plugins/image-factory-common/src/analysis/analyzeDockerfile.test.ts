import { analyzeDockerfile } from './analyzeDockerfile';
import type { AnalyzeDockerfileOptions } from './types';

const DIGEST = `sha256:${'4f'.repeat(32)}`;

function lines(...text: string[]): string {
  return `${text.join('\n')}\n`;
}

function refsOf(content: string, options?: AnalyzeDockerfileOptions): string[] {
  return analyzeDockerfile(content, options).baseImages.map(image => image.ref);
}

describe('analyzeDockerfile', () => {
  it('reports a base image with its reference parts, stage, instruction and line', () => {
    const analysis = analyzeDockerfile(
      lines(
        '# build the app',
        '',
        'FROM node:22-bookworm-slim AS build',
        'RUN yarn build',
      ),
    );
    expect(analysis).toEqual({
      baseImages: [
        {
          ref: 'docker.io/library/node:22-bookworm-slim',
          registry: 'docker.io',
          repository: 'library/node',
          tag: '22-bookworm-slim',
          digest: null,
          instruction: 'FROM',
          stages: ['build'],
          line: 3,
        },
      ],
      frontend: null,
      stages: [{ name: 'build', index: 0 }],
      warnings: [],
    });
  });

  it.each<[string, string, AnalyzeDockerfileOptions | undefined, string[]]>([
    [
      'expands global ARGs with defaults in FROM',
      lines(
        'ARG REGISTRY=registry.example.com',
        'ARG TAG',
        'FROM ${REGISTRY}/team/app:${TAG:-1.0}',
      ),
      undefined,
      ['registry.example.com/team/app:1.0'],
    ],
    [
      'lets build args override ARG defaults',
      lines(
        'ARG REGISTRY=registry.example.com',
        'ARG TAG=1.0',
        'FROM ${REGISTRY}/team/app:${TAG:-1.0}',
      ),
      { buildArgs: { TAG: '2.0', REGISTRY: 'ghcr.io' } },
      ['ghcr.io/team/app:2.0'],
    ],
    [
      'uses a build arg for an ARG declared without a default',
      lines('ARG BASE', 'FROM $BASE'),
      { buildArgs: { BASE: 'python:3.12-slim' } },
      ['docker.io/library/python:3.12-slim'],
    ],
    [
      'expands ${VAR:+alternative} only when the variable is set',
      lines(
        'ARG SUFFIX=-slim',
        'ARG EMPTY=',
        'FROM python:3.12${SUFFIX:+-slim}',
        'FROM python:3.11${EMPTY:+-slim}',
      ),
      undefined,
      ['docker.io/library/python:3.12-slim', 'docker.io/library/python:3.11'],
    ],
    [
      'lets an ARG default use earlier ARGs',
      lines('ARG VERSION=3.20', 'ARG IMAGE=alpine:$VERSION', 'FROM ${IMAGE}'),
      undefined,
      ['docker.io/library/alpine:3.20'],
    ],
    [
      'reads FROM with --platform and AS',
      lines('FROM --platform=$BUILDPLATFORM golang:1.22 AS build'),
      undefined,
      ['docker.io/library/golang:1.22'],
    ],
    [
      'reads instructions in any letter case',
      lines(
        'from alpine:3.20 as Base',
        'copy --from=busybox:1.36 /bin/sh /bin/sh',
        'From base',
      ),
      undefined,
      ['docker.io/library/alpine:3.20', 'docker.io/library/busybox:1.36'],
    ],
    [
      'does not count scratch',
      lines('FROM scratch', 'COPY app /app'),
      undefined,
      [],
    ],
    [
      'does not count an earlier stage named in FROM, in any case',
      lines('FROM node:22 AS Build', 'FROM BUILD', 'FROM build AS test'),
      undefined,
      ['docker.io/library/node:22'],
    ],
    [
      'does not count COPY --from of a stage index or name',
      lines(
        'FROM golang:1.22 AS build',
        'FROM alpine:3.20',
        'COPY --from=0 /a /a',
        'COPY --from=build /b /b',
      ),
      undefined,
      ['docker.io/library/golang:1.22', 'docker.io/library/alpine:3.20'],
    ],
    [
      'counts COPY --from of an image',
      lines(
        'FROM alpine:3.20',
        'COPY --chown=1000 --from=ghcr.io/acme/tools:1 /bin/tool /bin/tool',
      ),
      undefined,
      ['docker.io/library/alpine:3.20', 'ghcr.io/acme/tools:1'],
    ],
    [
      'counts RUN --mount from= an image, with or without a type',
      lines(
        'FROM alpine:3.20',
        'RUN --mount=type=cache,from=ghcr.io/x/cache,target=/c \\',
        '    --mount=from=registry.example.com/tools,target=/t \\',
        '    ls /c /t',
      ),
      undefined,
      [
        'docker.io/library/alpine:3.20',
        'ghcr.io/x/cache:latest',
        'registry.example.com/tools:latest',
      ],
    ],
    [
      'ignores from= on mounts that cannot read an image and mounts of stages',
      lines(
        'FROM alpine:3.20 AS base',
        'FROM alpine:3.20',
        'RUN --mount=type=secret,id=x,from=ghcr.io/not/this echo',
        'RUN --mount=type=bind,from=base,target=/b echo',
        'RUN echo --mount=from=ghcr.io/not/this',
      ),
      undefined,
      ['docker.io/library/alpine:3.20'],
    ],
    [
      'keeps tag and digest, and leaves out the tag when only a digest is given',
      lines(`FROM node:22@${DIGEST}`, `FROM gcr.io/distroless/base@${DIGEST}`),
      undefined,
      [
        `docker.io/library/node:22@${DIGEST}`,
        `gcr.io/distroless/base@${DIGEST}`,
      ],
    ],
    [
      'reads a registry port and a tag that looks like a port',
      lines('FROM localhost:5000/app:5000'),
      undefined,
      ['localhost:5000/app:5000'],
    ],
    [
      'does not read FROM inside a heredoc',
      lines(
        'FROM alpine:3.20',
        'RUN <<EOF',
        'FROM evil',
        'EOF',
        'COPY <<-"END" /etc/x',
        '\tFROM evil2',
        '\tEND',
      ),
      undefined,
      ['docker.io/library/alpine:3.20'],
    ],
    [
      'follows line continuations and skips comments inside them',
      lines('FROM \\', '  # a comment', '  debian:bookworm \\', '  AS base'),
      undefined,
      ['docker.io/library/debian:bookworm'],
    ],
    [
      'uses the escape directive for continuations',
      lines(
        '# escape=`',
        'FROM mcr.microsoft.com/windows/servercore:ltsc2022 `',
        '  AS base',
        'RUN dir C:\\',
      ),
      undefined,
      ['mcr.microsoft.com/windows/servercore:ltsc2022'],
    ],
    [
      'expands variables in COPY --from with the stage ARGs',
      lines(
        'ARG TOOLS=ghcr.io/acme/tools:1',
        'FROM alpine:3.20',
        'ARG TOOLS',
        'ARG OTHER=busybox:1.36',
        'COPY --from=$TOOLS /a /a',
        'COPY --from=${OTHER} /b /b',
      ),
      undefined,
      [
        'docker.io/library/alpine:3.20',
        'ghcr.io/acme/tools:1',
        'docker.io/library/busybox:1.36',
      ],
    ],
    [
      'passes ENV to stages built on the stage',
      lines(
        'FROM alpine:3.20 AS base',
        'ENV TOOLS_IMAGE=ghcr.io/acme/tools:2',
        'FROM base',
        'COPY --from=${TOOLS_IMAGE} /a /a',
      ),
      undefined,
      ['docker.io/library/alpine:3.20', 'ghcr.io/acme/tools:2'],
    ],
    [
      'lets ENV win over an ARG of the same name, as Docker does',
      lines(
        'FROM alpine:3.20',
        'ENV TOOLS=busybox:1.36',
        'ARG TOOLS=debian:bookworm',
        'COPY --from=$TOOLS /a /a',
      ),
      { buildArgs: { TOOLS: 'ubuntu:24.04' } },
      ['docker.io/library/alpine:3.20', 'docker.io/library/busybox:1.36'],
    ],
    [
      'resolves a variable to a stage name',
      lines(
        'ARG FROM_STAGE=build',
        'FROM golang:1.22 AS build',
        'FROM alpine:3.20',
        'ARG FROM_STAGE',
        'COPY --from=$FROM_STAGE /app /app',
      ),
      undefined,
      ['docker.io/library/golang:1.22', 'docker.io/library/alpine:3.20'],
    ],
    [
      'removes quotes around an image',
      lines('FROM "alpine:3.20"', "FROM 'debian:bookworm'"),
      undefined,
      ['docker.io/library/alpine:3.20', 'docker.io/library/debian:bookworm'],
    ],
  ])('%s', (_name, content, options, expected) => {
    expect(refsOf(content, options)).toEqual(expected);
  });

  it('tracks an image used by several stages once, with every stage', () => {
    const analysis = analyzeDockerfile(
      lines(
        'FROM node:22 AS deps',
        'FROM docker.io/library/node:22 AS build',
        'FROM alpine:3.20',
        'COPY --from=index.docker.io/library/node:22 /usr/local/bin/node /node',
      ),
    );
    expect(analysis.baseImages).toEqual([
      expect.objectContaining({
        ref: 'docker.io/library/node:22',
        instruction: 'FROM',
        stages: ['deps', 'build', '#2'],
        line: 1,
      }),
      expect.objectContaining({
        ref: 'docker.io/library/alpine:3.20',
        stages: ['#2'],
      }),
    ]);
  });

  it('names the instruction of each kind of use', () => {
    const analysis = analyzeDockerfile(
      lines(
        'FROM alpine:3.20',
        'COPY --from=busybox:1.36 /a /a',
        'RUN --mount=from=debian:bookworm,target=/d ls',
      ),
    );
    expect(analysis.baseImages.map(b => [b.instruction, b.line])).toEqual([
      ['FROM', 1],
      ['COPY', 2],
      ['RUN', 3],
    ]);
  });

  it('lists every stage with its lowercase name or null', () => {
    const analysis = analyzeDockerfile(
      lines(
        'FROM golang:1.22 AS Build',
        'FROM alpine:3.20',
        'FROM build AS test',
      ),
    );
    expect(analysis.stages).toEqual([
      { name: 'build', index: 0 },
      { name: null, index: 1 },
      { name: 'test', index: 2 },
    ]);
  });

  it('reports the # syntax= directive as the frontend, not a base image', () => {
    const analysis = analyzeDockerfile(
      lines('# syntax=docker/dockerfile:1.7', 'FROM alpine:3.20'),
    );
    expect(analysis.frontend).toEqual({
      ref: 'docker.io/docker/dockerfile:1.7',
      registry: 'docker.io',
      repository: 'docker/dockerfile',
      tag: '1.7',
      digest: null,
    });
    expect(analysis.baseImages.map(b => b.ref)).toEqual([
      'docker.io/library/alpine:3.20',
    ]);
  });

  it('ignores a syntax comment that is not at the top', () => {
    const analysis = analyzeDockerfile(
      lines(
        '# a comment',
        '# syntax=docker/dockerfile:1.7',
        'FROM alpine:3.20',
      ),
    );
    expect(analysis.frontend).toBeNull();
  });

  it('reads Windows line endings with the right line numbers', () => {
    const analysis = analyzeDockerfile(
      'ARG TAG=3.20\r\n\r\nFROM alpine:${TAG} AS base\r\nRUN echo \\\r\n  hi\r\nFROM $MISSING\r\n',
    );
    expect(analysis.baseImages.map(b => [b.ref, b.line])).toEqual([
      ['docker.io/library/alpine:3.20', 3],
    ]);
    expect(analysis.warnings.map(w => w.line)).toEqual([6]);
  });

  it('reads a file starting with a byte order mark', () => {
    const analysis = analyzeDockerfile(
      '\uFEFF# syntax=docker/dockerfile:1\nFROM alpine:3.20\n',
    );
    expect(analysis.frontend?.ref).toBe('docker.io/docker/dockerfile:1');
    expect(analysis.baseImages.map(b => [b.ref, b.line])).toEqual([
      ['docker.io/library/alpine:3.20', 2],
    ]);
  });
});
