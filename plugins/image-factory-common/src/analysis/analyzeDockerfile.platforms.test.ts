import { analyzeDockerfile } from './analyzeDockerfile';
import { DockerfileAnalysisError } from './DockerfileAnalysisError';
import type { AnalyzeDockerfileOptions, BaseImageUse } from './types';

const AMD64 = 'linux/amd64';
const ARM64 = 'linux/arm64';
const ARMV7 = 'linux/arm/v7';
const WINDOWS = 'windows/amd64';

function lines(...text: string[]): string {
  return `${text.join('\n')}\n`;
}

// What matters of a base image here: where it is used and for which platforms.
function usesOf(content: string, options: AnalyzeDockerfileOptions) {
  return analyzeDockerfile(content, options).baseImages.map(
    ({ ref, stages, platforms }: BaseImageUse) => ({
      ref,
      stages,
      ...(platforms && { platforms }),
    }),
  );
}

describe('analyzeDockerfile with target platforms', () => {
  // The shape of moby/buildkit's and docker/buildx's own Dockerfiles: a stage
  // per operating system, chosen by `FROM binaries-$TARGETOS`.
  const BINARIES = lines(
    'ARG GO_VERSION=1.22',
    'FROM --platform=$BUILDPLATFORM tonistiigi/xx:1.4.0 AS xx',
    'FROM --platform=$BUILDPLATFORM golang:${GO_VERSION}-alpine AS golatest',
    'FROM golatest AS build',
    'COPY --from=xx / /',
    'FROM ghcr.io/acme/wix:3 AS installer',
    'FROM alpine:3.20 AS binaries-linux',
    'COPY --from=build /out /usr/bin',
    'FROM mcr.microsoft.com/windows/nanoserver:ltsc2022 AS binaries-windows',
    'COPY --from=build /out /bin',
    'COPY --from=installer /wix /wix',
    'FROM binaries-$TARGETOS AS binaries',
  );

  it('follows the stage each platform picks through $TARGETOS and reports the images only some platforms use', () => {
    const analysis = analyzeDockerfile(BINARIES, {
      platforms: [AMD64, WINDOWS],
    });
    expect(
      analysis.baseImages.map(({ ref, stages, line, platforms }) => ({
        ref,
        stages,
        line,
        ...(platforms && { platforms }),
      })),
    ).toEqual([
      { ref: 'docker.io/tonistiigi/xx:1.4.0', stages: ['xx'], line: 2 },
      {
        ref: 'docker.io/library/golang:1.22-alpine',
        stages: ['golatest'],
        line: 3,
      },
      {
        ref: 'ghcr.io/acme/wix:3',
        stages: ['installer'],
        line: 6,
        platforms: [WINDOWS],
      },
      {
        ref: 'docker.io/library/alpine:3.20',
        stages: ['binaries-linux'],
        line: 7,
        platforms: [AMD64],
      },
      {
        ref: 'mcr.microsoft.com/windows/nanoserver:ltsc2022',
        stages: ['binaries-windows'],
        line: 9,
        platforms: [WINDOWS],
      },
    ]);
    expect(analysis.stages.map(stage => stage.name)).toEqual([
      'xx',
      'golatest',
      'build',
      'installer',
      'binaries-linux',
      'binaries-windows',
      'binaries',
    ]);
    expect(analysis.warnings).toEqual([]);
  });

  it('counts every stage for one platform, as without platform ARGs', () => {
    expect(usesOf(BINARIES, { platforms: [AMD64] })).toEqual(
      usesOf(BINARIES, { platforms: [WINDOWS] }),
    );
    expect(usesOf(BINARIES, {}).map(use => use.ref)).toEqual([
      'docker.io/tonistiigi/xx:1.4.0',
      'docker.io/library/golang:1.22-alpine',
      'ghcr.io/acme/wix:3',
      'docker.io/library/alpine:3.20',
      'mcr.microsoft.com/windows/nanoserver:ltsc2022',
    ]);
  });

  it('builds for the build platform when no target platform is given, as BuildKit does', () => {
    const target = 'binaries';
    expect(usesOf(BINARIES, { target }).map(use => use.ref)).toEqual([
      'docker.io/tonistiigi/xx:1.4.0',
      'docker.io/library/golang:1.22-alpine',
      'docker.io/library/alpine:3.20',
    ]);
    expect(
      usesOf(BINARIES, { target, buildPlatform: WINDOWS }).map(use => use.ref),
    ).toEqual([
      'docker.io/tonistiigi/xx:1.4.0',
      'docker.io/library/golang:1.22-alpine',
      'ghcr.io/acme/wix:3',
      'mcr.microsoft.com/windows/nanoserver:ltsc2022',
    ]);
  });

  it('reports one base image per architecture for FROM golang:1.22-$TARGETARCH', () => {
    const analysis = analyzeDockerfile(
      lines('FROM golang:1.22-$TARGETARCH AS build', 'FROM alpine:3.20'),
      { platforms: [AMD64, ARM64] },
    );
    expect(analysis.baseImages).toEqual([
      {
        ref: 'docker.io/library/golang:1.22-amd64',
        registry: 'docker.io',
        repository: 'library/golang',
        tag: '1.22-amd64',
        digest: null,
        instruction: 'FROM',
        stages: ['build'],
        line: 1,
        platforms: [AMD64],
      },
      {
        ref: 'docker.io/library/golang:1.22-arm64',
        registry: 'docker.io',
        repository: 'library/golang',
        tag: '1.22-arm64',
        digest: null,
        instruction: 'FROM',
        stages: ['build'],
        line: 1,
        platforms: [ARM64],
      },
      {
        ref: 'docker.io/library/alpine:3.20',
        registry: 'docker.io',
        repository: 'library/alpine',
        tag: '3.20',
        digest: null,
        instruction: 'FROM',
        stages: ['#1'],
        line: 2,
      },
    ]);
  });

  it('lists the platforms of a base image sorted, and none when every platform uses it', () => {
    expect(
      usesOf(lines('FROM ghcr.io/acme/${TARGETOS}-base:${TARGETARCH}'), {
        platforms: [ARM64, ARMV7, 'linux/386', AMD64],
      }),
    ).toEqual([
      {
        ref: 'ghcr.io/acme/linux-base:arm64',
        stages: ['#0'],
        platforms: [ARM64],
      },
      {
        ref: 'ghcr.io/acme/linux-base:arm',
        stages: ['#0'],
        platforms: [ARMV7],
      },
      {
        ref: 'ghcr.io/acme/linux-base:386',
        stages: ['#0'],
        platforms: ['linux/386'],
      },
      {
        ref: 'ghcr.io/acme/linux-base:amd64',
        stages: ['#0'],
        platforms: [AMD64],
      },
    ]);
    expect(
      usesOf(lines('FROM ghcr.io/acme/base-${TARGETOS}:1'), {
        platforms: [AMD64, ARM64],
      }),
    ).toEqual([{ ref: 'ghcr.io/acme/base-linux:1', stages: ['#0'] }]);
  });

  it('sets TARGETVARIANT and TARGETPLATFORM from the variant, empty without one', () => {
    const content = lines(
      'FROM ghcr.io/acme/base:${TARGETARCH}${TARGETVARIANT} AS base',
      'FROM ghcr.io/acme/${TARGETPLATFORM}/tools:1',
    );
    expect(usesOf(content, { platforms: [AMD64, ARMV7] })).toEqual([
      { ref: 'ghcr.io/acme/base:amd64', stages: ['base'], platforms: [AMD64] },
      { ref: 'ghcr.io/acme/base:armv7', stages: ['base'], platforms: [ARMV7] },
      {
        ref: 'ghcr.io/acme/linux/amd64/tools:1',
        stages: ['#1'],
        platforms: [AMD64],
      },
      {
        ref: 'ghcr.io/acme/linux/arm/v7/tools:1',
        stages: ['#1'],
        platforms: [ARMV7],
      },
    ]);
  });

  it('normalizes platforms as BuildKit does, keeping the names it was given', () => {
    const content = lines(
      'FROM ghcr.io/acme/${TARGETPLATFORM}/base:1',
      'FROM ghcr.io/acme/tools:${TARGETVARIANT:-none}',
    );
    expect(
      usesOf(content, { platforms: ['linux/arm', 'linux/arm64/v8'] }),
    ).toEqual([
      {
        ref: 'ghcr.io/acme/linux/arm/v7/base:1',
        stages: ['#0'],
        platforms: ['linux/arm'],
      },
      {
        ref: 'ghcr.io/acme/linux/arm64/base:1',
        stages: ['#0'],
        platforms: ['linux/arm64/v8'],
      },
      {
        ref: 'ghcr.io/acme/tools:v7',
        stages: ['#1'],
        platforms: ['linux/arm'],
      },
      {
        ref: 'ghcr.io/acme/tools:none',
        stages: ['#1'],
        platforms: ['linux/arm64/v8'],
      },
    ]);
  });

  it('resolves the BUILD platform ARGs to the build platform for every target platform', () => {
    const content = lines(
      'FROM --platform=$BUILDPLATFORM ghcr.io/acme/cross-${BUILDOS}-${BUILDARCH}:1 AS cross',
      'FROM alpine:3.20',
      'COPY --from=cross /bin /bin',
    );
    expect(usesOf(content, { platforms: [AMD64, ARM64] })).toEqual([
      { ref: 'ghcr.io/acme/cross-linux-amd64:1', stages: ['cross'] },
      { ref: 'docker.io/library/alpine:3.20', stages: ['#1'] },
    ]);
    expect(
      usesOf(content, { platforms: [AMD64, ARM64], buildPlatform: ARM64 }),
    ).toEqual([
      { ref: 'ghcr.io/acme/cross-linux-arm64:1', stages: ['cross'] },
      { ref: 'docker.io/library/alpine:3.20', stages: ['#1'] },
    ]);
  });

  it('changes nothing for FROM --platform=$BUILDPLATFORM', () => {
    const content = lines(
      'FROM --platform=$BUILDPLATFORM golang:1.22 AS build',
      'FROM --platform=$TARGETPLATFORM alpine:3.20',
      'COPY --from=build /app /app',
    );
    expect(
      analyzeDockerfile(content, { platforms: [AMD64, ARM64] }),
    ).toStrictEqual(analyzeDockerfile(content));
  });

  it('resolves an ARG TARGETARCH declared in a stage to the platform, for images and stages alike', () => {
    const content = lines(
      'FROM ghcr.io/acme/tools:amd64 AS img-amd64',
      'FROM ghcr.io/acme/tools:arm64 AS img-arm64',
      'FROM alpine:3.20',
      'ARG TARGETARCH',
      'COPY --from=img-$TARGETARCH /tools /tools',
      'COPY --from=ghcr.io/acme/assets-$TARGETARCH:1 /assets /assets',
    );
    expect(usesOf(content, { platforms: [AMD64, ARM64] })).toEqual([
      {
        ref: 'ghcr.io/acme/tools:amd64',
        stages: ['img-amd64'],
        platforms: [AMD64],
      },
      {
        ref: 'ghcr.io/acme/tools:arm64',
        stages: ['img-arm64'],
        platforms: [ARM64],
      },
      { ref: 'docker.io/library/alpine:3.20', stages: ['#2'] },
      {
        ref: 'ghcr.io/acme/assets-amd64:1',
        stages: ['#2'],
        platforms: [AMD64],
      },
      {
        ref: 'ghcr.io/acme/assets-arm64:1',
        stages: ['#2'],
        platforms: [ARM64],
      },
    ]);
  });

  it('leaves a platform ARG used in a stage without declaring it there unresolved, as BuildKit does', () => {
    const analysis = analyzeDockerfile(
      lines(
        'FROM alpine:3.20',
        'COPY --from=ghcr.io/acme/assets-$TARGETARCH:1 /assets /assets',
      ),
      { platforms: [AMD64, ARM64] },
    );
    expect(analysis.baseImages.map(b => b.ref)).toEqual([
      'docker.io/library/alpine:3.20',
    ]);
    expect(analysis.warnings).toEqual([
      {
        line: 2,
        message:
          'cannot resolve COPY --from="ghcr.io/acme/assets-$TARGETARCH:1": variable TARGETARCH is a global ARG; declare "ARG TARGETARCH" in the stage to use it there',
      },
    ]);
  });

  it('lets a build arg or a declared default override a platform ARG, as BuildKit does', () => {
    const platforms = [AMD64, ARM64];
    expect(
      usesOf(lines('FROM golang:1.22-$TARGETARCH'), {
        platforms,
        buildArgs: { TARGETARCH: 'riscv64' },
      }),
    ).toEqual([
      { ref: 'docker.io/library/golang:1.22-riscv64', stages: ['#0'] },
    ]);
    expect(
      usesOf(lines('ARG TARGETARCH=s390x', 'FROM golang:1.22-$TARGETARCH'), {
        platforms,
      }),
    ).toEqual([{ ref: 'docker.io/library/golang:1.22-s390x', stages: ['#0'] }]);
    expect(
      usesOf(
        lines(
          'FROM alpine:3.20',
          'ARG TARGETOS=plan9',
          'COPY --from=ghcr.io/acme/assets-$TARGETOS:1 / /',
        ),
        { platforms },
      ),
    ).toEqual([
      { ref: 'docker.io/library/alpine:3.20', stages: ['#0'] },
      { ref: 'ghcr.io/acme/assets-plan9:1', stages: ['#0'] },
    ]);
  });

  it('counts per platform only the stages the target depends on', () => {
    const content = lines(
      'FROM alpine:3.20 AS base-linux',
      'FROM mcr.microsoft.com/windows/nanoserver:ltsc2022 AS base-windows',
      'FROM base-$TARGETOS AS app',
      'FROM debian:bookworm AS other',
    );
    const analysis = analyzeDockerfile(content, {
      target: 'app',
      platforms: [AMD64, WINDOWS],
    });
    expect(
      analysis.baseImages.map(({ ref, platforms }) => ({ ref, platforms })),
    ).toEqual([
      { ref: 'docker.io/library/alpine:3.20', platforms: [AMD64] },
      {
        ref: 'mcr.microsoft.com/windows/nanoserver:ltsc2022',
        platforms: [WINDOWS],
      },
    ]);
    expect(analysis.stages.map(stage => stage.name)).toEqual([
      'base-linux',
      'base-windows',
      'app',
    ]);
    expect(() =>
      analyzeDockerfile(content, { target: 'nope', platforms: [AMD64] }),
    ).toThrow(DockerfileAnalysisError);
  });

  it('resolves TARGETSTAGE to the target, else the last stage, as BuildKit does', () => {
    const content = lines(
      'FROM ghcr.io/acme/base:$TARGETSTAGE AS app',
      'FROM alpine:3.20 AS release',
    );
    expect(usesOf(content, {}).map(use => use.ref)).toEqual([
      'ghcr.io/acme/base:release',
      'docker.io/library/alpine:3.20',
    ]);
    expect(usesOf(content, { target: 'app' }).map(use => use.ref)).toEqual([
      'ghcr.io/acme/base:app',
    ]);
    expect(
      usesOf(lines('FROM ghcr.io/acme/base:$TARGETSTAGE'), {}).map(
        use => use.ref,
      ),
    ).toEqual(['ghcr.io/acme/base:default']);
  });

  it('reports a warning once, naming the platforms when only some have it', () => {
    const analysis = analyzeDockerfile(
      lines(
        'FROM ghcr.io/acme/base:${TARGETVARIANT:?}',
        'FROM alpine:3.20',
        'BOGUS instruction',
      ),
      { platforms: [AMD64, ARMV7, ARM64] },
    );
    expect(analysis.warnings).toEqual([
      {
        line: 1,
        message:
          'for linux/amd64, linux/arm64: cannot resolve FROM "ghcr.io/acme/base:${TARGETVARIANT:?}": variable TARGETVARIANT is required',
      },
      { line: 3, message: expect.stringContaining('BOGUS') },
    ]);
    expect(
      analysis.baseImages.map(({ ref, platforms }) => [ref, platforms]),
    ).toEqual([
      ['ghcr.io/acme/base:v7', [ARMV7]],
      ['docker.io/library/alpine:3.20', undefined],
    ]);
  });

  it('gives a Dockerfile without platform ARGs the result it has without platforms', () => {
    const content = lines(
      '# syntax=docker/dockerfile:1',
      'ARG NODE=22',
      'FROM node:${NODE} AS build',
      'ENV ARCH=fixed',
      'RUN --mount=type=cache,from=ghcr.io/acme/cache:1,target=/c yarn build',
      'FROM gcr.io/distroless/nodejs22 AS runtime',
      'COPY --from=build /app /app',
      'COPY --from=$MISSING /x /x',
    );
    const platforms = analyzeDockerfile(content, {
      platforms: [AMD64, ARM64, WINDOWS],
    });
    expect(platforms).toStrictEqual(analyzeDockerfile(content));
    expect(platforms.baseImages).toEqual([
      {
        ref: 'docker.io/library/node:22',
        registry: 'docker.io',
        repository: 'library/node',
        tag: '22',
        digest: null,
        instruction: 'FROM',
        stages: ['build'],
        line: 3,
      },
      {
        ref: 'ghcr.io/acme/cache:1',
        registry: 'ghcr.io',
        repository: 'acme/cache',
        tag: '1',
        digest: null,
        instruction: 'RUN',
        stages: ['build'],
        line: 5,
      },
      {
        ref: 'gcr.io/distroless/nodejs22:latest',
        registry: 'gcr.io',
        repository: 'distroless/nodejs22',
        tag: 'latest',
        digest: null,
        instruction: 'FROM',
        stages: ['runtime'],
        line: 6,
      },
    ]);
    expect(platforms.warnings).toEqual([
      {
        line: 8,
        message:
          'cannot resolve COPY --from="$MISSING": variable MISSING is not declared in this stage',
      },
    ]);
  });

  it('reports one platform like none: every base image is used for it', () => {
    expect(
      usesOf(lines('FROM golang:1.22-$TARGETARCH'), { platforms: [ARM64] }),
    ).toEqual([{ ref: 'docker.io/library/golang:1.22-arm64', stages: ['#0'] }]);
    expect(usesOf(lines('FROM golang:1.22-$TARGETARCH'), {})).toEqual([
      { ref: 'docker.io/library/golang:1.22-amd64', stages: ['#0'] },
    ]);
  });

  it('refuses a platform that is not os/arch[/variant]', () => {
    expect(() =>
      analyzeDockerfile('FROM alpine\n', { platforms: ['amd64'] }),
    ).toThrow(TypeError);
    expect(() =>
      analyzeDockerfile('FROM alpine\n', { buildPlatform: 'linux' }),
    ).toThrow(TypeError);
  });
});
