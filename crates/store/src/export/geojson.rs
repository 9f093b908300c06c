//! A GeoJSON FeatureCollection (RFC 7946) that QGIS opens as a point
//! layer: one feature per event, the flat record as properties, the full
//! event id as the feature id. Events without a place have a null
//! geometry, which RFC 7946 allows, so counts match the other formats.

use std::io::Write;

use serde_json::{json, Map, Value};

use super::{record, Cell, ExportError, COLUMNS};
use crate::StoredEvent;

fn value(c: Cell) -> Value {
    match c {
        Cell::Text(v) => v.map_or(Value::Null, Value::String),
        Cell::Int(v) => v.map_or(Value::Null, Value::from),
        Cell::Float(v) => v.map_or(Value::Null, Value::from),
    }
}

pub fn geojson(events: &[StoredEvent], out: &mut dyn Write) -> Result<(), ExportError> {
    let features: Vec<Value> = events
        .iter()
        .map(|e| {
            let props: Map<String, Value> = COLUMNS
                .iter()
                .zip(record(e))
                .map(|((name, _), c)| ((*name).to_owned(), value(c)))
                .collect();
            let geometry = e.event.location.as_ref().map_or(
                Value::Null,
                |l| json!({"type": "Point", "coordinates": [l.lon, l.lat]}),
            );
            json!({"type": "Feature", "id": e.id, "geometry": geometry, "properties": props})
        })
        .collect();
    serde_json::to_writer(
        &mut *out,
        &json!({"type": "FeatureCollection", "features": features}),
    )?;
    out.write_all(b"\n")?;
    Ok(())
}
