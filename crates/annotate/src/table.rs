//! Reading the tab-separated reference files under `data/extract/`.
//!
//! Every layer's vocabulary is data, not code: one row a line, fields split
//! by tabs, `#` starts a comment line, blank lines are ignored.

use std::borrow::Cow;

use crate::AnnotateError;

/// One data row: its 1-based line number (for error messages) and fields.
pub struct Row<'a> {
    pub line: usize,
    pub fields: Vec<&'a str>,
}

impl<'a> Row<'a> {
    /// Field `i`, trimmed; an empty string when the row is shorter.
    pub fn get(&self, i: usize) -> &'a str {
        self.fields.get(i).map(|f| f.trim()).unwrap_or("")
    }

    /// Field `i`, or an error naming the file and line.
    pub fn need(&self, i: usize, file: &str, what: &str) -> Result<&'a str, AnnotateError> {
        let f = self.get(i);
        if f.is_empty() {
            return Err(AnnotateError::data(
                file,
                self.line,
                format!("missing {what}"),
            ));
        }
        Ok(f)
    }
}

/// Loads data file `name` through `dateline_refdata`.
pub fn load(name: &str) -> Result<Cow<'static, str>, AnnotateError> {
    Ok(dateline_refdata::load_text(name)?)
}

/// The data rows of `text`.
pub fn rows(text: &str) -> impl Iterator<Item = Row<'_>> {
    text.lines().enumerate().filter_map(|(i, line)| {
        let t = line.trim();
        if t.is_empty() || t.starts_with('#') {
            return None;
        }
        Some(Row {
            line: i + 1,
            fields: line.split('\t').collect(),
        })
    })
}

/// Splits a `|`-separated list field, dropping empty items and the "-"
/// that marks an empty field (a lone hyphen would match every hyphen).
pub fn list(field: &str) -> impl Iterator<Item = &str> {
    field
        .split('|')
        .map(str::trim)
        .filter(|s| !s.is_empty() && *s != "-")
}
