#!/usr/bin/env bash
# Runs Dateline's whole test suite; `.ci/run` calls exactly this.
#
# It installs and starts, on loopback, the real servers the tests use
# (PostgreSQL + PostGIS, NATS JetStream, headless Chromium) when they are
# missing, so it works on a fresh Debian machine run as root.
set -euo pipefail
cd "$(dirname "$0")"
export CARGO_TERM_COLOR=never

# shellcheck source=.ci/services.sh
source .ci/services.sh
trap services_stop EXIT
services_start

cargo fmt --all --check
# Benches are left out: they print figures and are run by hand.
cargo test --workspace

# Checks that drive the built binary end to end, with the referees in
# ../shared and a real browser.
cargo build --quiet -p dateline
export DATELINE_BIN=${CARGO_TARGET_DIR:-$PWD/target}/debug/dateline
failed=0
passed=0
for check in tests/*.sh tests/browser/run.sh; do
    echo "== $check"
    if bash "$check"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAILED: $check"; fi
done
echo "end-to-end: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
