#!/usr/bin/env bash
# The event referee on the dev seeds: `dateline extract` on the five seed
# pages, scored against the hand-coded gold. Fails below the floor, so a
# change that loses events or gains false ones is caught in CI. The floor is
# the extraction issue's target, F1 0.90 (today's score is 1.00).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
shared=$root/../shared
bin=${DATELINE_BIN:-$root/target/debug/dateline}
[ -d "$shared/corpus/seeds" ] || { echo "skip: $shared/corpus/seeds not found"; exit 0; }
out=$(mktemp)
trap 'rm -f "$out" "$out.2"' EXIT
"$bin" --quiet extract --manifest "$shared/corpus/seeds/manifest.jsonl" "$shared"/corpus/seeds/*.txt >"$out"
# Deterministic: a second run is byte-identical.
"$bin" --quiet extract --manifest "$shared/corpus/seeds/manifest.jsonl" "$shared"/corpus/seeds/*.txt >"$out.2"
cmp -s "$out" "$out.2" || { echo "extract output differs between two runs"; exit 1; }
python3 "$shared/tools/score.py" --gold "$shared/gold/seeds.dev.jsonl" "$out" -v
python3 "$shared/tools/score.py" --gold "$shared/gold/seeds.dev.jsonl" "$out" --json | python3 -c '
import json, sys
r = json.load(sys.stdin)
floor = float(sys.argv[1])
f1 = r["f1"]
print(f"F1 {f1:.3f} (floor {floor})")
sys.exit(0 if f1 >= floor else 1)
' "${SEEDS_F1_FLOOR:-0.90}"
