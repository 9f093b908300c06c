//! Throughput of the whole chain (clean → places → events) on one core,
//! on 5 KB articles: `cargo bench -p dateline-pipeline`.
//!
//! The articles are the seed pages of `../shared/corpus/seeds` (beside the
//! checkout) cut to about 5 KB at a paragraph break, plus an invented
//! incident report when the seeds are absent. Prints articles per second
//! and the process's peak memory. Rates are per second of this thread's
//! CPU time (from `/proc`), so that other processes on a shared machine do
//! not skew them; wall-clock rates are printed beside.

use std::path::Path;
use std::time::Instant;

use chrono::NaiveDate;
use dateline_model::{InputFormat, RawDocument, SourceMeta};
use dateline_pipeline::Pipeline;
use dateline_testkit::bench::{peak_rss_mb, Stopwatch};

const TARGET_BYTES: usize = 5 * 1024;
const ROUNDS: usize = 400;

/// Invented text, used when the seed corpus is not beside the checkout.
const INVENTED: &str = "Rebels seize town after clashes\n\nKARAVIA: Rebel fighters captured the town of Dorvan on Saturday after two days of clashes with government troops, a local official said. At least 12 soldiers and three civilians were killed in the fighting, according to the official.\n\nAn airstrike on a market in the nearby village of Meleth killed five people on Sunday, residents said. The army denied carrying out the strike.\n";

fn cut(text: &str) -> String {
    if text.len() <= TARGET_BYTES {
        let mut t = text.to_string();
        while t.len() < TARGET_BYTES {
            t.push_str("\n\n");
            t.push_str(text);
        }
        return t;
    }
    let mut end = TARGET_BYTES;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    match text[..end].rfind("\n\n") {
        Some(p) if p > TARGET_BYTES / 2 => text[..p].to_string(),
        _ => text[..end].to_string(),
    }
}

fn documents() -> Vec<RawDocument> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/seeds");
    let mut texts: Vec<(String, String)> = std::fs::read_dir(&dir)
        .map(|rd| {
            rd.filter_map(Result::ok)
                .filter(|e| e.path().extension().is_some_and(|x| x == "txt"))
                .filter_map(|e| {
                    Some((
                        e.file_name().to_string_lossy().to_string(),
                        std::fs::read_to_string(e.path()).ok()?,
                    ))
                })
                .collect()
        })
        .unwrap_or_default();
    texts.sort();
    if texts.is_empty() {
        texts.push(("invented.txt".to_string(), INVENTED.to_string()));
    }
    texts
        .into_iter()
        .map(|(source, text)| RawDocument {
            source,
            part: 0,
            format: InputFormat::Text,
            text: cut(&text),
            meta: SourceMeta {
                published: NaiveDate::from_ymd_opt(2017, 6, 17),
                ..SourceMeta::default()
            },
        })
        .collect()
}

/// Seconds spent running `f`: (CPU time when known else wall, wall).
fn timed(f: impl FnOnce()) -> (f64, f64) {
    let clock = Stopwatch::start();
    f();
    (clock.secs(), clock.wall_secs())
}

fn main() {
    let t0 = Instant::now();
    let pipeline = Pipeline::load().expect("reference data loads");
    let load = t0.elapsed();
    let docs = documents();
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    // Warm up, then time.
    let mut events = 0;
    for d in &docs {
        events += pipeline
            .process(d, false)
            .iter()
            .map(|p| p.events.len())
            .sum::<usize>();
    }
    let mut articles = 0usize;
    let (secs, wall) = timed(|| {
        for _ in 0..ROUNDS {
            for d in &docs {
                articles += pipeline.process(d, false).len();
            }
        }
    });
    println!("load: {:.2} s", load.as_secs_f64());
    println!(
        "chain clean → places → events: {:.0} articles/s per CPU second ({:.0}/s wall), {:.1} MB/s, {} docs of ~{} bytes, {} events per round",
        articles as f64 / secs,
        articles as f64 / wall,
        (bytes * ROUNDS) as f64 / secs / 1e6,
        docs.len(),
        bytes / docs.len().max(1),
        events
    );
    // Each stage alone, to see where the time goes.
    let articles: Vec<_> = docs
        .iter()
        .flat_map(|d| pipeline.process(d, false))
        .map(|p| p.article)
        .collect();
    let places: Vec<_> = articles.iter().map(|a| pipeline.places(a)).collect();
    let stage = |name: &str, f: &dyn Fn()| {
        let (secs, _) = timed(|| {
            for _ in 0..ROUNDS {
                f();
            }
        });
        let per = secs / (ROUNDS * articles.len().max(1)) as f64;
        println!(
            "  {name}: {:.0} µs per article ({:.0} articles/s)",
            per * 1e6,
            1.0 / per
        );
    };
    stage("clean", &|| {
        for d in &docs {
            std::hint::black_box(pipeline.cleaner().clean(d));
        }
    });
    stage("places", &|| {
        for a in &articles {
            std::hint::black_box(pipeline.places(a));
        }
    });
    stage("events", &|| {
        for (a, p) in articles.iter().zip(&places) {
            std::hint::black_box(pipeline.extractor().extract(a, p, false));
        }
    });
    if let Some(mb) = peak_rss_mb() {
        println!("peak memory: {mb:.0} MB");
    }
}
