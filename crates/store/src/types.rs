//! What goes into the store and what comes out of it. Shared by both
//! backends, the CLI and the HTTP API, so every consumer sees one shape.

use chrono::NaiveDate;
use dateline_model::{Article, DateOrigin, Event, EventType, SubEventType};
use serde::{Deserialize, Serialize};

/// One cleaned article and the events extracted from it, ready to store.
#[derive(Debug, Clone, PartialEq)]
pub struct NewArticle {
    pub article: Article,
    /// Events in extraction order; their ordinal becomes part of the
    /// mention key, so the order must be deterministic.
    pub events: Vec<Event>,
}

/// What one batch write did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct BatchReport {
    /// Articles stored for the first time.
    pub articles: usize,
    /// Articles whose cleaned body was already stored (same content hash).
    pub duplicates: usize,
    /// Articles stored once already as a near-duplicate (wire copy,
    /// re-publication): only linked to their new source.
    pub near_duplicates: usize,
    /// New (article, source) links, including the first source of new
    /// articles.
    pub links: usize,
    /// Extracted events of new articles (mentions).
    pub mentions: usize,
    /// Fused events written (created or replaced) by this batch.
    pub events: usize,
}

impl std::ops::AddAssign for BatchReport {
    fn add_assign(&mut self, o: Self) {
        self.articles += o.articles;
        self.duplicates += o.duplicates;
        self.near_duplicates += o.near_duplicates;
        self.links += o.links;
        self.mentions += o.mentions;
        self.events += o.events;
    }
}

/// One place an article was read from. A near-duplicate has several.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArticleSource {
    pub source: String,
    pub index: u32,
    pub outlet: Option<String>,
    pub url: Option<String>,
    pub published: Option<NaiveDate>,
    pub published_from: Option<DateOrigin>,
    pub title: Option<String>,
}

/// An article as stored: the first copy's body and metadata, and every
/// source it arrived from (the first one included).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredArticle {
    /// Content hash of the cleaned body (16 hex digits).
    pub id: String,
    #[serde(flatten)]
    pub article: Article,
    pub sources: Vec<ArticleSource>,
}

impl StoredArticle {
    /// The paging cursor of this article: pass it as `ArticleQuery::after`
    /// to get the rows after it.
    pub fn cursor(&self) -> String {
        crate::keys::article_sort_key(&self.article.source, self.article.index, &self.id)
    }
}

/// Article listing filters. Results come in a stable order (source name,
/// then index, then id); `after` is the `cursor` of the last row seen.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ArticleQuery {
    pub outlet: Option<String>,
    pub since: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
    pub language: Option<String>,
    pub limit: Option<usize>,
    pub after: Option<String>,
}

/// One full-text hit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchHit {
    pub id: String,
    pub source: String,
    pub index: u32,
    pub title: Option<String>,
    pub published: Option<NaiveDate>,
    pub outlet: Option<String>,
}

/// Event filters; every `Some` narrows the result. Results come in a
/// stable order (date start, then id; undated last); `after` is the
/// [`StoredEvent::cursor`] of the last row seen (keyset paging).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EventQuery {
    /// ISO 3166-1 alpha-2.
    pub country: Option<String>,
    /// Exact, case-insensitive.
    pub admin1: Option<String>,
    /// West, south, east, north in degrees.
    pub bbox: Option<(f64, f64, f64, f64)>,
    /// Events whose date range ends on or after this day.
    pub since: Option<NaiveDate>,
    /// Events whose date range starts on or before this day.
    pub until: Option<NaiveDate>,
    pub event_type: Option<EventType>,
    pub sub_type: Option<SubEventType>,
    /// Case-insensitive substring of actor1 or actor2.
    pub actor: Option<String>,
    /// Best fatality estimate at least this.
    pub min_fatalities: Option<u32>,
    /// Outlet of any article the event was read from, case-insensitive.
    pub source: Option<String>,
    /// Full text over the event's articles.
    pub q: Option<String>,
    pub limit: Option<usize>,
    pub after: Option<String>,
}

/// One article an event was read from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventSource {
    /// Stored article id.
    pub article: String,
    pub source: String,
    pub index: u32,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub url: Option<String>,
    pub published: Option<NaiveDate>,
}

/// A fused event as stored: the spec §8 interchange record with its stable
/// id, every claim (each naming its article) and its sources.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredEvent {
    pub id: String,
    #[serde(flatten)]
    pub event: Event,
    pub sources: Vec<EventSource>,
}

impl StoredEvent {
    /// The paging cursor of this event: pass it as `EventQuery::after` to
    /// get the rows after it.
    pub fn cursor(&self) -> String {
        crate::keys::event_sort_key(&self.id, self.event.date.as_ref().map(|d| d.start))
    }
}

/// How stats bucket time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Period {
    /// ISO week, `2017-W24`.
    Week,
    /// `2017-06`.
    Month,
}

/// What stats count by, besides time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Group {
    Type,
    Admin1,
    /// Each event counts once for each distinct actor (actor1 or actor2).
    Actor,
}

/// One stats cell. Events without a date fall in period `undated`; a
/// missing group value is `unknown`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct StatRow {
    pub period: String,
    pub group: String,
    pub events: u64,
    /// Sum of best fatality estimates.
    pub fatalities: u64,
}

/// Row counts of every table a user cares about, for summaries and
/// integrity checks.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    pub articles: u64,
    pub article_sources: u64,
    pub mentions: u64,
    pub events: u64,
    pub claims: u64,
}
