#!/usr/bin/env bash
# Throughput of GET /api/health (bare: no auth, no database) against an
# authenticated, database-backed read (GET /api/v1/organisations as BEL, 38 rows),
# measured in one run on this machine. Report the ratio, not the absolute numbers.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { echo "bench needs wrk (apt-get install wrk)" >&2; exit 1; }

DURATION="${DURATION:-10s}"
CONNECTIONS="${CONNECTIONS:-16}"
PORT="${PORT:-18080}"
cargo build -q --release -p va-backend --bin backend
DATA="$(mktemp -d)"
DATA_DIR="$DATA" PORT="$PORT" DEMO_PASSWORD=bench-wachtwoord RUST_LOG=warn STATIC_DIR="$DATA/none" \
  target/release/backend serve --demo >"$DATA/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; rm -rf "$DATA"' EXIT
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$PORT/api/ready" >/dev/null && break; sleep 0.1; done

TOKEN="$(curl -fs -X POST "http://127.0.0.1:$PORT/api/v1/auth/login" -H 'content-type: application/json' \
  -d '{"email":"bel@demo.local","password":"bench-wachtwoord"}' | python3 -c 'import sys,json; print(json.load(sys.stdin)["token"])')"

rps() { awk '/Requests\/sec/ {print $2}'; }
echo "warm-up"; wrk -t1 -c"$CONNECTIONS" -d2s "http://127.0.0.1:$PORT/api/health" >/dev/null
HEALTH="$(wrk -t1 -c"$CONNECTIONS" -d"$DURATION" "http://127.0.0.1:$PORT/api/health" | tee /dev/stderr | rps)"
READ="$(wrk -t1 -c"$CONNECTIONS" -d"$DURATION" -H "Authorization: Bearer $TOKEN" \
  "http://127.0.0.1:$PORT/api/v1/organisations" | tee /dev/stderr | rps)"
echo
echo "GET /api/health                      ${HEALTH} req/s"
echo "GET /api/v1/organisations (auth+db)  ${READ} req/s"
python3 -c "print(f'ratio read/health: {float(\"$READ\")/float(\"$HEALTH\"):.3f}')"
