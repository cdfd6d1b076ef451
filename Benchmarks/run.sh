#!/usr/bin/env bash
# Benchmark: cvm against the peer tools on the same generated data, in the same run.
#
#   bash Benchmarks/run.sh [CUSTOMERS]        (default 1000000)
#
# Steps: generate a BG/NBD + Gamma-Gamma log (the peer generator's parameters), then time
#   cvm:    import (whole process), summary (whole process, CSV out), summary query alone (in-process),
#           analyze (whole process: the full pipeline stored as an analysis run),
#           BG/NBD fit + Gamma-Gamma fit + predictions + 12-month CLV on the daily summary (in-process)
#   DuckDB: the same summary from the CSV, and from a loaded table (shared/peer/run_duckdb.py)
#   lifetimes and PyMC-Marketing (MAP): the same model steps (shared/peer/run_lifetimes.py, run_pymc.py)
# and print seconds, peak memory and ratios. Whole processes are timed with /usr/bin/time -v
# (wall clock and maximum resident set). Python peers run from the venv that
# shared/peer/run_bench.sh setup builds ($PEER_VENV, default ~/.cache/cvm-peer-venv); without it
# the peer rows are skipped; PyMC-Marketing runs from $PYMC_VENV (default ~/.cache/cvm-pymc-venv, built
# by shared/peer/run_bench_pymc_spark.sh setup_pymc) when it exists.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(dirname "$HERE")"
PEER="${PEER:-$ROOT/../shared/peer}"
PEER_VENV="${PEER_VENV:-$HOME/.cache/cvm-peer-venv}"
PYMC_VENV="${PYMC_VENV:-$HOME/.cache/cvm-pymc-venv}"
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
echo "== cvm analyze" >&2
timed analyze "$CVM" analyze --database "$DB" --name bench
ANALYZE_S=$SECS; ANALYZE_MB=$MB
echo "== cvm models" >&2
"$BENCH" models "$DB" > "$WORK/cvm_models.json"
"$BENCH" pareto "$DB" > "$WORK/cvm_pareto.json"

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
  echo "== lifetimes (peer)" >&2
  (cd "$PEER" && "$PEER_VENV/bin/python" run_lifetimes.py "$CSV" --skip pareto,predict_pareto \
      --json-out "$WORK/lifetimes.json" > /dev/null)
else
  echo "(no peer venv at $PEER_VENV: run 'bash shared/peer/run_bench.sh setup' to compare with DuckDB and lifetimes)" >&2
fi
if [ -x "$PYMC_VENV/bin/python" ] && [ -f "$PEER/run_pymc.py" ]; then
  echo "== PyMC-Marketing MAP (peer)" >&2
  (cd "$PEER" && "$PYMC_VENV/bin/python" run_pymc.py "$CSV" --json-out "$WORK/pymc.json" > /dev/null)
fi

python3 - "$OUT/summary_$CUSTOMERS.json" "$WORK" <<PY
import json, sys
r = {"customers": $CUSTOMERS, "rows": $ROWS, "generate_s": $GEN_S,
     "cvm_import_s": $IMPORT_S, "cvm_import_peak_mb": $IMPORT_MB,
     "cvm_summary_process_s": $SUMMARY_S, "cvm_summary_peak_mb": $SUMMARY_MB,
     "cvm_summary_query_s": $QUERY_S,
     "cvm_analyze_process_s": $ANALYZE_S, "cvm_analyze_peak_mb": $ANALYZE_MB}
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
print(f"{'cvm analyze (process, whole pipeline)':44} {r['cvm_analyze_process_s']:8.2f} {r['cvm_analyze_peak_mb']:8}  (aim < 20 s)")
if duck:
    print(f"{'DuckDB summary from CSV':44} {r['duckdb_summary_from_csv_s']:8.2f} {r['duckdb_peak_mb']:8.0f}")
    print(f"{'DuckDB summary from a loaded table':44} {r['duckdb_summary_from_table_s']:8.2f}")
    print(f"ratio end to end, cvm / DuckDB from CSV:   {e2e / r['duckdb_summary_from_csv_s']:.2f}x")
    print(f"ratio summary query, cvm / DuckDB table:   {r['cvm_summary_query_s'] / r['duckdb_summary_from_table_s']:.2f}x")

import os
work = sys.argv[2]
def steps(name):
    path = os.path.join(work, name)
    if not os.path.exists(path): return None
    t = json.load(open(path))["timings"]
    return {k: v["seconds"] for k, v in t.items()}
m = json.load(open(os.path.join(work, "cvm_models.json")))
rows = [("cvm", m["bgnbd_fit_s"], m["gg_fit_s"], m["predict_s"], m["clv_s"])]
lt = steps("lifetimes.json")
if lt: rows.append(("lifetimes 0.11.3", lt["b_bgnbd"], lt["d_gg"], lt["e_predict"], lt["f_clv"]))
pm = steps("pymc.json")
if pm:
    rows.append(("PyMC-Marketing (MAP)", pm["b_bgnbd_build"] + pm["b_bgnbd_fit"], pm["d_gg_build"] + pm["d_gg_fit"],
                 pm["e_predict"], pm["f_clv"]))
print()
print(f"{'models (1M: BG/NBD, GG, predictions, CLV)':28} {'BG/NBD':>8} {'GG':>8} {'predict':>8} {'CLV':>8} {'total':>8} {'ratio':>7}")
base = sum(rows[0][1:])
for name, *t in rows:
    print(f"{name:28} {t[0]:8.2f} {t[1]:8.2f} {t[2]:8.2f} {t[3]:8.2f} {sum(t):8.2f} {sum(t) / base:6.1f}x")
pa = json.load(open(os.path.join(work, "cvm_pareto.json")))
print(f"cvm Pareto/NBD fit {pa['pareto_fit_s']:.2f} s + predictions {pa['predict_s']:.2f} s "
      f"(lifetimes needs about 14 minutes for this fit at 1M: shared/peer/RESULTS.md)")
r["cvm_pareto"] = pa
r["models"] = {name: dict(zip(["bgnbd", "gg", "predict", "clv"], t)) for name, *t in rows}
json.dump(r, open(sys.argv[1], "w"), indent=2)
PY
