#!/usr/bin/env bash
# Runs a command with FPP_TEST_DATABASE_URL (and DATABASE_URL) pointing at a PostgreSQL database.
# If FPP_TEST_DATABASE_URL is already set, that database is used. Otherwise a throwaway server is started
# in a temporary folder (PostgreSQL's server binaries must be installed) and stopped afterwards.
set -euo pipefail

if [ -n "${FPP_TEST_DATABASE_URL:-}" ]; then
  export DATABASE_URL="${DATABASE_URL:-$FPP_TEST_DATABASE_URL}"
  exec "$@"
fi

bin=$(dirname "$(ls /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n 1)" 2>/dev/null || true)
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
  bin=$(dirname "$(command -v initdb || true)")
fi
if [ ! -x "$bin/initdb" ]; then
  echo "PostgreSQL server not found: install it (Debian: apt-get install postgresql) or set FPP_TEST_DATABASE_URL." >&2
  exit 1
fi

port=${FPP_PG_PORT:-54329}
dir=$(mktemp -d /tmp/fpp-pg.XXXXXX)
as_owner() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" = 0 ] && chown postgres "$dir"
cleanup() { as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$dir"; }
trap cleanup EXIT

as_owner "$bin/initdb" -D "$dir/data" -U fpp --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
as_owner "$bin/pg_ctl" -D "$dir/data" -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300" \
  -l "$dir/server.log" -w start >/dev/null
as_owner "$bin/createdb" -h 127.0.0.1 -p "$port" -U fpp fpp

export FPP_TEST_DATABASE_URL="postgres://fpp@127.0.0.1:$port/fpp"
export DATABASE_URL="$FPP_TEST_DATABASE_URL"
echo "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on port $port"
"$@"
