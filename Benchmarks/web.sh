#!/usr/bin/env bash
# Load benchmark of the web service (not a test): wrk on the loopback against the customer list and
# the customer 360 view, and every dashboard page timed cold and warm, on a generated database of
# CUSTOMERS customers (default 1,000,000).
#
#   bash Benchmarks/web.sh [CUSTOMERS]
#
# Builds cvm in release mode, generates the transaction log (`cvm generate`, seed 42) unless $DB
# already exists (a file, or a PostgreSQL address of a database imported and analysed before),
# imports it, stores one analysis run, serves it and runs wrk for $SECONDS_EACH seconds per route ($THREADS threads, $CONNECTIONS connections). wrk is the Debian package
# (`apt-get install -y wrk`). Prints wrk's summary and latency distribution of each route.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(dirname "$HERE")"
CUSTOMERS="${1:-1000000}"
WORK="${WORK:-$(mktemp -d)}"
DB="${DB:-$WORK/web.sqlite}"
PORT="${PORT:-18090}"
SECONDS_EACH="${SECONDS_EACH:-30}"
THREADS="${THREADS:-2}"
CONNECTIONS="${CONNECTIONS:-16}"

command -v wrk >/dev/null || { echo "wrk is needed: apt-get install -y wrk" >&2; exit 1; }
# SCRATCH: another build folder than .build (so that a debug build can go on beside it); CVM: a
# cvm binary built before, used as it is.
if [ -z "${CVM:-}" ]; then
  build=(-c release --package-path "$ROOT")
  if [ -n "${SCRATCH:-}" ]; then build+=(--scratch-path "$SCRATCH"); fi
  swift build "${build[@]}" --product cvm >&2
  CVM="$(swift build "${build[@]}" --show-bin-path)/cvm"
fi

# DB may be a PostgreSQL address (postgres://…) of a database already imported and analysed.
if [[ "$DB" != postgres://* && "$DB" != postgresql://* && ! -f "$DB" ]]; then
  echo "== generating $CUSTOMERS customers and importing them into $DB" >&2
  "$CVM" generate --customers "$CUSTOMERS" --seed 42 --out "$WORK/tx.csv" >&2
  "$CVM" init --database "$DB" > "$WORK/init.txt"
  "$CVM" import transactions "$WORK/tx.csv" --database "$DB" >&2
  "$CVM" analyze --database "$DB" > /dev/null
  rm -f "$WORK/tx.csv"
fi
# A viewer's token for the run (the first admin token was printed once, at init).
"$CVM" users add bench --role viewer --database "$DB" > /dev/null 2>&1 || true
TOKEN="$("$CVM" tokens create bench --label benchmark --database "$DB" | tail -1)"
echo "bench-password-1" | "$CVM" users password bench --database "$DB" > /dev/null

"$CVM" serve --database "$DB" --host 127.0.0.1 --port "$PORT" --log-level warning &
SERVER=$!
trap 'kill "$SERVER" 2>/dev/null || true' EXIT
for _ in $(seq 100); do curl -fs "http://127.0.0.1:$PORT/health" > /dev/null && break; sleep 0.2; done

# The 360 view of a random customer on every request (ids 1…CUSTOMERS).
cat > "$WORK/customer.lua" <<LUA
math.randomseed(42)
wrk.headers["Authorization"] = "Bearer $TOKEN"
request = function()
  return wrk.format("GET", "/api/v1/customers/" .. math.random(1, $CUSTOMERS))
end
LUA
# The customer list: first pages of each sort, of a segment, a value group and a tier.
cat > "$WORK/list.lua" <<LUA
math.randomseed(42)
wrk.headers["Authorization"] = "Bearer $TOKEN"
local queries = {"?limit=50", "?limit=50&sort=-revenue", "?limit=50&sort=-clv", "?limit=50&sort=clv",
  "?limit=50&sort=name", "?limit=50&sort=-score", "?limit=50&segment=cant_lose&sort=-clv",
  "?limit=50&group=retain", "?limit=50&tier=high&sort=-revenue"}
request = function()
  return wrk.format("GET", "/api/v1/customers" .. queries[math.random(1, #queries)])
end
LUA
# A text search on ids and names, apart: it reads every id and name.
cat > "$WORK/search.lua" <<LUA
math.randomseed(42)
wrk.headers["Authorization"] = "Bearer $TOKEN"
request = function()
  return wrk.format("GET", "/api/v1/customers?limit=50&q=" .. math.random(1, 99999))
end
LUA

# The dashboard: log in through the form, then each page's first view after the server started
# (first: it waits for the page being built in the background from the run's stored results, or
# builds it) and the median of 9 views after it (warm).
SITE="http://127.0.0.1:$PORT"
JAR="$WORK/cookies.txt"
rm -f "$JAR"
csrf="$(curl -fs -c "$JAR" -b "$JAR" "$SITE/login" | sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -1)"
curl -fs -c "$JAR" -b "$JAR" -o /dev/null --data-urlencode "csrf=$csrf" --data-urlencode "user=bench" \
  --data-urlencode "password=bench-password-1" "$SITE/login"
SESSION="$(awk '$6 == "cvm_session" { print $7 }' "$JAR")"
[ -n "$SESSION" ] || { echo "the dashboard login failed" >&2; exit 1; }
echo "== dashboard pages: seconds per page (curl time_total), the first view then the median of 9 more"
printf '%-28s %8s %8s %10s\n' page first warm bytes
for page in / /portfolio /lifecycle /value /models "/customers" "/customers?segment=cant_lose" "/customers?sort=name" \
  "/customers?q=12345" "/customers/$((CUSTOMERS / 2))" \
  /tasks /data "/?lang=zh" "/lifecycle?lang=zh"; do
  time_of() { curl -fs -b "cvm_session=$SESSION" -o /dev/null -w '%{time_total} %{size_download}\n' "$SITE$page"; }
  read -r first bytes < <(time_of)
  warm="$(for _ in $(seq 9); do time_of; done | awk '{ print $1 }' | sort -n | sed -n 5p)"
  printf '%-28s %8s %8s %10s\n' "$page" "$first" "$warm" "$bytes"
done
# The API once the pages above are built (the server builds them in the background at start).
for route in list search customer; do
  echo "== $route: wrk -t$THREADS -c$CONNECTIONS -d${SECONDS_EACH}s --latency"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${SECONDS_EACH}s" --timeout 30s --latency -s "$WORK/$route.lua" \
    "http://127.0.0.1:$PORT"
done
cat > "$WORK/pages.lua" <<LUA
math.randomseed(42)
wrk.headers["Cookie"] = "cvm_session=$SESSION"
local pages = {"/", "/portfolio", "/lifecycle", "/value", "/models", "/tasks"}
request = function()
  return wrk.format("GET", pages[math.random(1, #pages)])
end
LUA
echo "== dashboard run pages (warm): wrk -t$THREADS -c$CONNECTIONS -d${SECONDS_EACH}s --latency"
wrk -t"$THREADS" -c"$CONNECTIONS" -d"${SECONDS_EACH}s" --timeout 30s --latency -s "$WORK/pages.lua" "$SITE"
