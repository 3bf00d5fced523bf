import type { Random } from './Random';

// Images a real fleet builds on, written the ways Dockerfiles write them.
const IMAGES = [
  'node:22-bookworm-slim',
  'node:20-alpine',
  'python:3.12-slim',
  'python:3.11',
  'golang:1.22',
  'golang:1.23-alpine',
  'rust:1.80-slim',
  'eclipse-temurin:21-jre',
  'maven:3.9-eclipse-temurin-21',
  'alpine:3.20',
  'debian:bookworm-slim',
  'ubuntu:24.04',
  'nginx:1.27-alpine',
  'library/redis:7',
  'docker.io/library/postgres:16',
  'index.docker.io/bitnami/kubectl:1.30',
  'gcr.io/distroless/base-debian12',
  'gcr.io/distroless/static-debian12:nonroot',
  'ghcr.io/acme/base-images/runtime:2.4.1',
  'quay.io/prometheus/busybox:latest',
  'registry.example.com:5000/platform/jdk:21',
  'localhost:5000/tools/builder:5000',
  'mcr.microsoft.com/dotnet/sdk:8.0',
  'public.ecr.aws/docker/library/amazonlinux:2023',
  'registry.k8s.io/pause:3.9',
];

const PACKAGES = [
  'curl',
  'ca-certificates',
  'git',
  'tini',
  'jq',
  'make',
  'gcc',
  'openssl',
  'tzdata',
  'unzip',
];

/** A base image reference, sometimes pinned by digest. */
export function pickImage(random: Random): string {
  const image = random.pick(IMAGES);
  return random.chance(0.2) ? `${image}@sha256:${random.hex(64)}` : image;
}

/** A shell command spanning one or more continuation lines. */
export function runCommand(random: Random, escape = '\\'): string {
  const count = random.int(1, 6);
  const packages = Array.from({ length: count }, () => random.pick(PACKAGES));
  const lines = [
    'apt-get update',
    `apt-get install -y --no-install-recommends ${packages.join(' ')}`,
    'rm -rf /var/lib/apt/lists/*',
  ].slice(0, random.int(1, 3));
  return `RUN ${lines.join(` && ${escape}\n    `)}`;
}

/** Instructions that do not affect base images but make up most real files. */
export function filler(random: Random, escape = '\\'): string {
  switch (random.int(0, 9)) {
    case 0:
      return `ENV APP_HOME=/srv/app PORT=${random.int(3000, 9000)}`;
    case 1:
      return `LABEL org.opencontainers.image.source="https://git.example.com/team/app-${random.int(
        1,
        500,
      )}"`;
    case 2:
      return `WORKDIR /srv/app/${random.pick(['src', 'bin', 'lib'])}`;
    case 3:
      return `COPY ${random.pick([
        'package.json',
        'go.mod',
        'requirements.txt',
        'pom.xml',
      ])} ./`;
    case 4:
      return `EXPOSE ${random.int(3000, 9000)}`;
    case 5:
      return `# step ${random.int(1, 99)}: keep the layer small`;
    case 6:
      return `USER ${random.int(1000, 1999)}`;
    case 7:
      return 'HEALTHCHECK --interval=30s CMD ["/bin/healthcheck"]';
    default:
      return runCommand(random, escape);
  }
}
