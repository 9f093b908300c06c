//! `dateline extract`: events of the inputs as JSON Lines, no database.

use std::io::{BufWriter, Write};
use std::path::PathBuf;

use anyhow::{Context, Result};
use clap::Args;
use dateline_ingest::{read_paths, Manifest, ReadOptions};
use dateline_model::{DateOrigin, SourceMeta};
use dateline_pipeline::{write_jsonl, Pipeline};

#[derive(Args)]
pub struct ExtractArgs {
    #[command(flatten)]
    pub meta: crate::MetaArgs,
    /// Add, per event, the cue behind each field.
    #[arg(long)]
    pub explain: bool,
    /// Files or directories to read (`-` for stdin).
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
}

/// Reading options from `--manifest`, `--published` and `--outlet`.
pub(crate) fn read_options(meta: &crate::MetaArgs) -> Result<ReadOptions> {
    let manifest = match &meta.manifest {
        Some(path) => Some(
            Manifest::load(path).with_context(|| format!("reading manifest {}", path.display()))?,
        ),
        None => None,
    };
    Ok(ReadOptions {
        manifest,
        defaults: SourceMeta {
            published: meta.published,
            published_from: meta.published.map(|_| DateOrigin::Cli),
            outlet: meta.outlet.clone(),
            ..SourceMeta::default()
        },
        ..ReadOptions::default()
    })
}

pub fn run(args: ExtractArgs, quiet: bool) -> Result<bool> {
    let opts = read_options(&args.meta)?;
    let pipeline = Pipeline::load().context("loading reference data")?;
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let (mut docs, mut failed, mut events) = (0usize, 0usize, 0usize);
    for doc in read_paths(&args.paths, &opts) {
        let doc = match doc {
            Ok(doc) => doc,
            Err(e) => {
                eprintln!("dateline extract: {e}");
                failed += 1;
                continue;
            }
        };
        docs += 1;
        for processed in pipeline.process(&doc, args.explain) {
            events += processed.events.len();
            write_jsonl(&mut out, &processed.events).context("writing events")?;
        }
    }
    out.flush().context("writing events")?;
    if !quiet {
        eprintln!("dateline extract: {docs} inputs, {events} events, {failed} failed");
    }
    Ok(failed == 0)
}
