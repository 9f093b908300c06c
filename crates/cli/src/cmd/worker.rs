//! `dateline worker`: pull documents from the NATS JetStream work queue,
//! run the pipeline, store into the (shared) database, acknowledge after
//! commit.

use std::time::Duration;

use anyhow::{Context, Result};
use clap::Args;
use dateline_live::local::LocalSink;
use dateline_live::queue::{Queue, QueueConfig, WorkerOptions};

/// Where the work queue is; shared by `worker`, `enqueue` and `watch`.
#[derive(Args, Clone, Debug)]
pub struct QueueArgs {
    /// NATS server URL, e.g. nats://127.0.0.1:4222.
    #[arg(long)]
    pub nats: String,
    /// JetStream stream name (subjects are its lowercase name + `.articles` / `.dead`).
    #[arg(long, default_value = QueueConfig::DEFAULT_STREAM)]
    pub stream: String,
    /// How long a worker may hold a message before it goes to another
    /// (applies when the consumer is first created).
    #[arg(long, default_value = "60s", value_parser = dateline_live::parse_duration)]
    pub ack_wait: Duration,
    /// Deliveries before a failing message goes to the dead letters
    /// (applies when the consumer is first created).
    #[arg(long, default_value_t = 5, value_parser = clap::value_parser!(i64).range(1..))]
    pub max_deliver: i64,
}

impl QueueArgs {
    pub fn connect(&self) -> Result<Queue> {
        let config = QueueConfig {
            stream: self.stream.clone(),
            ack_wait: self.ack_wait,
            max_deliver: self.max_deliver,
            ..QueueConfig::new(self.nats.clone())
        };
        Queue::connect(config)
            .with_context(|| format!("connecting to the work queue at {}", self.nats))
    }
}

#[derive(Args)]
#[command(
    after_help = "Run any number of workers, on any number of machines, against one NATS \
server (or cluster) and one PostgreSQL database (--db postgres://...). Each message is \
acknowledged only after its articles are committed; a worker that dies leaves its messages to \
be redelivered to another after --ack-wait, and content hashes keep them from being stored \
twice. Messages that fail --max-deliver times go to the dead-letter subject with the error."
)]
pub struct WorkerArgs {
    #[command(flatten)]
    pub queue: QueueArgs,
    #[command(flatten)]
    pub db: crate::DbArgs,
    /// Messages pulled at a time.
    #[arg(long, default_value_t = 4, value_parser = clap::value_parser!(u32).range(1..))]
    pub batch: u32,
    /// Exit once the queue is empty and no worker holds a message.
    #[arg(long)]
    pub until_empty: bool,
}

pub fn run(args: WorkerArgs, quiet: bool) -> Result<bool> {
    let mut sink = LocalSink::open(&args.db.db)
        .map_err(|e| anyhow::anyhow!("{e}"))
        .with_context(|| format!("opening database {}", args.db.db))?;
    let queue = args.queue.connect()?;
    let opts = WorkerOptions {
        batch: args.batch as usize,
        until_empty: args.until_empty,
    };
    let report = queue.work(&mut sink, opts, |notice| {
        eprintln!("dateline worker: {notice}")
    })?;
    if !quiet {
        let a = report.accepted;
        eprintln!(
            "dateline worker: {} messages, {} articles stored, {} duplicates, {} events, {} retried, {} dead-lettered",
            report.messages, a.articles, a.duplicates, a.events, report.retried, report.dead_lettered
        );
    }
    Ok(report.dead_lettered == 0)
}
