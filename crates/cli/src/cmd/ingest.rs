//! `dateline ingest`: read inputs, clean, extract, fuse, store.

use std::path::PathBuf;
use std::time::Duration;

use anyhow::{Context, Result};
use clap::Args;
use dateline_ingest::read_paths;
use dateline_pipeline::Pipeline;
use dateline_store::{BatchReport, NewArticle, Store};
use indicatif::{ProgressBar, ProgressStyle};

/// Articles written per transaction unless `--batch-size` says otherwise:
/// large enough that commits cost little next to the work, small enough
/// that a killed run loses little.
const DEFAULT_BATCH: u32 = 256;

#[derive(Args)]
#[command(
    after_help = "The database is DATELINE_DB or --db, by default `dateline.db` in the current \
directory. Articles are written in transactions of --batch-size articles (default 256): a run \
that is interrupted leaves every finished batch stored and nothing of the batch it was in, and \
running the same ingest again completes it without duplicates."
)]
pub struct IngestArgs {
    #[command(flatten)]
    pub db: crate::DbArgs,
    #[command(flatten)]
    pub meta: crate::MetaArgs,
    /// Articles per transaction.
    #[arg(long, default_value_t = DEFAULT_BATCH, value_parser = clap::value_parser!(u32).range(1..))]
    pub batch_size: u32,
    /// Files or directories to read (recursively), `-` for stdin.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
}

/// What the run did, for the closing summary.
#[derive(Default)]
struct Tally {
    inputs: usize,
    failed: usize,
    stored: BatchReport,
}

impl Tally {
    fn line(&self) -> String {
        let s = &self.stored;
        format!(
            "{} inputs read, {} articles stored, {} duplicates ({} identical, {} near), {} events from {} mentions, {} failed",
            self.inputs,
            s.articles,
            s.duplicates + s.near_duplicates,
            s.duplicates,
            s.near_duplicates,
            s.events,
            s.mentions,
            self.failed
        )
    }
}

fn progress(quiet: bool) -> ProgressBar {
    if quiet {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new_spinner();
    bar.set_style(
        ProgressStyle::with_template(
            "{spinner} [{elapsed_precise}] {pos} inputs ({per_sec}) {wide_msg}",
        )
        .unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );
    bar.enable_steady_tick(Duration::from_millis(200));
    bar
}

fn flush(store: &mut dyn Store, batch: &mut Vec<NewArticle>, tally: &mut Tally) -> Result<()> {
    if !batch.is_empty() {
        tally.stored += store
            .write_batch(batch)
            .context("writing a batch to the database")?;
        batch.clear();
    }
    Ok(())
}

pub fn run(args: IngestArgs, quiet: bool) -> Result<bool> {
    let opts = crate::cmd::extract::read_options(&args.meta)?;
    let pipeline = Pipeline::load().context("loading reference data")?;
    let mut store = dateline_store::open(&args.db.db)
        .with_context(|| format!("opening database {}", args.db.db))?;
    let batch_size = args.batch_size as usize;
    let bar = progress(quiet);
    let mut tally = Tally::default();
    let mut batch: Vec<NewArticle> = Vec::with_capacity(batch_size);
    for doc in read_paths(&args.paths, &opts) {
        bar.inc(1);
        let doc = match doc {
            Ok(doc) => doc,
            Err(e) => {
                bar.suspend(|| eprintln!("dateline ingest: {e}"));
                tally.failed += 1;
                continue;
            }
        };
        tally.inputs += 1;
        for p in pipeline.process(&doc, false) {
            batch.push(NewArticle {
                article: p.article,
                events: p.events,
            });
            if batch.len() >= batch_size {
                flush(store.as_mut(), &mut batch, &mut tally)?;
                bar.set_message(tally.line());
            }
        }
    }
    flush(store.as_mut(), &mut batch, &mut tally)?;
    bar.finish_and_clear();
    if !quiet {
        eprintln!("dateline ingest: {}", tally.line());
    }
    Ok(tally.failed == 0)
}
