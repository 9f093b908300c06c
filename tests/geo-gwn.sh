#!/usr/bin/env bash
# The geoparsing referee on GeoWebNews: `dateline places --verbatim` on the
# 200 articles, scored for detection recall and resolution accuracy. Fails
# below the regression floors set inside.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
shared=$root/../shared
bin=${DATELINE_BIN:-$root/target/debug/dateline}
gwn=$shared/bench/geo/GWN.xml
[ -f "$gwn" ] || { echo "skip: $gwn not found"; exit 0; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 "$shared/tools/score_geo.py" prepare "$gwn" "$work/docs" >/dev/null
"$bin" --quiet places --verbatim "$work"/docs/*.txt >"$work/p.jsonl"
# The same 200 pages of unedited web text through the whole chain: it must
# read every one of them (no page may crash it).
"$bin" --quiet extract "$work"/docs/*.txt >"$work/e.jsonl"
python3 "$shared/tools/score_geo.py" score "$gwn" "$work/p.jsonl"
python3 "$shared/tools/score_geo.py" score "$gwn" "$work/p.jsonl" --json | python3 -c '
import json, sys
r = json.load(sys.stdin)
# Regression floors just under what the geoparser reaches today (recall
# 0.816, acc@161 0.954, exact 0.891); the target of the issue for acc@161
# (0.95) is met, the one for exact (0.91) not yet. Recall is traded down
# on purpose: small places the article does not tell from a namesake, and
# pieces of longer names the gazetteer lacks, are left out.
floors = {"recall": 0.81, "acc161_found": 0.95, "exact_found": 0.885}
low = [f"{k} {r[k]:.3f} < {v}" for k, v in floors.items() if r[k] < v]
print("below floor: " + ", ".join(low) if low else "all floors met")
sys.exit(1 if low else 0)
'
