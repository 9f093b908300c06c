#!/usr/bin/env bash
# Browser test of the map page: installs Debian's chromium and
# chromium-driver if missing, fills a database from the seed corpus, serves
# it on a loopback port and drives headless Chromium through chromedriver
# (tests/browser/map.test.mjs, Node's own test runner, no npm packages).
# Screenshots land in artifacts/browser/.
#
#   tests/browser/run.sh [DB]   # DB: use this database instead of ingesting the seeds
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
seeds=${SEEDS:-$root/../shared/corpus/seeds}
artifacts=${ARTIFACTS:-$root/artifacts/browser}
export ARTIFACTS=$artifacts

need=()
command -v chromium >/dev/null || need+=(chromium)
command -v chromedriver >/dev/null || need+=(chromium-driver)
command -v node >/dev/null || need+=(nodejs)
if [ ${#need[@]} -gt 0 ]; then
  echo "installing ${need[*]}" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

# test.sh hands over the binary it built; alone, build one.
if [ -n "${DATELINE_BIN:-}" ]; then
  bin=$DATELINE_BIN
else
  cargo build --release --quiet -p dateline
  bin=${CARGO_TARGET_DIR:-$root/target}/release/dateline
fi

work=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

if [ $# -ge 1 ]; then
  db=$1
else
  db=$work/seeds.db
  "$bin" --quiet ingest --db "$db" --manifest "$seeds/manifest.jsonl" "$seeds"
fi

# A free loopback port, asked of the kernel.
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
port=$(free_port)
dport=$(free_port)

"$bin" --quiet serve --db "$db" --addr "127.0.0.1:$port" &
pids+=($!)
chromedriver --port="$dport" --allowed-ips=127.0.0.1 >"$work/chromedriver.log" 2>&1 &
pids+=($!)

wait_for() { # URL: until it answers, 30 s at most
  for _ in $(seq 300); do curl -fs "$1" >/dev/null && return 0; sleep 0.1; done
  echo "no answer from $1" >&2; return 1
}
wait_for "http://127.0.0.1:$port/healthz"
wait_for "http://127.0.0.1:$dport/status"

mkdir -p "$artifacts"
DATELINE_URL="http://127.0.0.1:$port/" CHROMEDRIVER_URL="http://127.0.0.1:$dport" \
  node --test --test-reporter=spec tests/browser/map.test.mjs
echo "screenshots: $artifacts"
