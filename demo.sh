#!/usr/bin/env bash
# Quick start: builds Dateline, ingests the invented sample news under
# examples/news into an embedded SQLite database, prints the events it found,
# then serves the offline map on http://127.0.0.1:8080 (Ctrl-C stops it).
set -euo pipefail
cd "$(dirname "$0")"
cargo build --release --quiet
db=${DATELINE_DB:-dateline-demo.db}
bin=./target/release/dateline
"$bin" ingest --db "$db" --manifest examples/news/manifest.jsonl examples/news
"$bin" events --db "$db"
exec "$bin" serve --db "$db" --addr "${DATELINE_ADDR:-127.0.0.1:8080}" --open
