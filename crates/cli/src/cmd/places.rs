//! `dateline places`: the place mentions of inputs as JSON Lines.

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use clap::Args;
use dateline_geo::PlaceMention;
use dateline_ingest::read_paths;
use dateline_pipeline::Pipeline;
use serde::Serialize;

#[derive(Args)]
pub struct PlacesArgs {
    #[command(flatten)]
    pub meta: crate::MetaArgs,
    /// Take each input file's text whole as one article, without cleaning:
    /// offsets then count characters of the file itself.
    #[arg(long)]
    pub verbatim: bool,
    /// Files or directories to read (`-` for stdin).
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
}

#[derive(Serialize)]
struct ArticleKey<'a> {
    source: &'a str,
    index: u32,
}

/// One line of output. Offsets count Unicode characters, end exclusive.
#[derive(Serialize)]
struct Line<'a> {
    article: ArticleKey<'a>,
    start: usize,
    end: usize,
    text: &'a str,
    name: &'a str,
    country: Option<&'a str>,
    admin1: Option<&'a str>,
    admin2: Option<&'a str>,
    lat: f64,
    lon: f64,
    geonames_id: Option<i64>,
    feature_code: &'a str,
    geo_precision: u8,
}

pub fn run(args: PlacesArgs, quiet: bool) -> Result<bool> {
    // The pipeline's own places, so they are the ones extraction sees.
    let pipeline = Pipeline::load().context("loading reference data")?;
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut tally = Tally::default();
    if args.verbatim {
        for path in files(&args.paths, &mut tally) {
            match std::fs::read(&path) {
                Ok(bytes) => {
                    let text = String::from_utf8_lossy(&bytes);
                    let source = file_name(&path);
                    let mentions = pipeline.places_in_text(&text);
                    write(&mut out, &source, 0, &text, &mentions)?;
                    tally.articles += 1;
                    tally.mentions += mentions.len();
                }
                Err(e) => {
                    eprintln!("dateline places: {}: {e}", path.display());
                    tally.failed += 1;
                }
            }
        }
    } else {
        let opts = crate::cmd::extract::read_options(&args.meta)?;
        for doc in read_paths(&args.paths, &opts) {
            let doc = match doc {
                Ok(doc) => doc,
                Err(e) => {
                    eprintln!("dateline places: {e}");
                    tally.failed += 1;
                    continue;
                }
            };
            for article in pipeline.cleaner().clean(&doc) {
                let mentions = pipeline.places(&article);
                write(
                    &mut out,
                    &article.source,
                    article.index,
                    &article.text,
                    &mentions,
                )?;
                tally.articles += 1;
                tally.mentions += mentions.len();
            }
        }
    }
    out.flush().context("writing place mentions")?;
    if !quiet {
        eprintln!(
            "dateline places: {} articles, {} mentions, {} failed",
            tally.articles, tally.mentions, tally.failed
        );
    }
    Ok(tally.failed == 0)
}

#[derive(Default)]
struct Tally {
    articles: usize,
    mentions: usize,
    failed: usize,
}

/// The files under `paths`, directories walked recursively in name order.
fn files(paths: &[PathBuf], tally: &mut Tally) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            let entries = match std::fs::read_dir(p) {
                Ok(rd) => rd.filter_map(|e| e.ok().map(|e| e.path())),
                Err(e) => {
                    eprintln!("dateline places: {}: {e}", p.display());
                    tally.failed += 1;
                    continue;
                }
            };
            let mut children: Vec<PathBuf> =
                entries.filter(|c| !file_name(c).starts_with('.')).collect();
            children.sort();
            out.extend(files(&children, tally));
        } else {
            out.push(p.clone());
        }
    }
    out
}

fn file_name(p: &Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| p.display().to_string())
}

/// Writes the mentions of one article, turning byte offsets into
/// character offsets in one pass over the text.
fn write(
    out: &mut impl Write,
    source: &str,
    index: u32,
    text: &str,
    mentions: &[PlaceMention],
) -> Result<()> {
    let mut chars = CharCounter::default();
    for m in mentions {
        let start = chars.at(text, m.start);
        let end = chars.at(text, m.end);
        let p = &m.place;
        let line = Line {
            article: ArticleKey { source, index },
            start,
            end,
            text: &m.text,
            name: &p.name,
            country: p.country.as_deref(),
            admin1: p.admin1.as_deref(),
            admin2: p.admin2.as_deref(),
            lat: p.lat,
            lon: p.lon,
            geonames_id: p.geonames_id,
            feature_code: &p.feature_code,
            geo_precision: m.precision,
        };
        serde_json::to_writer(&mut *out, &line).context("writing place mentions")?;
        out.write_all(b"\n").context("writing place mentions")?;
    }
    Ok(())
}

/// Character offset of byte offsets, for offsets visited mostly in order.
#[derive(Default)]
struct CharCounter {
    byte: usize,
    chars: usize,
}

impl CharCounter {
    fn at(&mut self, text: &str, byte: usize) -> usize {
        if byte < self.byte {
            *self = CharCounter::default();
        }
        self.chars += text[self.byte..byte].chars().count();
        self.byte = byte;
        self.chars
    }
}
