//! The sink that does the work here: pipeline, then one store batch.
//!
//! Many workers may write to one PostgreSQL at once. Articles are safe by
//! construction (their id is the content hash; a second copy is a
//! duplicate). Fusion needs more: it reads the stored mentions near a new
//! one, re-fuses that neighbourhood and writes the result, and two workers
//! fusing two reports of one incident at the same moment could each miss
//! the other's. `dateline-store` therefore opens every PostgreSQL batch
//! write with a transaction-scoped advisory lock
//! (`pg_advisory_xact_lock`) that every Dateline writer takes: batch
//! writes are serialised, held exactly until commit or rollback (a dying
//! worker's lock goes with its connection), while the costly part (the
//! pipeline, nearly all of an article's time) runs in parallel. SQLite
//! allows one writer at a time by itself.

use dateline_model::RawDocument;
use dateline_pipeline::Pipeline;
use dateline_store::{NewArticle, Store};

use crate::sink::{Accepted, Sink, SinkError};

pub struct LocalSink {
    pipeline: Pipeline,
    store: Box<dyn Store + Send>,
}

impl LocalSink {
    /// Loads the pipeline and opens the database `db` (SQLite path or
    /// `postgres://` URL).
    pub fn open(db: &str) -> Result<LocalSink, SinkError> {
        let pipeline = Pipeline::load().map_err(|e| format!("loading reference data: {e}"))?;
        let store = dateline_store::open(db)?;
        Ok(LocalSink { pipeline, store })
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

    /// Stores one batch in one transaction.
    pub fn write(&mut self, batch: &[NewArticle]) -> Result<Accepted, SinkError> {
        let report = self.store.write_batch(batch)?;
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
