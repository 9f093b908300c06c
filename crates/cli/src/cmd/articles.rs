//! `dateline articles`, `search`, `show`: reading stored articles.

use std::io::{BufWriter, Write};

use anyhow::{bail, Context, Result};
use chrono::NaiveDate;
use clap::{Args, ValueEnum};
use dateline_store::{ArticleQuery, StoredArticle};
use serde::Serialize;

/// How listings are written.
#[derive(Clone, Copy, Debug, Default, ValueEnum)]
pub enum ListFormat {
    /// Aligned columns for reading.
    #[default]
    Table,
    /// One JSON record a line.
    Jsonl,
}

#[derive(Args)]
pub struct ArticlesArgs {
    #[command(flatten)]
    pub db: crate::DbArgs,
    #[arg(long, value_enum, default_value_t)]
    pub format: ListFormat,
    /// Only articles from this outlet (any of their sources).
    #[arg(long)]
    pub outlet: Option<String>,
    /// Only articles published on or after this day.
    #[arg(long)]
    pub since: Option<NaiveDate>,
    /// Only articles published on or before this day.
    #[arg(long)]
    pub until: Option<NaiveDate>,
    /// Only articles in this language (ISO 639-1).
    #[arg(long)]
    pub language: Option<String>,
    /// At most this many articles.
    #[arg(long)]
    pub limit: Option<usize>,
}

#[derive(Args)]
pub struct SearchArgs {
    #[command(flatten)]
    pub db: crate::DbArgs,
    #[arg(long, value_enum, default_value_t)]
    pub format: ListFormat,
    /// At most this many hits, best first.
    #[arg(long, default_value_t = 20)]
    pub limit: usize,
    /// Words that must all occur in the title or body (stemmed; punctuation ignored).
    #[arg(required = true)]
    pub query: Vec<String>,
}

#[derive(Args)]
pub struct ShowArgs {
    #[command(flatten)]
    pub db: crate::DbArgs,
    /// Print the stored record as JSON instead.
    #[arg(long)]
    pub json: bool,
    /// Article id (as `dateline articles` lists it).
    pub id: String,
}

/// Opens the store named by `--db`.
pub(crate) fn open(db: &crate::DbArgs) -> Result<Box<dyn dateline_store::Store + Send>> {
    dateline_store::open(&db.db).with_context(|| format!("opening database {}", db.db))
}

/// Writes rows as JSON Lines or as a table of `columns`.
pub(crate) fn write_rows<T: Serialize>(
    format: ListFormat,
    rows: &[T],
    header: &[&str],
    columns: impl Fn(&T) -> Vec<String>,
) -> Result<()> {
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    match format {
        ListFormat::Jsonl => {
            for r in rows {
                serde_json::to_writer(&mut out, r)?;
                out.write_all(b"\n")?;
            }
        }
        ListFormat::Table => {
            let cells: Vec<Vec<String>> = rows.iter().map(&columns).collect();
            let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
            for row in &cells {
                for (w, c) in widths.iter_mut().zip(row) {
                    *w = (*w).max(c.chars().count());
                }
            }
            let line = |row: &[String]| {
                let padded: Vec<String> = row
                    .iter()
                    .zip(&widths)
                    .map(|(c, w)| format!("{c:<w$}"))
                    .collect();
                padded.join("  ").trim_end().to_owned()
            };
            let header: Vec<String> = header.iter().map(|h| (*h).to_owned()).collect();
            writeln!(out, "{}", line(&header))?;
            for row in &cells {
                writeln!(out, "{}", line(row))?;
            }
        }
    }
    out.flush()?;
    Ok(())
}

/// A value for a table cell: `-` when absent.
pub(crate) fn or_dash<T: ToString>(v: Option<T>) -> String {
    v.map_or_else(|| "-".to_owned(), |v| v.to_string())
}

/// `s` cut to `n` characters, with an ellipsis when cut.
pub(crate) fn clip(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        return s.to_owned();
    }
    let mut out: String = s.chars().take(n.saturating_sub(1)).collect();
    out.push('…');
    out
}

pub fn list(args: ArticlesArgs) -> Result<bool> {
    let mut store = open(&args.db)?;
    let q = ArticleQuery {
        outlet: args.outlet,
        since: args.since,
        until: args.until,
        language: args.language,
        limit: args.limit,
        after: None,
    };
    let articles = store.articles(&q)?;
    // JSON Lines: the article record with its id, without the offset map
    // and captions (`dateline show --json` has everything).
    let rows: Vec<ArticleLine> = articles.iter().map(ArticleLine::from).collect();
    write_rows(
        args.format,
        &rows,
        &["ID", "PUBLISHED", "SOURCE", "OUTLET", "TITLE"],
        |a| {
            vec![
                a.id.to_owned(),
                or_dash(a.published),
                format!("{}#{}", a.source, a.index),
                or_dash(a.outlet),
                clip(a.title.unwrap_or("-"), 70),
            ]
        },
    )?;
    Ok(true)
}

/// One article as `dateline articles --format jsonl` writes it.
#[derive(Serialize)]
struct ArticleLine<'a> {
    id: &'a str,
    source: &'a str,
    index: u32,
    title: Option<&'a str>,
    dateline: Option<&'a str>,
    byline: Option<&'a str>,
    published: Option<NaiveDate>,
    published_from: Option<dateline_model::DateOrigin>,
    outlet: Option<&'a str>,
    url: Option<&'a str>,
    language: Option<&'a str>,
    text: &'a str,
    sources: &'a [dateline_store::ArticleSource],
}

impl<'a> From<&'a StoredArticle> for ArticleLine<'a> {
    fn from(s: &'a StoredArticle) -> Self {
        let a = &s.article;
        ArticleLine {
            id: &s.id,
            source: &a.source,
            index: a.index,
            title: a.title.as_deref(),
            dateline: a.dateline.as_deref(),
            byline: a.byline.as_deref(),
            published: a.published,
            published_from: a.published_from,
            outlet: a.outlet.as_deref(),
            url: a.url.as_deref(),
            language: a.language.as_deref(),
            text: &a.text,
            sources: &s.sources,
        }
    }
}

pub fn search(args: SearchArgs) -> Result<bool> {
    let mut store = open(&args.db)?;
    let hits = store.search(&args.query.join(" "), args.limit)?;
    write_rows(
        args.format,
        &hits,
        &["ID", "PUBLISHED", "SOURCE", "OUTLET", "TITLE"],
        |h| {
            vec![
                h.id.clone(),
                or_dash(h.published),
                format!("{}#{}", h.source, h.index),
                or_dash(h.outlet.as_deref()),
                clip(h.title.as_deref().unwrap_or("-"), 70),
            ]
        },
    )?;
    Ok(true)
}

pub fn show(args: ShowArgs) -> Result<bool> {
    let mut store = open(&args.db)?;
    let Some(s) = store.article(&args.id)? else {
        bail!("no article with id {} in {}", args.id, args.db.db);
    };
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    if args.json {
        serde_json::to_writer_pretty(&mut out, &s)?;
        writeln!(out)?;
        out.flush()?;
        return Ok(true);
    }
    let a = &s.article;
    writeln!(out, "id:        {}", s.id)?;
    writeln!(out, "title:     {}", or_dash(a.title.as_deref()))?;
    writeln!(out, "dateline:  {}", or_dash(a.dateline.as_deref()))?;
    writeln!(out, "byline:    {}", or_dash(a.byline.as_deref()))?;
    let from = a
        .published_from
        .map(|o| format!(" (from {})", serde_json::json!(o).as_str().unwrap_or("")));
    writeln!(
        out,
        "published: {}{}",
        or_dash(a.published),
        from.unwrap_or_default()
    )?;
    writeln!(out, "outlet:    {}", or_dash(a.outlet.as_deref()))?;
    writeln!(out, "url:       {}", or_dash(a.url.as_deref()))?;
    writeln!(out, "language:  {}", or_dash(a.language.as_deref()))?;
    for src in &s.sources {
        writeln!(
            out,
            "source:    {}#{}  {}  {}",
            src.source,
            src.index,
            or_dash(src.outlet.as_deref()),
            or_dash(src.published)
        )?;
    }
    for c in &a.captions {
        writeln!(out, "caption:   {c}")?;
    }
    writeln!(out, "\n{}", a.text)?;
    out.flush()?;
    Ok(true)
}
