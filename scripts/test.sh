#!/usr/bin/env bash
# `make test`: type-check, lint, every unit and integration test (SQLite and
# PostgreSQL, real git, a real OCI registry), then the browser end-to-end tests in
# Debian's Chromium, then the install of the packed packages into a new app.
# Exits non-zero on the first failing phase.
#   scripts/test.sh            everything
#   scripts/test.sh unit       unit and integration tests only
#   scripts/test.sh e2e        browser tests only
#   scripts/test.sh install    the fresh-app install test only
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/toolchain.sh
what="${1:-all}"

# An assignment keeps the script's exit status, so a failed start stops the run.
services=$(scripts/test-services.sh start)
eval "$services"
trap 'scripts/test-services.sh stop' EXIT

timings=()
phase() {
  local name="$1"
  shift
  echo "==> $name"
  local start=$SECONDS
  "$@"
  timings+=("$name: $((SECONDS - start)) s")
}

if [ "$what" = all ]; then
  phase "generated OpenAPI files up to date" node scripts/generate-openapi.mjs --check
  phase "type check (tsc)" yarn tsc
  # api-extractor reads the declarations tsc has just written to dist-types/;
  # the CLI's report is its --help, from a fresh build of the CLI.
  phase "API reports up to date" yarn build:api-reports:only --ci
  phase "unused files, exports and dependencies (knip)" yarn knip --no-progress
  phase "lint" yarn backstage-cli repo lint
  phase "format (prettier)" yarn prettier --check --loglevel warn .
fi
if [ "$what" = all ] || [ "$what" = unit ]; then
  # --runInBand keeps the two cores for the registry, PostgreSQL and git children.
  phase "unit and integration tests" env CI=true yarn backstage-cli repo test --runInBand
fi
if [ "$what" = all ] || [ "$what" = e2e ]; then
  phase "browser end-to-end tests" env CI=true yarn playwright test
fi
if [ "$what" = all ] || [ "$what" = install ]; then
  # Packs the packages, installs them into a Backstage app written from scratch,
  # builds and boots it (the README's install section, e2e/fresh-app/).
  phase "fresh-app install test" env CI=true yarn playwright test -c e2e/fresh-app/playwright.config.ts
fi

printf '%s\n' "${timings[@]}"
