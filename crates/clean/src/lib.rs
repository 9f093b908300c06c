//! Dateline's second stage: turns a [`RawDocument`] into clean
//! [`Article`]s.
//!
//! A page is read as lines of flat text (HTML first goes through
//! readability-style extraction); each line is classified by
//! its shape and by the furniture vocabulary in `data/clean/` (furniture,
//! end markers, captions, date lines, bylines, prose, short lines); the
//! lines are split into stories; each story gets its title,
//! dateline, byline, date (a date stated in the text wins, then the page's
//! meta tags, then what the input supplied), captions kept apart, language,
//! and a body whose offsets map back to the input. [`fingerprint`] finds
//! the same story arriving twice.
//!
//! Nothing here knows any one site: the rules are about how pages are
//! built, the words are data.

mod article;
mod byline;
mod caption;
pub mod fingerprint;
mod flat;
mod html;
mod language;
mod lines;
mod segment;
mod shape;
mod vocab;

use std::sync::OnceLock;

use dateline_model::{Article, InputFormat, RawDocument};

pub use fingerprint::{fingerprint, is_near_duplicate, Fingerprint, NEAR_DUPLICATE_THRESHOLD};

use crate::article::Page;
use crate::flat::Flat;
use crate::vocab::Vocab;

/// Why the cleaner could not start: its reference data is missing or bad.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Refdata(#[from] dateline_refdata::Error),
    #[error(transparent)]
    Dates(#[from] dateline_dates::DatesError),
    #[error("reference data {file}: line {line}: {problem}")]
    Data {
        file: String,
        line: usize,
        problem: String,
    },
}

/// A cleaner with its vocabulary loaded.
pub struct Cleaner {
    vocab: Vocab,
}

impl Cleaner {
    /// Loads the vocabulary (embedded, or from `$DATELINE_DATA`).
    pub fn load() -> Result<Cleaner, Error> {
        Ok(Cleaner {
            vocab: Vocab::load()?,
        })
    }

    /// The articles in `doc`. Plain text is read as it is; HTML and WARC
    /// records as markup; JSON Lines and feed items as markup when they
    /// hold tags.
    ///
    /// An article's index is its part's position in the input plus its
    /// place within the part: a page holding two stories gives 0 and 1,
    /// and the article of JSON line or feed item `n` is `n`. It depends on
    /// the document alone, so a worker handed one line of a file numbers
    /// it as a single process reading the whole file does.
    pub fn clean(&self, doc: &RawDocument) -> Vec<Article> {
        let markup = match doc.format {
            InputFormat::Text => false,
            InputFormat::Html | InputFormat::Warc => true,
            InputFormat::Jsonl | InputFormat::Feed => looks_like_markup(&doc.text),
        };
        let (flat, meta) = if markup {
            let (flat, meta) = html::read(&doc.text, &self.vocab);
            (flat, Some(meta))
        } else {
            (Flat::plain(&doc.text), None)
        };
        let lines = lines::lines(&flat, &self.vocab);
        let segments = segment::split(&lines, &flat, &self.vocab);
        let page = Page {
            doc,
            flat: &flat,
            lines: &lines,
            meta: meta.as_ref(),
            vocab: &self.vocab,
        };
        let only = segments.len() == 1;
        let mut articles: Vec<Article> = segments
            .iter()
            .map(|seg| page.article(seg, only))
            .filter(|a| !a.text.is_empty())
            .collect();
        for (i, article) in articles.iter_mut().enumerate() {
            article.index = doc.part.saturating_add(i as u32);
        }
        articles
    }
}

/// The articles in `doc`, with the built-in vocabulary.
///
/// # Panics
/// If the vocabulary cannot load: only when `$DATELINE_DATA` points at a
/// broken copy of `data/clean/` (use [`Cleaner::load`] to handle that).
pub fn clean(doc: &RawDocument) -> Vec<Article> {
    static CLEANER: OnceLock<Cleaner> = OnceLock::new();
    CLEANER
        .get_or_init(|| Cleaner::load().unwrap_or_else(|e| panic!("dateline-clean: {e}")))
        .clean(doc)
}

/// Whether text holds HTML tags (a feed description or a JSON `html`
/// field) rather than plain text.
fn looks_like_markup(text: &str) -> bool {
    const TAGS: [&str; 12] = [
        "<p", "<div", "<br", "<a ", "<html", "<body", "<span", "<h1", "<h2", "<img", "<article",
        "<figure",
    ];
    let head = &text.as_bytes()[..text.len().min(4096)];
    TAGS.iter().any(|tag| {
        head.windows(tag.len())
            .any(|w| w.eq_ignore_ascii_case(tag.as_bytes()))
    })
}
