#!/usr/bin/env bash
# Benchmark: cvm against the peer tools on the same generated data, in the same run.
#
#   bash Benchmarks/run.sh [CUSTOMERS]        (default 1000000)
#
# Steps: generate a BG/NBD + Gamma-Gamma log (the peer generator's parameters), then time
#   cvm:    import (whole process), summary (whole process, CSV out), summary query alone (in-process)
#   DuckDB: the same summary from the CSV, and from a loaded table (shared/peer/run_duckdb.py)
# and print seconds, peak memory and ratios. Whole processes are timed with /usr/bin/time -v
# (wall clock and maximum resident set). Python peers run from the venv that
# shared/peer/run_bench.sh setup builds ($PEER_VENV, default ~/.cache/cvm-peer-venv); without it
# the peer rows are skipped.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(dirname "$HERE")"
PEER="${PEER:-$ROOT/../shared/peer}"
PEER_VENV="${PEER_VENV:-$HOME/.cache/cvm-peer-venv}"
CUSTOMERS="${1:-1000000}"
WORK="${WORK:-$(mktemp -d)}"
OUT="${OUT:-$ROOT/Benchmarks/results}"
mkdir -p "$OUT"

command -v /usr/bin/time >/dev/null || { apt-get update -qq && apt-get install -y -qq time; }

echo "== building (release)" >&2
swift build -c release --package-path "$ROOT" >&2
swift build -c release --package-path "$HERE" >&2
CVM="$(swift build -c release --package-path "$ROOT" --show-bin-path)/cvm"
BENCH="$(swift build -c release --package-path "$HERE" --show-bin-path)/cvm-bench"

# timed NAME cmd…: runs cmd under /usr/bin/time -v; sets SECS and MB
timed() {
  local name="$1"; shift
  /usr/bin/time -v "$@" > "$WORK/$name.out" 2> "$WORK/$name.time"
  SECS=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' "$WORK/$name.time")
  MB=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2/1024}' "$WORK/$name.time")
}

CSV="$WORK/tx.csv"
DB="$WORK/bench.sqlite"
echo "== generating $CUSTOMERS customers into $CSV" >&2
timed generate "$CVM" generate --customers "$CUSTOMERS" --seed 42 --out "$CSV"
GEN_S=$SECS
ROWS=$(($(wc -l < "$CSV") - 1))

echo "== cvm import" >&2
rm -f "$DB"*
"$CVM" init --database "$DB" > /dev/null
timed import "$CVM" import transactions "$CSV" --database "$DB"
IMPORT_S=$SECS; IMPORT_MB=$MB
echo "== cvm summary" >&2
timed summary "$CVM" summary --database "$DB" --format csv --out "$WORK/summary.csv"
SUMMARY_S=$SECS; SUMMARY_MB=$MB
QUERY_S=$("$BENCH" summary "$DB" | python3 -c 'import json,sys; print(json.load(sys.stdin)["seconds"])')

DUCK_CSV=""; DUCK_TABLE=""; DUCK_MB=""
if [ -x "$PEER_VENV/bin/python" ] && [ -f "$PEER/run_duckdb.py" ]; then
  echo "== DuckDB (peer)" >&2
  (cd "$PEER" && "$PEER_VENV/bin/python" run_duckdb.py "$CSV" --also-load --json-out "$WORK/duckdb.json" > /dev/null)
  read -r DUCK_CSV DUCK_TABLE DUCK_MB < <(python3 - "$WORK/duckdb.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
t = {x["step"]: x for x in d["timings"]} if isinstance(d["timings"], list) else d["timings"]
def sec(k): return t[k].get("seconds", t[k].get("s"))
print(sec("summary_from_csv"), sec("summary_from_table"), round(d["process_max_rss_mb"]))
PY
)
else
  echo "(no peer venv at $PEER_VENV: run 'bash shared/peer/run_bench.sh setup' to compare with DuckDB)" >&2
fi

python3 - "$OUT/summary_$CUSTOMERS.json" <<PY
import json, sys
r = {"customers": $CUSTOMERS, "rows": $ROWS, "generate_s": $GEN_S,
     "cvm_import_s": $IMPORT_S, "cvm_import_peak_mb": $IMPORT_MB,
     "cvm_summary_process_s": $SUMMARY_S, "cvm_summary_peak_mb": $SUMMARY_MB,
     "cvm_summary_query_s": $QUERY_S}
duck = "$DUCK_CSV"
if duck:
    r.update({"duckdb_summary_from_csv_s": float("$DUCK_CSV"), "duckdb_summary_from_table_s": float("$DUCK_TABLE"),
              "duckdb_peak_mb": float("$DUCK_MB")})
json.dump(r, open(sys.argv[1], "w"), indent=2)
print(f"{r['customers']:,} customers, {r['rows']:,} rows (generated in {r['generate_s']:.1f} s)")
print(f"{'step':44} {'seconds':>8} {'peak MB':>8}")
print(f"{'cvm import (CSV -> SQLite)':44} {r['cvm_import_s']:8.2f} {r['cvm_import_peak_mb']:8}")
print(f"{'cvm summary (process, CSV out)':44} {r['cvm_summary_process_s']:8.2f} {r['cvm_summary_peak_mb']:8}")
print(f"{'cvm summary query alone':44} {r['cvm_summary_query_s']:8.2f}")
e2e = r['cvm_import_s'] + r['cvm_summary_process_s']
print(f"{'cvm end to end (import + summary)':44} {e2e:8.2f}")
if duck:
    print(f"{'DuckDB summary from CSV':44} {r['duckdb_summary_from_csv_s']:8.2f} {r['duckdb_peak_mb']:8.0f}")
    print(f"{'DuckDB summary from a loaded table':44} {r['duckdb_summary_from_table_s']:8.2f}")
    print(f"ratio end to end, cvm / DuckDB from CSV:   {e2e / r['duckdb_summary_from_csv_s']:.2f}x")
    print(f"ratio summary query, cvm / DuckDB table:   {r['cvm_summary_query_s'] / r['duckdb_summary_from_table_s']:.2f}x")
PY
