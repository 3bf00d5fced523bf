#!/usr/bin/env bash
# Installs dependencies when package.json files or yarn.lock changed since the last
# successful install; otherwise returns at once. Prints how long setup took.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s%N)
. scripts/toolchain.sh

stamp=node_modules/.image-factory-install
sum=$( (cat yarn.lock .yarnrc.yml; find . -name package.json -not -path '*/node_modules/*' -not -path './.toolchain/*' | sort | xargs cat; node --version) | sha256sum | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$sum" ]; then
  if [ -n "${CI:-}" ]; then yarn install --immutable; else yarn install; fi
  echo "$sum" >"$stamp"
fi
ms=$((($(date +%s%N) - start) / 1000000))
printf 'setup: %d.%03d s\n' $((ms / 1000)) $((ms % 1000))
