# The production image of this Backstage app: the backend, with the Image
# Factory plugins, serving the frontend on port 7007. Built from the repository
# root, with nothing prepared on the host:
#
#   docker build -t ghcr.io/image-factory/backstage:<version> .
#
# How it runs with several replicas is written down in docs/deploy.md.

# Every stage starts from the same slim Node 22, so a native module compiled in
# one stage runs in the last, and the Image Factory, which tracks this
# Dockerfile (catalog-info.yaml), has one base image to watch.

# Only the package.json files: the dependency install below is then redone
# when a manifest or yarn.lock changes, not on every source edit. `bin`
# folders stay because yarn links workspace binaries while installing.
FROM node:22-bookworm-slim AS manifests
WORKDIR /app
COPY package.json yarn.lock .yarnrc.yml backstage.json ./
COPY packages packages
COPY plugins plugins
RUN find packages plugins -mindepth 2 -maxdepth 2 \
      ! -name package.json ! -name bin -exec rm -rf {} +

# What installing needs: a compiler for native modules (better-sqlite3 builds
# from source when no prebuilt binary fits), and Yarn 4, which Corepack
# fetches as package.json's `packageManager` names it.
FROM node:22-bookworm-slim AS toolchain
RUN apt-get update \
    && apt-get install -y --no-install-recommends python3 g++ make \
    && rm -rf /var/lib/apt/lists/*
RUN corepack enable
ENV COREPACK_ENABLE_DOWNLOAD_PROMPT=0
WORKDIR /app

# The build: `yarn build:backend` bundles the backend and the workspace
# packages it depends on (the backend plugin, the common package, and the
# frontend app the backend serves) into packages/backend/dist/bundle.tar.gz,
# and writes their package.json files, laid out as in the repository, to
# skeleton.tar.gz. The frontend is built from app-config.yaml; the backend
# injects its running configuration into the page when serving it. A
# backend bundle holds CommonJS only, so no `yarn tsc` is needed here; type
# checking is the CI's job (make test).
FROM toolchain AS build
COPY --from=manifests /app ./
RUN yarn install --immutable
COPY . .
RUN yarn build:backend

# The production dependencies of exactly the bundled packages, installed on the
# skeleton. A stage of its own so the compiler stays out of the final image.
FROM toolchain AS production-dependencies
ENV NODE_ENV=production
COPY --from=build /app/package.json /app/yarn.lock /app/.yarnrc.yml ./
COPY --from=build /app/packages/backend/dist/skeleton.tar.gz ./
RUN tar xzf skeleton.tar.gz && rm skeleton.tar.gz
RUN yarn workspaces focus --all --production

# The image that runs. The plugin runs the git command line for the state
# repository (fetch, fast-import, push), so git is installed; ca-certificates
# because git, unlike Node.js, verifies HTTPS servers against the system's
# certificate store. Files stay owned by root: the backend, running as the
# unprivileged `node` user of the base image, cannot change its own code. It
# writes only to the OS temp folder (/tmp: the state repository's clone, as
# backend.workingDirectory is not set), which the Kubernetes Deployment mounts
# as an emptyDir.
FROM node:22-bookworm-slim
RUN apt-get update \
    && apt-get install -y --no-install-recommends git ca-certificates \
    && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production
WORKDIR /app
COPY --from=production-dependencies /app ./
COPY --from=build /app/packages/backend/dist/bundle.tar.gz ./
RUN tar xzf bundle.tar.gz && rm bundle.tar.gz
# The production config lives in deploy/, where kustomize's configMapGenerator
# reads it too; the CMD reads it from /app.
COPY app-config.yaml ./
COPY deploy/app-config.production.yaml ./app-config.production.yaml
USER node
EXPOSE 7007
CMD ["node", "packages/backend", "--config", "app-config.yaml", "--config", "app-config.production.yaml"]
