//! `dateline`: the one binary. Each subcommand lives in `cmd/` and only
//! wires the library crates together; the work happens in the stages.

use std::path::PathBuf;

use anyhow::Result;
use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand};

mod cmd;

#[derive(Parser)]
#[command(
    name = "dateline",
    version,
    about = "Turns raw news into a dataset of political-violence events"
)]
struct Cli {
    /// Silence progress bars and summaries.
    #[arg(long, short, global = true)]
    quiet: bool,
    #[command(subcommand)]
    command: Command,
}

/// Metadata a crawler would know, for inputs that do not state it.
#[derive(Args, Clone, Debug, Default)]
pub struct MetaArgs {
    /// JSON Lines manifest (`source`, `published`, `outlet`, `url`) keyed by file name.
    #[arg(long)]
    pub manifest: Option<PathBuf>,
    /// Publication date for inputs that carry none.
    #[arg(long)]
    pub published: Option<NaiveDate>,
    /// Outlet name for inputs that carry none.
    #[arg(long)]
    pub outlet: Option<String>,
}

/// Where the database is.
#[derive(Args, Clone, Debug)]
pub struct DbArgs {
    /// SQLite file path or postgres:// URL.
    #[arg(long, env = "DATELINE_DB", default_value = "dateline.db")]
    pub db: String,
}

#[derive(Subcommand)]
enum Command {
    /// Read news files into the database: clean, extract, fuse, store.
    Ingest(cmd::ingest::IngestArgs),
    /// List stored articles.
    Articles(cmd::articles::ArticlesArgs),
    /// Full-text search over stored articles.
    Search(cmd::articles::SearchArgs),
    /// Show one stored article with its metadata.
    Show(cmd::articles::ShowArgs),
    /// Write the place mentions of inputs as JSON Lines.
    Places(cmd::places::PlacesArgs),
    /// Gazetteer tools: build the shipped file, look a name up.
    #[command(subcommand)]
    Gazetteer(cmd::gazetteer::GazetteerCommand),
    /// Write the events of inputs as JSON Lines, without a database.
    Extract(cmd::extract::ExtractArgs),
    /// Query stored events; export as table, JSON Lines, CSV, GeoJSON or Parquet.
    Events(cmd::events::EventsArgs),
    /// Show one stored event with every claim and the sentence behind it.
    Event(cmd::events::EventArgs),
    /// Event counts by month, type and admin1.
    Stats(cmd::events::StatsArgs),
    /// Serve the HTTP API and the offline web map.
    Serve(cmd::serve::ServeArgs),
    /// Watch RSS/Atom feeds and sitemaps; fetch new items politely and ingest (or queue) them.
    Watch(cmd::watch::WatchArgs),
    /// Publish inputs to the NATS JetStream work queue for workers.
    Enqueue(cmd::enqueue::EnqueueArgs),
    /// Pull documents from the NATS JetStream work queue, process and store them.
    Worker(cmd::worker::WorkerArgs),
}

fn main() {
    let cli = Cli::parse();
    // Metadata dates are read with a process-wide parser: load it here so
    // a broken `$DATELINE_DATA` is reported, never a panic mid-ingest.
    if let Err(e) = dateline_dates::DateParser::init() {
        eprintln!("dateline: loading the month table: {e}");
        std::process::exit(2);
    }
    let result: Result<bool> = match cli.command {
        Command::Ingest(a) => cmd::ingest::run(a, cli.quiet),
        Command::Articles(a) => cmd::articles::list(a),
        Command::Search(a) => cmd::articles::search(a),
        Command::Show(a) => cmd::articles::show(a),
        Command::Places(a) => cmd::places::run(a, cli.quiet),
        Command::Gazetteer(c) => cmd::gazetteer::run(c, cli.quiet),
        Command::Extract(a) => cmd::extract::run(a, cli.quiet),
        Command::Events(a) => cmd::events::list(a),
        Command::Event(a) => cmd::events::show(a),
        Command::Stats(a) => cmd::events::stats(a),
        Command::Serve(a) => cmd::serve::run(a, cli.quiet),
        Command::Watch(a) => cmd::watch::run(a, cli.quiet),
        Command::Enqueue(a) => cmd::enqueue::run(a, cli.quiet),
        Command::Worker(a) => cmd::worker::run(a, cli.quiet),
    };
    // `Ok(false)` means the command ran but some inputs failed; each was
    // already reported on stderr.
    match result {
        Ok(true) => {}
        Ok(false) => std::process::exit(1),
        Err(e) => {
            eprintln!("dateline: {e:#}");
            std::process::exit(2);
        }
    }
}
