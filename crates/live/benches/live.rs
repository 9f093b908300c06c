//! Scale-out bench: the per-article cost of each stage, and worker
//! throughput with 1 and 2 workers pulling from a real NATS JetStream and
//! writing to a real PostgreSQL (DATELINE_TEST_NATS / DATELINE_TEST_PG,
//! from .ci/nats.sh and .ci/pg.sh; bench/live-bench.sh starts both). The
//! corpus is the generated invented one of the tests (N articles,
//! DATELINE_BENCH_ARTICLES, default 1000). Prints figures; asserts nothing.

#[path = "../tests/common/synth.rs"]
mod synth;

use std::path::PathBuf;
use std::sync::Barrier;
use std::time::{Duration, Instant};

use dateline_ingest::{read_paths, Manifest, ReadOptions};
use dateline_live::local::LocalSink;
use dateline_live::queue::{Queue, QueueConfig, WorkerOptions};
use dateline_live::sink::Sink;
use dateline_model::RawDocument;
use dateline_pipeline::Pipeline;
use dateline_testkit::pg::TempDb;

fn per_article(total: Duration, n: usize) -> String {
    format!("{:8.3} ms", total.as_secs_f64() * 1000.0 / n.max(1) as f64)
}

fn main() {
    // `cargo bench` passes --bench; `cargo test --all-targets` runs this
    // too, without it: then a quick smoke run checks the code paths.
    let full = std::env::args().any(|a| a == "--bench");
    let n: usize = std::env::var("DATELINE_BENCH_ARTICLES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(if full { 1000 } else { 40 });
    let dir = std::env::temp_dir().join(format!("dateline-live-bench-{}", std::process::id()));
    let corpus = dir.join("corpus");
    synth::write(&corpus, n);
    let opts = ReadOptions {
        manifest: Some(Manifest::load(&corpus.join("manifest.jsonl")).expect("manifest")),
        ..ReadOptions::default()
    };
    let t = Instant::now();
    let docs: Vec<RawDocument> = read_paths(std::slice::from_ref(&corpus), &opts)
        .filter_map(Result::ok)
        .collect();
    let read = t.elapsed();
    let mean_bytes = docs.iter().map(|d| d.text.len()).sum::<usize>() / docs.len().max(1);
    println!(
        "dateline live bench: {} generated articles, {mean_bytes} bytes each on average",
        docs.len()
    );
    println!("{:<44} per article", "stage");
    println!("-- generated articles");
    println!("{:<44} {}", "read (ingest)", per_article(read, docs.len()));

    let t = Instant::now();
    let pipeline = Pipeline::load().expect("load the pipeline");
    println!(
        "{:<44} {:8.0} ms once per worker",
        "pipeline load (reference data)",
        t.elapsed().as_secs_f64() * 1000.0
    );
    let events = stage_costs(&pipeline, &docs, 1);
    println!(
        "{:<44} {events} events from {} articles",
        "extraction yield",
        docs.len()
    );

    seed_costs(&pipeline, if full { 40 } else { 1 });

    let sqlite = dir.join("bench.db");
    store_cost(
        "store, SQLite, 1 article per transaction",
        &sqlite.to_string_lossy(),
        &docs,
    );
    let pg = std::env::var("DATELINE_TEST_PG").ok();
    let nats = std::env::var("DATELINE_TEST_NATS").ok();
    if let Some(pg) = &pg {
        let db = TempDb::create(
            pg,
            &format!("dateline_live_bench_store_{}", std::process::id()),
        );
        store_cost("store, PostgreSQL (write lock), 1 per txn", &db.url, &docs);
    }
    match (&nats, &pg) {
        (Some(nats), Some(pg)) => {
            for workers in [1, 2] {
                throughput(nats, pg, &corpus, &opts, workers, n);
            }
        }
        _ => println!("note: DATELINE_TEST_NATS or DATELINE_TEST_PG unset; worker throughput not measured (bench/live-bench.sh starts both)"),
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// Times clean, geoparse and extract over `docs`, `rounds` times, prints
/// the per-article cost of each, and returns the number of events found
/// in one round. Geoparsing and extraction are timed again apart from the
/// whole run (extraction includes geoparsing), so clean = whole − extract.
fn stage_costs(pipeline: &Pipeline, docs: &[RawDocument], rounds: usize) -> usize {
    let (mut total, mut places, mut events) = (Duration::ZERO, Duration::ZERO, Duration::ZERO);
    let mut found = 0;
    for round in 0..rounds {
        for d in docs {
            let t = Instant::now();
            let out = pipeline.process(d, false);
            total += t.elapsed();
            for p in &out {
                let t = Instant::now();
                pipeline.places(&p.article);
                places += t.elapsed();
                let t = Instant::now();
                pipeline.events(&p.article, false);
                events += t.elapsed();
                if round == 0 {
                    found += p.events.len();
                }
            }
        }
    }
    let k = docs.len() * rounds;
    let row = |label: &str, spent: Duration| println!("{label:<44} {}", per_article(spent, k));
    row("clean", total.saturating_sub(events));
    row("geoparse", places);
    row("extract", events.saturating_sub(places));
    row("pipeline total (clean+geo+extract)", total);
    found
}

/// Stage costs on the five real, messy seed pages of ../shared (read at
/// run time, never copied), if present: generated articles are tidier and
/// shorter than real pages, so these are the figures to plan with.
fn seed_costs(pipeline: &Pipeline, rounds: usize) {
    let seeds = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/seeds");
    let Ok(manifest) = Manifest::load(&seeds.join("manifest.jsonl")) else {
        println!(
            "note: {} not found; no figures on real pages",
            seeds.display()
        );
        return;
    };
    let opts = ReadOptions {
        manifest: Some(manifest),
        ..ReadOptions::default()
    };
    let docs: Vec<RawDocument> = read_paths(std::slice::from_ref(&seeds), &opts)
        .filter_map(Result::ok)
        .collect();
    let bytes = docs.iter().map(|d| d.text.len()).sum::<usize>() / docs.len().max(1);
    println!(
        "-- real seed pages ({} pages, {bytes} bytes each on average, {rounds} rounds)",
        docs.len()
    );
    stage_costs(pipeline, &docs, rounds);
    println!("-- storage and queue (generated articles)");
}

/// The cost of the store write a worker does for each message: pipeline
/// outside the timer, write inside.
fn store_cost(label: &str, db: &str, docs: &[RawDocument]) {
    let mut sink = LocalSink::open(db).expect("open the bench database");
    let mut spent = Duration::ZERO;
    for d in docs {
        let batch = sink.process(std::slice::from_ref(d));
        let t = Instant::now();
        sink.write(&batch).expect("store a batch");
        spent += t.elapsed();
    }
    println!("{label:<44} {}", per_article(spent, docs.len()));
}

/// Enqueues the corpus into a fresh stream, then lets `workers` workers
/// (threads, each with its own NATS connection, pipeline and database
/// session, running the same `Queue::work` as `dateline worker`) drain it
/// into a fresh PostgreSQL database.
fn throughput(
    nats: &str,
    pg: &str,
    corpus: &PathBuf,
    opts: &ReadOptions,
    workers: usize,
    n: usize,
) {
    let stream = format!("LIVEBENCH{}W{workers}", std::process::id());
    let config = QueueConfig {
        stream,
        ..QueueConfig::new(nats)
    };
    let queue = Queue::connect(config.clone()).expect("connect to NATS");
    let t = Instant::now();
    let docs = read_paths(std::slice::from_ref(corpus), opts).filter_map(Result::ok);
    let queued = queue.publish(docs, 256, |_| {}).expect("enqueue");
    let enqueue = t.elapsed();
    if workers == 1 {
        println!(
            "{:<44} {}",
            "enqueue (read + publish, acked)",
            per_article(enqueue, queued.articles)
        );
    }
    let temp = TempDb::create(
        pg,
        &format!("dateline_live_bench_w{workers}_{}", std::process::id()),
    );
    let db = temp.url.as_str();
    // Schema created once before the workers start.
    drop(LocalSink::open(db).expect("open the bench database"));
    let start = Barrier::new(workers + 1);
    let done: Vec<_> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                let (config, db, start) = (config.clone(), db, &start);
                s.spawn(move || {
                    let mut sink = LocalSink::open(db).expect("open the bench database");
                    let queue = Queue::connect(config).expect("connect to NATS");
                    start.wait();
                    let opts = WorkerOptions {
                        batch: 4,
                        until_empty: true,
                    };
                    queue
                        .work(&mut sink as &mut dyn Sink, opts, |m| {
                            eprintln!("worker: {m}")
                        })
                        .expect("work")
                })
            })
            .collect();
        start.wait();
        let reports: Vec<_> = handles
            .into_iter()
            .map(|h| h.join().expect("worker thread"))
            .collect();
        reports
    });
    let messages: usize = done.iter().map(|r| r.messages).sum();
    let stored: usize = done.iter().map(|r| r.accepted.articles).sum();
    // From the first message any worker took to the last one settled: the
    // idle pulls before and after are not work.
    let first = done.iter().filter_map(|r| r.first_message).min();
    let last = done.iter().filter_map(|r| r.last_settled).max();
    let busy = match (first, last) {
        (Some(a), Some(b)) => b.duration_since(a),
        _ => Duration::ZERO,
    };
    println!(
        "{:<44} {:8.1} articles/s ({messages} of {n} in {:.1} s, {stored} stored as new; {} per article)",
        format!("throughput, {workers} worker(s), PostgreSQL"),
        messages as f64 / busy.as_secs_f64().max(1e-9),
        busy.as_secs_f64(),
        per_article(busy, messages)
    );
}
