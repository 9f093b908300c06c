//! Parquet for pandas and DuckDB: the flat record as typed, nullable
//! columns (UTF8 strings, INT64, DOUBLE), Snappy-compressed, one row group.

use std::io::Write;
use std::sync::Arc;

use parquet::basic::{Compression, ConvertedType, LogicalType, Repetition, Type as Physical};
use parquet::column::writer::ColumnWriter;
use parquet::data_type::ByteArray;
use parquet::file::properties::WriterProperties;
use parquet::file::writer::SerializedFileWriter;
use parquet::schema::types::Type;

use super::{record, Cell, ExportError, Kind, COLUMNS};
use crate::StoredEvent;

fn schema() -> Result<Type, ExportError> {
    let fields = COLUMNS
        .iter()
        .map(|&(name, kind)| {
            let b = match kind {
                Kind::Text => Type::primitive_type_builder(name, Physical::BYTE_ARRAY)
                    .with_logical_type(Some(LogicalType::String))
                    .with_converted_type(ConvertedType::UTF8),
                Kind::Int => Type::primitive_type_builder(name, Physical::INT64),
                Kind::Float => Type::primitive_type_builder(name, Physical::DOUBLE),
            };
            Ok(Arc::new(b.with_repetition(Repetition::OPTIONAL).build()?))
        })
        .collect::<Result<Vec<_>, ExportError>>()?;
    Ok(Type::group_type_builder("event")
        .with_fields(fields)
        .build()?)
}

/// Definition levels (1 present, 0 null) and the present values.
fn split<T>(cells: impl Iterator<Item = Option<T>>) -> (Vec<T>, Vec<i16>) {
    let mut values = Vec::new();
    let mut levels = Vec::new();
    for c in cells {
        levels.push(i16::from(c.is_some()));
        values.extend(c);
    }
    (values, levels)
}

pub fn parquet<W: Write + Send>(events: &[StoredEvent], out: W) -> Result<(), ExportError> {
    let props = WriterProperties::builder()
        .set_compression(Compression::SNAPPY)
        .build();
    let mut writer = SerializedFileWriter::new(out, Arc::new(schema()?), Arc::new(props))?;
    let records: Vec<Vec<Cell>> = events.iter().map(record).collect();
    let mut group = writer.next_row_group()?;
    let mut col = 0;
    while let Some(mut column) = group.next_column()? {
        let cells = records.iter().map(|r| &r[col]);
        match column.untyped() {
            ColumnWriter::ByteArrayColumnWriter(w) => {
                let (v, l) = split(cells.map(|c| match c {
                    Cell::Text(s) => s.as_deref().map(ByteArray::from),
                    _ => None,
                }));
                w.write_batch(&v, Some(&l), None)?;
            }
            ColumnWriter::Int64ColumnWriter(w) => {
                let (v, l) = split(cells.map(|c| match c {
                    Cell::Int(i) => *i,
                    _ => None,
                }));
                w.write_batch(&v, Some(&l), None)?;
            }
            ColumnWriter::DoubleColumnWriter(w) => {
                let (v, l) = split(cells.map(|c| match c {
                    Cell::Float(f) => *f,
                    _ => None,
                }));
                w.write_batch(&v, Some(&l), None)?;
            }
            _ => unreachable!("the schema has only BYTE_ARRAY, INT64 and DOUBLE columns"),
        }
        column.close()?;
        col += 1;
    }
    group.close()?;
    writer.close()?;
    Ok(())
}
