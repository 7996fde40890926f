#!/usr/bin/env bash
# First-screen times of the login page and each role's start page at 10 Mbit/s
# and 40 ms (see first-screen.mjs), against the release build with demo data.
# Needs the built SPA (cargo xtask frontend) and Chromium.
set -euo pipefail
cd "$(dirname "$0")"
[ -d node_modules/playwright-core ] || npm ci --no-audit --no-fund --loglevel=error
cd ../..
[ -f frontend/dist/index.html ] || cargo xtask frontend
cargo build -q --release -p va-backend --bin backend
PORT="${PORT:-18090}"
DATA="$(mktemp -d)"
DATA_DIR="$DATA" PORT="$PORT" DEMO_PASSWORD=bench-wachtwoord RUST_LOG=warn STATIC_DIR="$PWD/frontend/dist" \
  target/release/backend serve --demo >"$DATA/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; rm -rf "$DATA"' EXIT
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$PORT/api/ready" >/dev/null && break; sleep 0.1; done
node bench/first-screen/first-screen.mjs "http://127.0.0.1:$PORT" bench-wachtwoord
