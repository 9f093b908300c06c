//! CSV with ACLED's column names and order, then Dateline's columns.

use std::io::Write;

use super::{record, ExportError, COLUMNS};
use crate::StoredEvent;

pub fn csv(events: &[StoredEvent], out: &mut dyn Write) -> Result<(), ExportError> {
    let mut w = ::csv::Writer::from_writer(out);
    w.write_record(COLUMNS.iter().map(|(name, _)| *name))?;
    for e in events {
        w.write_record(record(e).iter().map(|c| c.to_text()))?;
    }
    w.flush()?;
    Ok(())
}
