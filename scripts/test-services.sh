#!/usr/bin/env bash
# Installs (apt-get, when missing) and starts the services the tests use, all on
# loopback and under .test-services/: PostgreSQL, and Debian's Chromium for the
# browser tests. The OCI registry (docker-registry) is started per test suite by the
# tests themselves; this only makes sure the binary is there.
#   scripts/test-services.sh start   → prints `export …` lines for the test environment
#   scripts/test-services.sh stop
set -euo pipefail
cd "$(dirname "$0")/.."
dir="$PWD/.test-services"

need_packages() {
  local missing=()
  [ -x /usr/bin/docker-registry ] || missing+=(docker-registry)
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  pg_bin >/dev/null 2>&1 || missing+=(postgresql)
  command -v git >/dev/null 2>&1 || missing+=(git)
  if [ ${#missing[@]} -gt 0 ]; then
    echo "test-services: installing ${missing[*]} with apt-get" >&2
    local sudo=""
    [ "$(id -u)" = 0 ] || sudo="sudo"
    $sudo apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
  fi
}

pg_bin() {
  local d
  d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -n "$d" ] && [ -x "$d/initdb" ] && echo "$d"
}

# PostgreSQL refuses to run as root; when we are root, run it as the `postgres` user,
# with its data outside the checkout: a clone in a private folder (mktemp -d makes
# them mode 700) is out of that user's reach.
pg_data() {
  if [ "$(id -u)" = 0 ]; then
    echo "${TMPDIR:-/tmp}/image-factory-test-postgres-$(printf '%s' "$dir" | sha256sum | cut -c1-12)"
  else
    echo "$dir/postgres"
  fi
}

as_pg() {
  if [ "$(id -u)" = 0 ]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi
}

start_postgres() {
  local bin data
  data=$(pg_data)
  bin=$(pg_bin)
  mkdir -p "$dir"
  if [ ! -f "$data/PG_VERSION" ]; then
    mkdir -p "$data"
    [ "$(id -u)" = 0 ] && chown postgres "$data" && chmod 700 "$data"
    as_pg "$bin/initdb" -D "$data" -U postgres --auth=trust -E UTF8 >/dev/null
  fi
  if ! as_pg "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    # Another checkout's test server may hold a port: take the first free one.
    free_port 55432 >"$dir/postgres.port"
    as_pg "$bin/pg_ctl" -D "$data" -l "$data/log" -w \
      -o "-p $(cat "$dir/postgres.port") -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" \
      start >/dev/null
  fi
  local pg_port
  pg_port=$(cat "$dir/postgres.port")
  local version
  version=$(cat "$data/PG_VERSION")
  # backend-test-utils' TestDatabases reads this variable for the matching version id.
  echo "export BACKSTAGE_TEST_DATABASE_POSTGRES${version}_CONNECTION_STRING=postgresql://postgres@127.0.0.1:$pg_port"
}

free_port() {
  local port
  for port in $(seq "$1" $(($1 + 100))); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return 0
    fi
  done
  echo "test-services: no free port from $1" >&2
  return 1
}

stop_postgres() {
  local bin
  bin=$(pg_bin) || return 0
  local data
  data=$(pg_data)
  [ -f "$data/PG_VERSION" ] && as_pg "$bin/pg_ctl" -D "$data" -m fast stop >/dev/null 2>&1 || true
}

case "${1:-start}" in
  start)
    need_packages
    start_postgres
    echo "export IMAGE_FACTORY_CHROMIUM=/usr/bin/chromium"
    ;;
  stop) stop_postgres ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
