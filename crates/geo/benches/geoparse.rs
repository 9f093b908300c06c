//! Geoparser figures: gazetteer load time and memory, and toponym
//! throughput on the GeoWebNews texts (../shared/bench/geo/GWN.xml)
//! repeated to at least 50 MB, on one core. Rates are per second of this
//! thread's CPU time (from `/proc`), so that other processes on a shared
//! machine do not skew them; wall-clock rates are printed beside.
//!
//!     cargo bench -p dateline-geo --bench geoparse

use std::path::PathBuf;
use std::time::{Duration, Instant};

use dateline_geo::{GeoHints, Geoparser};
use dateline_testkit::bench::{rss_mb, Stopwatch};

const TARGET_BYTES: usize = 50 * 1024 * 1024;

/// The `<text>` bodies of the GWN articles.
fn gwn_texts() -> Vec<String> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/bench/geo/GWN.xml");
    let xml = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
    xml.split("<text>")
        .skip(1)
        .filter_map(|chunk| chunk.split_once("</text>").map(|(t, _)| unescape(t)))
        .collect()
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

fn main() {
    let before = rss_mb();
    let t = Instant::now();
    let geo = Geoparser::load().expect("gazetteer loads");
    let first_load = t.elapsed();
    let after = rss_mb();
    let mut best = Duration::MAX;
    for _ in 0..5 {
        let t = Instant::now();
        let g = Geoparser::load().expect("gazetteer loads");
        best = best.min(t.elapsed());
        drop(g);
    }
    println!(
        "gazetteer: {} places, {} name keys; load {:.1} ms (first), {:.1} ms (best of 5); RSS +{:.0} MB at load",
        geo.gazetteer().len(),
        geo.gazetteer().key_count(),
        first_load.as_secs_f64() * 1e3,
        best.as_secs_f64() * 1e3,
        after.zip(before).map_or(0.0, |(a, b)| (a - b).max(0.0))
    );

    let texts = gwn_texts();
    let one_pass: usize = texts.iter().map(String::len).sum();
    let repeats = TARGET_BYTES.div_ceil(one_pass.max(1));
    let hints = GeoHints::default();
    // Warm up (pages in the gazetteer the texts touch).
    let mut mentions = 0;
    for text in &texts {
        mentions += geo.parse(text, &hints).len();
    }
    let clock = Stopwatch::start();
    let mut articles = 0usize;
    let mut bytes = 0usize;
    for _ in 0..repeats {
        for text in &texts {
            std::hint::black_box(geo.parse(std::hint::black_box(text), &hints));
            articles += 1;
            bytes += text.len();
        }
    }
    let (secs, wall) = (clock.secs(), clock.wall_secs());
    println!(
        "toponyms: {} GWN articles x {repeats} = {articles} articles, {:.1} MB in {secs:.2} CPU s ({wall:.2} s wall) on one core: \
         {:.0} articles/s, {:.1} MB/s per CPU second ({:.0} articles/s wall) ({} mentions per pass); RSS {:.0} MB after",
        texts.len(),
        bytes as f64 / 1e6,
        articles as f64 / secs,
        bytes as f64 / 1e6 / secs,
        articles as f64 / wall,
        mentions,
        rss_mb().unwrap_or(0.0)
    );
}
