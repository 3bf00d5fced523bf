import type { AnalyzeDockerfileOptions } from '@image-factory/backstage-plugin-image-factory-common';
import { filler, pickImage, runCommand } from './fragments';
import { Random } from './Random';

/** One Dockerfile of the benchmark corpus, with the options to analyse it. */
export interface CorpusDockerfile {
  kind: string;
  content: string;
  options: AnalyzeDockerfileOptions;
}

type Generator = (random: Random) => CorpusDockerfile;

function fillers(
  random: Random,
  min: number,
  max: number,
  escape = '\\',
): string[] {
  return Array.from({ length: random.int(min, max) }, () =>
    filler(random, escape),
  );
}

const simple: Generator = random => ({
  kind: 'single stage',
  content: [
    `FROM ${pickImage(random)}`,
    ...fillers(random, 3, 12),
    'CMD ["/srv/app/start"]',
  ].join('\n'),
  options: {},
});

const multiStage: Generator = random => {
  const stages = random.int(2, 5);
  const lines: string[] = [];
  for (let i = 0; i < stages; i++) {
    const platform = random.chance(0.3) ? '--platform=$BUILDPLATFORM ' : '';
    const base =
      i > 0 && random.chance(0.3) ? `stage${i - 1}` : pickImage(random);
    lines.push(
      `FROM ${platform}${base} AS stage${i}`,
      ...fillers(random, 2, 8),
    );
    if (i > 0) {
      lines.push(`COPY --from=stage${random.int(0, i - 1)} /out /in`);
      lines.push(
        `COPY --from=${
          random.chance(0.5) ? i - 1 : pickImage(random)
        } /bin/tool /usr/local/bin/`,
      );
    }
  }
  return { kind: 'multi-stage', content: lines.join('\n'), options: {} };
};

const argHeavy: Generator = random => {
  const lines = [
    'ARG REGISTRY=registry.example.com:5000',
    'ARG TEAM=platform',
    'ARG BASE_TAG',
    'ARG RUNTIME_VERSION=21',
    'ARG FLAVOUR=jre',
    'ARG RUNTIME=eclipse-temurin:${RUNTIME_VERSION}-${FLAVOUR}',
  ];
  for (let i = 0; i < random.int(3, 15); i++) {
    lines.push(`ARG EXTRA_${i}=\${TEAM}-${i}`);
  }
  lines.push(
    'FROM ${REGISTRY}/${TEAM}/builder:${BASE_TAG:-1.0} AS build',
    'ARG TEAM',
    ...fillers(random, 2, 10),
    'FROM ${RUNTIME} AS runtime',
    'ARG TOOLS_IMAGE=ghcr.io/acme/tools:${BASE_TAG:-stable}',
    'COPY --from=${TOOLS_IMAGE} /bin/tool /bin/tool',
    'COPY --from=build /out /srv/app',
    `FROM \${REGISTRY}/\${TEAM}/final\${SUFFIX:+-\${SUFFIX}}:${random.int(
      1,
      9,
    )}`,
    'COPY --from=runtime /srv /srv',
    ...fillers(random, 1, 6),
  );
  const buildArgs: Record<string, string> = random.chance(0.5)
    ? { BASE_TAG: `2.${random.int(0, 9)}`, SUFFIX: 'slim' }
    : {};
  return {
    kind: 'ARG-heavy',
    content: lines.join('\n'),
    options: { buildArgs },
  };
};

const large: Generator = random => ({
  kind: 'large (150-400 lines)',
  content: [
    `FROM ${pickImage(random)} AS build`,
    ...fillers(random, 60, 160),
    `FROM ${pickImage(random)}`,
    ...fillers(random, 30, 80),
    'COPY --from=build /srv /srv',
  ].join('\n'),
  options: {},
});

const buildkit: Generator = random => ({
  kind: 'BuildKit features',
  content: [
    '# syntax=docker/dockerfile:1.7',
    `FROM ${pickImage(random)} AS deps`,
    'RUN --mount=type=cache,target=/root/.cache \\',
    `    --mount=type=bind,from=${pickImage(
      random,
    )},source=/etc/ssl,target=/ssl \\`,
    '    make deps',
    'COPY <<EOF /etc/app.conf',
    'FROM this-is-not-an-instruction',
    'listen = 8080',
    'EOF',
    'RUN <<-SCRIPT',
    '\tset -e',
    '\techo building',
    '\tSCRIPT',
    ...fillers(random, 2, 10),
    `FROM ${pickImage(random)}`,
    'RUN --mount=type=cache,from=ghcr.io/acme/cache:1,target=/c ls /c',
    'COPY --from=deps /out /srv',
  ].join('\n'),
  options: {},
});

const windows: Generator = random => ({
  kind: 'Windows (escape, CRLF)',
  content: [
    '# escape=`',
    'FROM mcr.microsoft.com/windows/servercore:ltsc2022 AS build',
    ...fillers(random, 3, 10, '`'),
    `FROM ${random.pick([
      'mcr.microsoft.com/dotnet/aspnet:8.0',
      'mcr.microsoft.com/windows/nanoserver:ltsc2022',
    ])}`,
    'COPY --from=build C:\\app C:\\app',
    runCommand(random, '`'),
  ].join('\r\n'),
  options: {},
});

const targeted: Generator = random => ({
  kind: 'with a target',
  content: [
    `FROM ${pickImage(random)} AS base`,
    ...fillers(random, 2, 6),
    'FROM base AS test',
    `COPY --from=${pickImage(random)} /bin/linter /bin/`,
    ...fillers(random, 1, 4),
    'FROM base AS prod',
    `RUN --mount=type=bind,from=${pickImage(random)},target=/x ls /x`,
    ...fillers(random, 1, 4),
  ].join('\n'),
  options: { target: random.pick(['test', 'prod', 'base']) },
});

const messy: Generator = random => ({
  kind: 'messy (case, BOM, warnings)',
  content: [
    '\uFEFF# a Dockerfile written by hand',
    `from ${pickImage(random)} as Base`,
    'from \\',
    '  # the runtime image',
    `  ${pickImage(random)} \\`,
    '  AS runtime',
    ...fillers(random, 1, 6),
    'copy --from=BASE /a /b',
    'FROM ${UNDECLARED_IMAGE}',
    'FROM node:${NODE_VERSION}',
    'FROM Upper/Case:1',
    ...fillers(random, 1, 6),
  ].join('\n'),
  options: {},
});

const GENERATORS: Generator[] = [
  simple,
  simple,
  multiStage,
  multiStage,
  argHeavy,
  large,
  buildkit,
  windows,
  targeted,
  messy,
];

/**
 * Generates the benchmark corpus: `count` Dockerfiles of every kind, the same
 * for the same seed.
 */
export function generateDockerfiles(
  seed: number,
  count: number,
): CorpusDockerfile[] {
  const random = new Random(seed);
  return Array.from({ length: count }, (_, i) => {
    const dockerfile = GENERATORS[i % GENERATORS.length](random);
    return { ...dockerfile, content: `${dockerfile.content}\n` };
  });
}
