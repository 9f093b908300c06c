//! `dateline enqueue`: read inputs and publish their documents, with their
//! metadata, to the NATS JetStream work queue for `dateline worker`s.

use std::path::PathBuf;
use std::time::Duration;

use anyhow::Result;
use clap::Args;
use dateline_ingest::read_paths;
use indicatif::{ProgressBar, ProgressStyle};

#[derive(Args)]
pub struct EnqueueArgs {
    #[command(flatten)]
    pub queue: crate::cmd::worker::QueueArgs,
    #[command(flatten)]
    pub meta: crate::MetaArgs,
    /// Files or directories to read (recursively), `-` for stdin.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
}

pub fn run(args: EnqueueArgs, quiet: bool) -> Result<bool> {
    let opts = crate::cmd::extract::read_options(&args.meta)?;
    let queue = args.queue.connect()?;
    let bar = if quiet {
        ProgressBar::hidden()
    } else {
        let bar = ProgressBar::new_spinner();
        bar.set_style(
            ProgressStyle::with_template(
                "{spinner} [{elapsed_precise}] {pos} documents queued ({per_sec})",
            )
            .unwrap_or_else(|_| ProgressStyle::default_spinner()),
        );
        bar.enable_steady_tick(Duration::from_millis(200));
        bar
    };
    let mut failed = 0usize;
    let docs = read_paths(&args.paths, &opts).filter_map(|doc| match doc {
        Ok(doc) => Some(doc),
        Err(e) => {
            bar.suspend(|| eprintln!("dateline enqueue: {e}"));
            failed += 1;
            None
        }
    });
    let accepted = queue.publish(docs, 256, |_| bar.inc(1))?;
    bar.finish_and_clear();
    if !quiet {
        eprintln!(
            "dateline enqueue: {} documents queued on {}, {} already queued, {failed} failed",
            accepted.articles,
            queue.config().articles_subject(),
            accepted.duplicates
        );
    }
    Ok(failed == 0)
}
