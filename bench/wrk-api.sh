#!/usr/bin/env bash
# Load test of the HTTP API: wrk against /api/events on a store of at least
# 1,000,000 synthetic events, 100 connections, loopback only.
#
#   bench/wrk-api.sh                # store in $BENCH_DB (default /tmp/dateline-bench-1m.db)
#   EVENTS=200000 DURATION=10s bench/wrk-api.sh
#
# The store is generated once by `dateline-synth` (crates/serve/src/bin) (invented events
# through Store::write_batch) and reused while it has enough events.
# Prints requests/s and latency percentiles per scenario; the target is
# p99 <= 50 ms at 100 connections with zero errors.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
events=${EVENTS:-1000000}
db=${BENCH_DB:-/tmp/dateline-bench-1m.db}
duration=${DURATION:-30s}
connections=${CONNECTIONS:-100}

command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }

# NO_BUILD=1 reuses the binaries already built.
[ -n "${NO_BUILD:-}" ] || cargo build --release --quiet -p dateline -p dateline-serve --bin dateline --bin dateline-synth
target=${CARGO_TARGET_DIR:-$root/target}/release
bin=$target/dateline

count_events() {
  python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("select count(*) from events").fetchone()[0])' "$1" 2>/dev/null || echo 0
}
have=$( [ -f "$db" ] && count_events "$db" || echo 0 )
if [ "$have" -lt "$events" ]; then
  echo "generating $events synthetic events into $db (one-off)..." >&2
  rm -f "$db" "$db-wal" "$db-shm"
  # A few percent more mentions than needed: fusion merges some neighbours.
  "$target/dateline-synth" "$db" $((events + events / 20))
  have=$(count_events "$db")
fi
echo "store: $db, $have events"

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$bin" --quiet serve --db "$db" --addr "127.0.0.1:$port" &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 300); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
base="http://127.0.0.1:$port"

# Mixed scenario: the filters a map user sends, rotated per request.
paths=(
  "/api/events"
  "/api/events?country=SY"
  "/api/events?type=battles&limit=50"
  "/api/events?since=2019-01-01&until=2019-03-31"
  "/api/events?bbox=35,30,45,38"
  "/api/events?actor=group%2017&limit=20"
  "/api/events?min_fatalities=30"
  "/api/events?country=IQ&type=protests&since=2018-01-01"
)
lua=$(mktemp --suffix=.lua)
trap 'kill $server 2>/dev/null || true; rm -f "$lua"' EXIT
{
  echo "local paths = {"
  printf '  "%s",\n' "${paths[@]}"
  cat <<'LUA'
}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1])
end
LUA
} >"$lua"

summary() { # NAME WRK_OUTPUT
  python3 - "$1" "$2" <<'PY'
import re, sys
name, out = sys.argv[1], sys.argv[2]
def unit(v):
    m = re.match(r"([\d.]+)(us|ms|s)", v); n = float(m.group(1))
    return n / 1000 if m.group(2) == "us" else n * 1000 if m.group(2) == "s" else n
pct = dict(re.findall(r"^\s+(\d+)%\s+(\S+)", out, re.M))
rps = re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)
total = re.search(r"(\d+) requests in", out).group(1)
non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
sock = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
errors = (int(non2xx.group(1)) if non2xx else 0) + (sum(map(int, sock.groups())) if sock else 0)
p99 = unit(pct["99"])
print(f"{name:<8} {float(rps):>9.0f} req/s  p50 {unit(pct['50']):6.1f} ms  p90 {unit(pct['90']):6.1f} ms"
      f"  p99 {p99:6.1f} ms  requests {total}  errors {errors}  {'OK' if p99 <= 50 and errors == 0 and int(total) >= 1000 else 'MISSED'}")
PY
}

echo "wrk: $connections connections, $duration per scenario, against $base"
# Warm-up: each path once, timed, so the runs measure a server in use
# rather than its first seconds (a first query reads its pages from disk);
# the times show what an uncached query costs. No Accept header, like
# wrk, which makes the same cache keys.
for p in "${paths[@]}"; do
  curl -fs -H "Accept:" -o /dev/null -w "uncached %{time_total} s  $p\n" "$base$p"
done
plain=$(wrk -t2 -c"$connections" -d"$duration" --latency "$base/api/events")
mixed=$(wrk -t2 -c"$connections" -d"$duration" --latency -s "$lua" "$base")
echo "$plain" >&2
echo "$mixed" >&2
echo "--- summary (target p99 <= 50 ms, 0 errors) ---"
summary plain "$plain"
summary mixed "$mixed"
