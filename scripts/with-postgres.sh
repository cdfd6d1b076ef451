#!/usr/bin/env bash
# Runs a command with a throwaway PostgreSQL server: a new cluster in a temporary folder, on
# loopback only, removed afterwards. The command finds it in CVM_TEST_POSTGRES_URL.
#
#   scripts/with-postgres.sh swift test
#
# Needs PostgreSQL's server programs (initdb, pg_ctl): Debian's `postgresql` package puts them in
# /usr/lib/postgresql/<version>/bin. Without them the command runs as it is, and the PostgreSQL
# tests say they were skipped and why.
set -euo pipefail

bin=""
for dir in "${PG_BIN:-}" $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r) /usr/local/bin /usr/bin; do
  if [ -n "$dir" ] && [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then bin="$dir"; break; fi
done
if [ -z "$bin" ]; then
  echo "with-postgres: no initdb/pg_ctl found (install Debian's postgresql package); running without a server" >&2
  exec "$@"
fi

dir="$(mktemp -d "${TMPDIR:-/tmp}/cvm-postgres.XXXXXX")"
# The server refuses to run as root; a root shell (CI) runs it as the nobody user.
as=()
if [ "$(id -u)" = 0 ]; then
  chown nobody "$dir"
  as=(runuser -u nobody --)
fi
port="${CVM_TEST_POSTGRES_PORT:-$(( 20000 + RANDOM % 20000 ))}"
cleanup() {
  "${as[@]}" "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap cleanup EXIT

"${as[@]}" "$bin/initdb" -D "$dir/data" -U cvm --auth=trust --locale=C.UTF-8 --encoding=UTF8 >"$dir/initdb.log" 2>&1 \
  || { cat "$dir/initdb.log" >&2; exit 1; }
"${as[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
  -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off" start >/dev/null \
  || { cat "$dir/server.log" >&2; exit 1; }

export CVM_TEST_POSTGRES_URL="postgres://cvm@127.0.0.1:$port/postgres?sslmode=disable"
echo "with-postgres: PostgreSQL $("$bin/postgres" --version | awk '{print $NF}') on 127.0.0.1:$port (data in $dir)" >&2
"$@"
