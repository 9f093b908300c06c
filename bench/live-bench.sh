#!/usr/bin/env bash
# Scale-out bench (issue 7): per-article cost of each stage, and worker
# throughput with 1 and 2 workers against a real NATS JetStream and
# PostgreSQL/PostGIS, which this script installs if missing and starts on
# loopback for the run. DATELINE_BENCH_ARTICLES sets the corpus size
# (default 1000 generated, invented articles; the capacity plan also uses
# 4000). Figures go to stdout; the capacity plan in ARCHITECTURE.md ("Live
# monitoring and scale-out") and crates/live/SCALE.md is built on them.
set -euo pipefail
cd "$(dirname "$0")/.."

# shellcheck source=.ci/services.sh
source .ci/services.sh
SERVICES_DIR=$(mktemp -d -t dateline-bench.XXXXXX)
export SERVICES_DIR
trap services_stop EXIT
# shellcheck source=.ci/pg.sh
source .ci/pg.sh
# shellcheck source=.ci/nats.sh
source .ci/nats.sh

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
cargo bench -p dateline-live --bench live
