//! `dateline watch`: check feeds every round, fetch new items' pages
//! politely, and ingest them here or queue them for workers.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use clap::Args;
use dateline_live::local::LocalSink;
use dateline_live::polite::Policy;
use dateline_live::queue::QueueSink;
use dateline_live::sink::Sink;
use dateline_live::state::WatchState;
use dateline_live::watch::{parse_feed_list, RoundReport, WatchOptions, Watcher};

#[derive(Args)]
#[command(
    after_help = "Politeness: one request at a time per host, --delay between two (or the \
site's robots.txt Crawl-delay if larger, up to 60 s), robots.txt obeyed for the token \
`dateline`, User-Agent `Dateline/<version>`, 10 s to connect and 30 s per request, up to 2 \
retries with doubling backoff on timeouts, 408, 429 and 5xx (Retry-After honoured), pages \
over 5 MiB refused. What was seen is kept in the database's watch_* tables: a restart \
fetches nothing twice."
)]
pub struct WatchArgs {
    /// File of feed URLs (RSS, Atom, sitemaps, sitemap indexes), one per
    /// line; `#` starts a comment.
    #[arg(long)]
    pub feeds: PathBuf,
    /// Time from the start of one round to the start of the next.
    #[arg(long, default_value = "15m", value_parser = dateline_live::parse_duration)]
    pub every: Duration,
    /// Run one round and exit.
    #[arg(long)]
    pub once: bool,
    /// Publish fetched pages to this NATS server's work queue instead of
    /// ingesting them here (the database then only keeps the watch state).
    #[arg(long)]
    pub nats: Option<String>,
    /// JetStream stream name, with --nats.
    #[arg(long, default_value = dateline_live::queue::QueueConfig::DEFAULT_STREAM)]
    pub stream: String,
    /// Least time between two requests to one host.
    #[arg(long, default_value = "3s", value_parser = dateline_live::parse_duration)]
    pub delay: Duration,
    /// Hosts fetched from at once.
    #[arg(long, default_value_t = 4, value_parser = clap::value_parser!(u32).range(1..))]
    pub hosts: u32,
    #[command(flatten)]
    pub db: crate::DbArgs,
}

fn summary(round: u64, r: &RoundReport, took: Duration) -> String {
    format!(
        "round {round}: {} feeds ({} unchanged, {} failed), {} new items, {} pages stored \
         ({} articles, {} duplicates, {} events), {} skipped, {} to retry, {} given up, {:.1} s",
        r.feeds_checked,
        r.feeds_unchanged,
        r.feeds_failed,
        r.new_items,
        r.pages_stored,
        r.accepted.articles,
        r.accepted.duplicates,
        r.accepted.events,
        r.pages_skipped,
        r.pages_retrying,
        r.pages_failed,
        took.as_secs_f64()
    )
}

pub fn run(args: WatchArgs, quiet: bool) -> Result<bool> {
    let text = std::fs::read_to_string(&args.feeds)
        .with_context(|| format!("reading feed list {}", args.feeds.display()))?;
    let (feeds, problems) = parse_feed_list(&text);
    for p in &problems {
        eprintln!("dateline watch: {}: {p}", args.feeds.display());
    }
    anyhow::ensure!(
        !feeds.is_empty(),
        "{} lists no feed URL",
        args.feeds.display()
    );
    let state = WatchState::open(&args.db.db)
        .with_context(|| format!("opening database {}", args.db.db))?;
    let sink: Box<dyn Sink> = match &args.nats {
        Some(url) => {
            let config = dateline_live::queue::QueueConfig {
                stream: args.stream.clone(),
                ..dateline_live::queue::QueueConfig::new(url.clone())
            };
            let queue = dateline_live::queue::Queue::connect(config)
                .with_context(|| format!("connecting to the work queue at {url}"))?;
            Box::new(QueueSink(queue))
        }
        None => Box::new(
            LocalSink::open(&args.db.db)
                .map_err(|e| anyhow::anyhow!("{e}"))
                .with_context(|| format!("opening database {}", args.db.db))?,
        ),
    };
    let opts = WatchOptions {
        policy: Policy {
            delay: args.delay,
            ..Policy::default()
        },
        parallel_hosts: args.hosts as usize,
        ..WatchOptions::default()
    };
    let watcher = Watcher::new(feeds, opts, state, sink);
    let mut clean = problems.is_empty();
    for round in 1.. {
        let start = Instant::now();
        let report = watcher.round()?;
        for p in &report.problems {
            eprintln!("dateline watch: {p}");
        }
        if !quiet {
            eprintln!(
                "dateline watch: {}",
                summary(round, &report, start.elapsed())
            );
        }
        clean &= report.feeds_failed + report.pages_retrying + report.pages_failed == 0;
        if args.once {
            break;
        }
        std::thread::sleep(args.every.saturating_sub(start.elapsed()));
    }
    Ok(clean)
}
