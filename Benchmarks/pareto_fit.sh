#!/usr/bin/env bash
# Release build of the CustomerValue sources plus the Pareto/NBD benchmark, then one run.
# Usage: bash Benchmarks/pareto_fit.sh [customers]   (default 1000000)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
OUT="${TMPDIR:-/tmp}/cvm-bench-pareto"
swiftc -O -wmo -module-name ParetoBench -o "$OUT" \
    $(find "$ROOT/Sources/CustomerValue" -name '*.swift') "$ROOT/Benchmarks/ParetoNBDFit/main.swift"
/usr/bin/time -v "$OUT" "${1:-1000000}" 2> >(grep -E "Elapsed|Maximum resident|Percent of CPU" >&2)
