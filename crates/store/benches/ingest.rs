//! Ingest throughput with the store: `cargo bench -p dateline-store`.
//!
//! Generates 10,000 plain-text articles of about 5 KB each from invented
//! sentence templates (every article distinct, none a near-duplicate),
//! then measures on one thread:
//! - clean + split + store into a fresh SQLite file, batches of 256
//!   (the figure issue 2 sets a target for: 5,000 articles/s);
//! - store alone (the write path: hashing, near-duplicate lookup,
//!   full-text indexing, one transaction per batch);
//! - re-ingest of the same articles (every one a duplicate);
//! - store alone into PostgreSQL when DATELINE_TEST_PG is set.
//!
//! Prints articles/s and MB/s for each, by the wall clock and per second
//! of this thread's CPU time (Linux).
//!
//! The 10,000 articles stay within the in-memory part of the
//! near-duplicate band index (`src/bands.rs`, up to 32,768 articles past
//! the watermark), so neither SQLite run reads or writes `article_bands`;
//! a larger database also reads the table each batch and writes the tail
//! out every 32,768 articles. The re-ingest opens a new store, which
//! first reads the 10,000 stored fingerprints.

use dateline_model::{InputFormat, RawDocument, SourceMeta};
use dateline_store::NewArticle;
use dateline_testkit::bench::Stopwatch;

const ARTICLES: usize = 10_000;
const TARGET_BYTES: usize = 5 * 1024;
const BATCH: usize = 256;

/// Invented sentence templates and slot fillers; every sentence draws
/// its own fillers, so articles share phrases but few runs of four words,
/// like different stories on one beat (none is a near-duplicate).
const TEMPLATES: [&str; 8] = [
    "The {a} of {p} said on {d} that {n} new {o} would be ready before the {s}.",
    "{N} {o} in {p} were {v} after the {a} met {a} officials on {d}.",
    "Residents of {p} told the {a} that the {o} had been {v} for {n} weeks.",
    "A report by the {a} found that {n} {o} near {p} were {v} during the {s}.",
    "On {d}, the {a} in {p} announced plans to expand {o} by {n} percent.",
    "Officials from {p} and {p} agreed on {d} to share {n} {o} before the {s}.",
    "The {a} warned that {o} in {p} could be {v} unless {n} workers were hired.",
    "Traders in {p} said prices of {o} rose {n} percent in the {s}.",
];
const AGENCIES: [&str; 12] = [
    "council",
    "ministry",
    "water board",
    "chamber of commerce",
    "university",
    "health office",
    "railway company",
    "port authority",
    "farmers union",
    "statistics office",
    "governor",
    "court",
];
const PLACES: [&str; 16] = [
    "Karavia", "Dorvan", "Meleth", "Ostra", "Pelin", "Varos", "Tamsk", "Lirra", "Quen", "Holvar",
    "Brisa", "Etten", "Sorvik", "Uldar", "Nareth", "Fennick",
];
const OBJECTS: [&str; 12] = [
    "schools",
    "bridges",
    "clinics",
    "water pipes",
    "bus lines",
    "markets",
    "wells",
    "roads",
    "grain stores",
    "power lines",
    "libraries",
    "fishing boats",
];
const VERBS: [&str; 8] = [
    "repaired",
    "closed",
    "inspected",
    "rebuilt",
    "delayed",
    "expanded",
    "sold",
    "moved",
];
const DAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
const SEASONS: [&str; 4] = ["rainy season", "harvest", "winter", "summer holidays"];

/// Article `i`: a title and paragraphs of generated sentences until about
/// 5 KB. Deterministic.
fn article_text(i: usize) -> String {
    let mut x = (i as u64 + 1).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    let mut next = move |n: usize| {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        (x % n as u64) as usize
    };
    let mut text = format!("Invented bench article {i}\n\n");
    while text.len() < TARGET_BYTES {
        for _ in 0..4 {
            let template = TEMPLATES[next(TEMPLATES.len())];
            let mut sentence = String::new();
            let mut rest = template;
            while let Some(open) = rest.find('{') {
                sentence.push_str(&rest[..open]);
                let slot = &rest[open + 1..open + 2];
                let n = (2 + next(400)).to_string();
                sentence.push_str(match slot {
                    "a" => AGENCIES[next(AGENCIES.len())],
                    "p" => PLACES[next(PLACES.len())],
                    "o" => OBJECTS[next(OBJECTS.len())],
                    "v" => VERBS[next(VERBS.len())],
                    "d" => DAYS[next(DAYS.len())],
                    "s" => SEASONS[next(SEASONS.len())],
                    _ => &n,
                });
                rest = &rest[open + 3..];
            }
            sentence.push_str(rest);
            text.push_str(&sentence);
            text.push(' ');
        }
        text.push_str("\n\n");
    }
    text
}

fn documents() -> Vec<RawDocument> {
    (0..ARTICLES)
        .map(|i| RawDocument {
            source: format!("bench{i:05}.txt"),
            part: 0,
            format: InputFormat::Text,
            text: article_text(i),
            meta: SourceMeta::default(),
        })
        .collect()
}

fn report(what: &str, n: usize, bytes: usize, clock: Stopwatch) {
    let secs = clock.wall_secs();
    println!(
        "{what:<44} {n:>6} articles in {secs:>6.2} s: {:>8.0} articles/s, {:>6.1} MB/s",
        n as f64 / secs,
        bytes as f64 / secs / 1e6
    );
    if let Some(cpu) = clock.cpu_secs() {
        println!(
            "{:<44} {n:>6} articles in {cpu:>6.2} s CPU: {:>4.0} articles/CPU-s, {:>6.1} MB/CPU-s",
            "",
            n as f64 / cpu,
            bytes as f64 / cpu / 1e6
        );
    }
}

fn store_all(db: &str, articles: &[NewArticle]) -> usize {
    let mut store = dateline_store::open(db).expect("open store");
    let mut stored = 0;
    for chunk in articles.chunks(BATCH) {
        stored += store.write_batch(chunk).expect("write batch").articles;
    }
    stored
}

fn main() {
    let docs = documents();
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let cleaner = dateline_clean::Cleaner::load().expect("cleaner data");
    let dir = tempfile::tempdir().expect("temp dir");

    // clean + split + store, as `dateline ingest` does minus extraction.
    let db = dir.path().join("clean_store.db");
    let db = db.to_str().expect("utf-8 path");
    let start = Stopwatch::start();
    let mut store = dateline_store::open(db).expect("open store");
    let mut batch = Vec::with_capacity(BATCH);
    let mut cleaned = 0;
    for doc in &docs {
        for article in cleaner.clean(doc) {
            cleaned += 1;
            batch.push(NewArticle {
                article,
                events: Vec::new(),
            });
            if batch.len() == BATCH {
                store.write_batch(&batch).expect("write batch");
                batch.clear();
            }
        }
    }
    store.write_batch(&batch).expect("write batch");
    report("clean + split + store (SQLite)", cleaned, bytes, start);

    let articles: Vec<NewArticle> = docs
        .iter()
        .flat_map(|d| cleaner.clean(d))
        .map(|article| NewArticle {
            article,
            events: Vec::new(),
        })
        .collect();
    let stored_bytes: usize = articles.iter().map(|a| a.article.text.len()).sum();

    let db = dir.path().join("store_only.db");
    let db = db.to_str().expect("utf-8 path");
    let start = Stopwatch::start();
    let stored = store_all(db, &articles);
    report("store only (SQLite)", stored, stored_bytes, start);
    let start = Stopwatch::start();
    store_all(db, &articles);
    report(
        "re-ingest, all duplicates (SQLite)",
        articles.len(),
        stored_bytes,
        start,
    );
    let size = std::fs::metadata(db).map(|m| m.len()).unwrap_or(0);
    println!(
        "SQLite file: {:.1} MB for {stored} articles",
        size as f64 / 1e6
    );

    match std::env::var("DATELINE_TEST_PG") {
        Ok(url) => {
            let mut admin = postgres::Client::connect(&url, postgres::NoTls).expect("connect");
            admin
                .batch_execute("DROP DATABASE IF EXISTS dateline_bench")
                .expect("drop");
            admin
                .batch_execute("CREATE DATABASE dateline_bench")
                .expect("create");
            let bench_url = format!(
                "{}/dateline_bench",
                url.rsplit_once('/').map_or(url.as_str(), |(s, _)| s)
            );
            let start = Stopwatch::start();
            let stored = store_all(&bench_url, &articles);
            report("store only (PostgreSQL)", stored, stored_bytes, start);
        }
        Err(_) => println!("store only (PostgreSQL): skipped, DATELINE_TEST_PG is unset"),
    }
}
