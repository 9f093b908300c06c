//! The sink that does the work here: pipeline, then one store batch.
//!
//! Many workers may write to one PostgreSQL at once. Articles are safe by
//! construction (their id is the content hash; a second copy is a
//! duplicate). Fusion is not: it reads the stored events near a new one,
//! decides to merge or create, and writes. Two workers fusing two reports
//! of one incident at the same moment could each see no match and create
//! two events. So every batch write on PostgreSQL happens under one
//! advisory lock (`pg_advisory_lock`) that all Dateline processes take:
//! writes are serialised, the costly part (the pipeline, about all of an
//! article's time) runs in parallel. The lock is held by a separate
//! session, so it is released if the worker dies (its connection closes),
//! and the store's transaction commits before it is released, so the next
//! writer sees that write. A SQLite database needs nothing more: SQLite
//! already allows one writer at a time.

use dateline_model::RawDocument;
use dateline_pipeline::Pipeline;
use dateline_store::{NewArticle, Store};

use crate::sink::{Accepted, Sink, SinkError};
use crate::state::is_postgres_url;

/// The advisory lock key every Dateline writer agrees on: "DATELINE" in
/// ASCII, as a 64-bit integer.
pub const FUSION_LOCK_KEY: i64 = 0x4441_5445_4C49_4E45;

/// The session that holds the fusion lock, reconnected if it breaks.
struct FusionLock {
    url: String,
    client: Option<postgres::Client>,
}

impl FusionLock {
    /// Runs `write` while holding the lock.
    fn hold<T>(&mut self, write: impl FnOnce() -> T) -> Result<T, postgres::Error> {
        let client = match &mut self.client {
            Some(c) if !c.is_closed() => c,
            slot => slot.insert(postgres::Client::connect(&self.url, postgres::NoTls)?),
        };
        client.execute("SELECT pg_advisory_lock($1)", &[&FUSION_LOCK_KEY])?;
        let out = write();
        // If this fails the session is gone, and the lock with it.
        if let Err(e) = client.execute("SELECT pg_advisory_unlock($1)", &[&FUSION_LOCK_KEY]) {
            self.client = None;
            return Err(e);
        }
        Ok(out)
    }
}

pub struct LocalSink {
    pipeline: Pipeline,
    store: Box<dyn Store + Send>,
    lock: Option<FusionLock>,
}

impl LocalSink {
    /// Loads the pipeline and opens the database `db` (SQLite path or
    /// `postgres://` URL).
    pub fn open(db: &str) -> Result<LocalSink, SinkError> {
        let pipeline = Pipeline::load().map_err(|e| format!("loading reference data: {e}"))?;
        let store = dateline_store::open(db)?;
        let lock = is_postgres_url(db).then(|| FusionLock {
            url: db.to_string(),
            client: None,
        });
        Ok(LocalSink {
            pipeline,
            store,
            lock,
        })
    }

    /// The pipeline's output for `docs`, ready to store.
    pub fn process(&self, docs: &[RawDocument]) -> Vec<NewArticle> {
        docs.iter()
            .flat_map(|d| self.pipeline.process(d, false))
            .map(|p| NewArticle {
                article: p.article,
                events: p.events,
            })
            .collect()
    }

    /// Stores one batch, under the fusion lock when the database is shared.
    pub fn write(&mut self, batch: &[NewArticle]) -> Result<Accepted, SinkError> {
        let store = &mut self.store;
        let report = match &mut self.lock {
            Some(lock) => lock
                .hold(|| store.write_batch(batch))
                .map_err(|e| format!("fusion lock: {e}"))??,
            None => store.write_batch(batch)?,
        };
        Ok(Accepted {
            articles: report.articles,
            duplicates: report.duplicates + report.near_duplicates,
            events: report.mentions,
        })
    }
}

impl Sink for LocalSink {
    fn accept(&mut self, docs: Vec<RawDocument>) -> Result<Accepted, SinkError> {
        let batch = self.process(&docs);
        self.write(&batch)
    }
}
