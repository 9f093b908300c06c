//! Event exports for the tools analysts already use: JSON Lines (the
//! interchange format), CSV with ACLED's columns, GeoJSON for QGIS and
//! Parquet for pandas and DuckDB. CSV, GeoJSON properties and Parquet share
//! one flat record ([`record`]), so the three always agree.

mod acled;
mod csv;
mod geojson;
mod parquet;

use std::io::Write;

pub use self::csv::csv;
pub use self::geojson::geojson;
pub use self::parquet::parquet;
pub use acled::{record, Cell, Kind, COLUMNS};

use crate::StoredEvent;

/// Everything that can go wrong writing an export.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("writing the export: {0}")]
    Io(#[from] std::io::Error),
    #[error("writing CSV: {0}")]
    Csv(#[from] ::csv::Error),
    #[error("writing JSON: {0}")]
    Json(#[from] serde_json::Error),
    #[error("writing Parquet: {0}")]
    Parquet(#[from] ::parquet::errors::ParquetError),
}

/// One event a line: spec §8 plus `id`, `sources` and every claim.
pub fn jsonl(events: &[StoredEvent], out: &mut dyn Write) -> Result<(), ExportError> {
    for e in events {
        serde_json::to_writer(&mut *out, e)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}
