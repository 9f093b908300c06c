#!/usr/bin/env bash
# Ingest of the seed pages into a fresh SQLite database: exactly six
# articles with the expected titles, datelines and dates, and a second
# identical ingest changes nothing (articles and events byte-identical).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
shared=$root/../shared
bin=${DATELINE_BIN:-$root/target/debug/dateline}
[ -d "$shared/corpus/seeds" ] || { echo "skip: $shared/corpus/seeds not found"; exit 0; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
db=$work/seeds.db
ingest() { "$bin" --quiet ingest --db "$db" --manifest "$shared/corpus/seeds/manifest.jsonl" "$shared/corpus/seeds"; }
ingest
"$bin" articles --db "$db" --format jsonl >"$work/a1"
"$bin" events --db "$db" --format jsonl >"$work/e1"
ingest
"$bin" articles --db "$db" --format jsonl >"$work/a2"
"$bin" events --db "$db" --format jsonl >"$work/e2"
cmp "$work/a1" "$work/a2" || { echo "second ingest changed the articles"; exit 1; }
cmp "$work/e1" "$work/e2" || { echo "second ingest changed the events"; exit 1; }
python3 - "$work/a1" <<'PY'
import json, sys
want = {
    "Messy fight awaits Daesh’s next headquarters in Mayadin": ("WASHINGTON", "2017-06-17"),
    "After fall of Mayadeen, Syrian Arab Army expands campaign against Islamic State in Deir e-Zor": ("AMMAN", "2017-10-16"),
    "Fleeing offensives, where are the militants going?": ("BEIRUT", "2017-10-03"),
    "Iraqi PM tightens government grip on country’s armed factions": ("BAGHDAD", "2019-09-17"),
    "As The ‘Caliphate Crumbles,’ Daesh Is Seeding A New Insurgency": (None, "2019-03-07"),
    "Losing in Iraq, militants seek to shore up Syria presence": ("BEIRUT", "2017-01-20"),
}
arts = [json.loads(l) for l in open(sys.argv[1])]
got = {a["title"]: (a["dateline"], a["published"]) for a in arts}
assert len(arts) == 6, f"{len(arts)} articles, want 6"
assert got == want, f"got {got}"
furniture = ["Ajman Celebrates", "Kejriwal", "Disqus", "Your feedback is important", "ADVERTISEMENT",
             "No Script", "Please Wait...", "Add to favorites", "Justin studied Arabic"]
for a in arts:
    for f in furniture:
        assert f not in a["text"], f"{f!r} in the body of {a['title']!r}"
print("6 articles, titles, datelines and dates as expected; no furniture; re-ingest idempotent")
PY
