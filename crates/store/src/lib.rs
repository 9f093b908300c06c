//! Dateline's database: articles, the sources they came from, the events
//! extracted from each article (mentions), the fused events and their
//! claims, in one SQLite file (the default) or a shared PostgreSQL/PostGIS
//! database.
//!
//! Both backends implement one [`Store`] trait and pass one test suite;
//! [`open`] picks the backend from the location string. Writes go through
//! [`Store::write_batch`], one transaction per batch: a batch is stored
//! whole or not at all, so a killed ingest leaves the database as it was
//! before the batch it was in, and a re-run finishes the job. Ids are
//! content hashes, so re-running an ingest changes nothing.
//!
//! # Tables
//! - `articles`: one row per distinct cleaned body, id = the first 16 hex
//!   digits of its SHA-256; full text in `articles_fts` (SQLite FTS5,
//!   porter stemming) or a generated `tsvector` (PostgreSQL, `english`).
//! - `article_sources`: every input an article was read from. An exact
//!   re-read or a near-duplicate (MinHash over word shingles,
//!   `dateline_clean::NEAR_DUPLICATE_THRESHOLD`, candidates found through
//!   band keys) adds a row here and nothing else. Of the copies of one
//!   story the earliest published is stored, whatever the arrival order
//!   (see `copies`). A source read with another body than its article's
//!   keeps that body's id (`body_id`), and a re-read of the same input
//!   (source, index, body) is looked up there before any matching: the
//!   copy it was folded into may since have been replaced by one it is
//!   no near-duplicate of.
//! - `article_bands`, `band_index`: the band keys of the articles up to
//!   the watermark row in `band_index`; those of later articles are kept
//!   in memory and written out in sorted passes (see `bands`).
//! - `mentions`: the events extracted from each stored article, keyed
//!   `<article id>:<ordinal>`, indexed by place and time for fusion.
//! - `events`, `event_members`, `claims`: fused events (`dateline_fuse`),
//!   the mentions each is made of, and every claim with its article. Events
//!   are indexed by place (SQLite R*Tree, PostGIS GiST), date and type.
//!
//! # Schema versions
//! `schema_version` holds the applied version; `migrations/<dialect>/` holds
//! one script per version, applied in order in one transaction when a
//! database is opened. Scripts are append-only.

mod bands;
mod copies;
pub mod export;
mod keys;
mod postgres;
mod read;
mod rows;
mod sql;
mod sqlite;
mod stats;
mod store;
mod tables;
mod types;
mod write;

pub use keys::article_id;
pub use types::{
    ArticleQuery, ArticleSource, BatchReport, Counts, EventQuery, EventSource, Group, NewArticle,
    Period, SearchHit, StatRow, StoredArticle, StoredEvent,
};

/// The default database location: `dateline.db` in the current directory.
pub const DEFAULT_DB: &str = "dateline.db";

/// Everything that can go wrong talking to a database.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("SQLite database {path}: {source}")]
    Sqlite {
        path: String,
        #[source]
        source: rusqlite::Error,
    },
    #[error("PostgreSQL database: {0}")]
    Postgres(#[from] ::postgres::Error),
    #[error("database schema version {found} is newer than this build knows ({known}); upgrade dateline")]
    NewerSchema { found: i64, known: i64 },
    #[error("stored record {id} is unreadable: {problem}")]
    Corrupt { id: String, problem: String },
    #[error("invalid query: {0}")]
    Query(String),
}

/// The storage layer. Methods take `&mut self` because a PostgreSQL
/// connection is used exclusively; open one store per thread (opening is
/// cheap, and SQLite runs in WAL mode so readers never block each other).
pub trait Store {
    /// Stores one batch in one transaction: new articles, links for
    /// articles already stored (same or near-same body), the mentions of
    /// new articles, and the fused events they change.
    fn write_batch(&mut self, batch: &[NewArticle]) -> Result<BatchReport, StoreError>;

    /// Articles in stable order (source, index, id), filtered and paged.
    fn articles(&mut self, q: &ArticleQuery) -> Result<Vec<StoredArticle>, StoreError>;

    /// One article by id, with every source it came from.
    fn article(&mut self, id: &str) -> Result<Option<StoredArticle>, StoreError>;

    /// Full-text search over article titles and bodies, best first. The
    /// query is words (all must match); punctuation is ignored.
    fn search(&mut self, q: &str, limit: usize) -> Result<Vec<SearchHit>, StoreError>;

    /// Fused events in stable order (date start, id), filtered and paged.
    fn events(&mut self, q: &EventQuery) -> Result<Vec<StoredEvent>, StoreError>;

    /// One fused event by id, with every claim and source.
    fn event(&mut self, id: &str) -> Result<Option<StoredEvent>, StoreError>;

    /// Event counts and fatalities by time period and group, sorted, over
    /// the events `q` matches (its paging fields aside).
    fn stats_of(
        &mut self,
        q: &EventQuery,
        by: Period,
        group: Group,
    ) -> Result<Vec<StatRow>, StoreError>;

    /// [`Store::stats_of`] every event.
    fn stats(&mut self, by: Period, group: Group) -> Result<Vec<StatRow>, StoreError> {
        self.stats_of(&EventQuery::default(), by, group)
    }

    /// Row counts of the main tables.
    fn counts(&mut self) -> Result<Counts, StoreError>;
}

/// Opens (creating and migrating if needed) the database at `db`: a
/// `postgres://` or `postgresql://` URL, or else a SQLite file path.
pub fn open(db: &str) -> Result<Box<dyn Store + Send>, StoreError> {
    if db.starts_with("postgres://") || db.starts_with("postgresql://") {
        Ok(Box::new(postgres::PgStore::open(db)?))
    } else {
        Ok(Box::new(sqlite::SqliteStore::open(db)?))
    }
}
