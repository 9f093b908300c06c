//! Runs the extraction pipeline for `POST /api/ingest`.
//!
//! The pipeline's reference data (gazetteer, lexicons) takes a while to
//! load, so it is loaded on the first write, not at start-up: a read-only
//! server starts at once.

use std::sync::{Arc, OnceLock};

use dateline_model::RawDocument;
use dateline_pipeline::{Pipeline, Processed};

use crate::error::{ApiError, ApiResult};

#[derive(Clone, Default)]
pub struct Lazy(Arc<OnceLock<Result<Pipeline, String>>>);

impl Lazy {
    /// Cleans `docs` and extracts their events, off the async threads.
    pub async fn process(&self, docs: Vec<RawDocument>) -> ApiResult<Vec<Processed>> {
        let cell = Arc::clone(&self.0);
        tokio::task::spawn_blocking(move || {
            let pipeline = cell
                .get_or_init(|| Pipeline::load().map_err(|e| e.to_string()))
                .as_ref()
                .map_err(|e| ApiError::internal(format!("cannot load the pipeline: {e}")))?;
            Ok(docs
                .iter()
                .flat_map(|d| pipeline.process(d, false))
                .collect())
        })
        .await
        .map_err(|e| ApiError::internal(format!("pipeline failed: {e}")))?
    }
}
