//! Exports read back by the tools they are for: CSV by Python's csv module
//! with ACLED's column names, GeoJSON as a FeatureCollection, Parquet by
//! the parquet crate's own reader with the same rows.

mod common;

use std::process::Command;

use dateline_store::export::{self, Cell, COLUMNS};
use dateline_store::{EventQuery, StoredEvent};

fn events() -> Vec<StoredEvent> {
    let (mut s, _dir) = common::sqlite();
    s.write_batch(&common::corpus()).unwrap();
    s.events(&EventQuery::default()).unwrap()
}

/// ACLED's columns, in ACLED's order, as the CSV must start.
const ACLED_ORDER: [&str; 31] = [
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
];

#[test]
fn csv_has_acled_columns_and_loads_in_python() {
    let events = events();
    let mut out = Vec::new();
    export::csv(&events, &mut out).unwrap();
    let text = String::from_utf8(out).unwrap();
    let header: Vec<&str> = text.lines().next().unwrap().split(',').collect();
    assert_eq!(&header[..ACLED_ORDER.len()], ACLED_ORDER);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("events.csv");
    std::fs::write(&path, &text).unwrap();
    let script = r#"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8")))
need = ["event_id_cnty", "event_date", "event_type", "sub_event_type", "actor1", "country", "admin1",
        "location", "latitude", "longitude", "geo_precision", "source", "notes", "fatalities"]
missing = [c for c in need if c not in rows[0]]
assert not missing, missing
clash = [r for r in rows if r["event_type"] == "Battles"][0]
assert clash["sub_event_type"] == "Armed clash", clash["sub_event_type"]
assert float(clash["latitude"]) == 35.0 and int(clash["fatalities"]) in (4, 5)
assert "Wire One" in clash["source"] and "Mirror Three" in clash["source"], clash["source"]
print(len(rows))
"#;
    let run = Command::new("python3")
        .arg("-c")
        .arg(script)
        .arg(&path)
        .output();
    match run {
        Ok(o) => {
            assert!(
                o.status.success(),
                "python3 rejected the CSV: {}",
                String::from_utf8_lossy(&o.stderr)
            );
            assert_eq!(
                String::from_utf8_lossy(&o.stdout).trim(),
                events.len().to_string()
            );
        }
        Err(e) => eprintln!("SKIPPED the Python half: python3 not runnable ({e})"),
    }
}

#[test]
fn geojson_is_a_feature_collection() {
    let events = events();
    let mut out = Vec::new();
    export::geojson(&events, &mut out).unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["type"], "FeatureCollection");
    let features = v["features"].as_array().unwrap();
    assert_eq!(features.len(), events.len());
    for (f, e) in features.iter().zip(&events) {
        assert_eq!(f["type"], "Feature");
        assert_eq!(f["id"], e.id.as_str());
        let loc = e.event.location.as_ref().unwrap();
        assert_eq!(f["geometry"]["type"], "Point");
        // GeoJSON is longitude first.
        assert_eq!(
            f["geometry"]["coordinates"],
            serde_json::json!([loc.lon, loc.lat])
        );
        assert_eq!(f["properties"]["event_id_cnty"], e.id.as_str());
    }
}

#[test]
fn parquet_reads_back_the_same_rows() {
    use parquet::file::reader::{FileReader, SerializedFileReader};
    use parquet::record::Field;

    let events = events();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("events.parquet");
    export::parquet(&events, std::fs::File::create(&path).unwrap()).unwrap();
    let reader = SerializedFileReader::new(std::fs::File::open(&path).unwrap()).unwrap();
    let names: Vec<String> = reader
        .metadata()
        .file_metadata()
        .schema_descr()
        .columns()
        .iter()
        .map(|c| c.name().to_owned())
        .collect();
    assert_eq!(
        names,
        COLUMNS
            .iter()
            .map(|(n, _)| n.to_string())
            .collect::<Vec<_>>()
    );
    let rows: Vec<_> = reader
        .get_row_iter(None)
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    assert_eq!(rows.len(), events.len());
    for (row, e) in rows.iter().zip(&events) {
        let expected = export::record(e);
        for ((_, field), cell) in row.get_column_iter().zip(&expected) {
            let same = match (field, cell) {
                (Field::Null, Cell::Text(None) | Cell::Int(None) | Cell::Float(None)) => true,
                (Field::Str(s), Cell::Text(Some(t))) => s == t,
                (Field::Long(v), Cell::Int(Some(w))) => v == w,
                (Field::Double(v), Cell::Float(Some(w))) => v == w,
                _ => false,
            };
            assert!(same, "{field:?} != {cell:?}");
        }
    }
}

#[test]
fn jsonl_is_the_interchange_with_ids_and_sources() {
    let events = events();
    let mut out = Vec::new();
    export::jsonl(&events, &mut out).unwrap();
    let lines: Vec<serde_json::Value> = String::from_utf8(out)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), events.len());
    for (l, e) in lines.iter().zip(&events) {
        assert_eq!(l["id"], e.id.as_str());
        for field in [
            "article",
            "event_type",
            "sub_event_type",
            "actor1",
            "actor2",
            "location",
            "date",
            "fatalities",
            "claims",
            "modality",
            "sources",
        ] {
            assert!(l.get(field).is_some(), "missing {field}");
        }
        let back: StoredEvent = serde_json::from_value(l.clone()).unwrap();
        assert_eq!(&back, e);
    }
}
