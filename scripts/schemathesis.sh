#!/usr/bin/env bash
# Fuzzes the running web service against its own API document with schemathesis (from PyPI):
# every answer must match the document's schemas and no request may get a 5xx.
# Serves a fresh database with the bundled samples on the loopback, then stops it. The uploads
# (bodies are files) and the DELETE routes (revoking the admin's own token would end the run) are
# left out; the tests cover them.
set -euo pipefail
cd "$(dirname "$0")/.."

python3 -m pip install --quiet schemathesis openapi-spec-validator
# The document itself must be valid OpenAPI 3.1 before anything is fuzzed against it.
python3 -c 'import sys; from openapi_spec_validator import validate; from openapi_spec_validator.readers import read_from_filename; validate(read_from_filename(sys.argv[1])[0]); print("openapi.yaml is valid OpenAPI")' Sources/CVMAPI/openapi.yaml
swift build --product cvm
cvm=".build/debug/cvm"
work="$(mktemp -d)"
port="${PORT:-18080}"
trap 'kill "$server" 2>/dev/null || true; rm -rf "$work"' EXIT

token="$("$cvm" --database "$work/cvm.sqlite" init | sed -n 's/.*(shown only now): //p')"
for kind in customers transactions marketing payments interactions complaints; do
  "$cvm" --database "$work/cvm.sqlite" import "$kind" "Sources/CVMApp/Resources/samples/$kind.csv" >/dev/null
done
"$cvm" --database "$work/cvm.sqlite" import surveys Sources/CVMApp/Resources/samples/surveys.csv --scale 1-7 >/dev/null
"$cvm" --database "$work/cvm.sqlite" analyze >/dev/null
"$cvm" --database "$work/cvm.sqlite" serve --host 127.0.0.1 --port "$port" --log-level warning &
server=$!
for _ in $(seq 50); do curl -fs "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.2; done

# Bounded: a fixed number of examples per operation, on the loopback only.
schemathesis run "http://127.0.0.1:$port/api/v1/openapi.yaml" \
  --header "Authorization: Bearer $token" \
  --checks not_a_server_error,response_schema_conformance,status_code_conformance \
  --max-examples "${EXAMPLES:-25}" \
  --exclude-path-regex '/imports/|/delivered-value' \
  --exclude-method DELETE \
  "$@"
