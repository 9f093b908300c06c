//! The one way Dateline loads its reference data.
//!
//! Reference data (gazetteer, actor dictionary, trigger lexicon, page
//! furniture vocabulary, ...) lives as files under the repository's `data/`
//! folder, each with its provenance and licence in `data/README.md`. The
//! files are compiled into the binary so that `dateline` runs anywhere on its
//! own; setting `DATELINE_DATA=DIR` loads them from `DIR` instead, so a user
//! can try an edited dictionary without rebuilding.

use std::borrow::Cow;
use std::path::PathBuf;

/// Environment variable naming a folder that overrides the embedded files.
pub const DATA_DIR_VAR: &str = "DATELINE_DATA";

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("unknown reference data file {0:?}")]
    Unknown(String),
    #[error("reading reference data {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("reference data {0:?} is not UTF-8")]
    NotUtf8(String),
}

/// Every data file the binary carries, by its path under `data/`.
const EMBEDDED: &[(&str, &[u8])] = &[
    (
        "clean/bylines.tsv",
        include_bytes!("../../../data/clean/bylines.tsv"),
    ),
    (
        "clean/captions.tsv",
        include_bytes!("../../../data/clean/captions.tsv"),
    ),
    (
        "clean/date_cues.tsv",
        include_bytes!("../../../data/clean/date_cues.tsv"),
    ),
    (
        "clean/furniture.tsv",
        include_bytes!("../../../data/clean/furniture.tsv"),
    ),
    (
        "clean/html_hints.tsv",
        include_bytes!("../../../data/clean/html_hints.tsv"),
    ),
    (
        "clean/languages.tsv",
        include_bytes!("../../../data/clean/languages.tsv"),
    ),
    (
        "clean/months.tsv",
        include_bytes!("../../../data/clean/months.tsv"),
    ),
    (
        "clean/stopwords.tsv",
        include_bytes!("../../../data/clean/stopwords.tsv"),
    ),
    (
        "extract/abbreviations.tsv",
        include_bytes!("../../../data/extract/abbreviations.tsv"),
    ),
    (
        "extract/actors.tsv",
        include_bytes!("../../../data/extract/actors.tsv"),
    ),
    (
        "extract/casualties.tsv",
        include_bytes!("../../../data/extract/casualties.tsv"),
    ),
    (
        "extract/countries.tsv",
        include_bytes!("../../../data/extract/countries.tsv"),
    ),
    (
        "extract/cues.tsv",
        include_bytes!("../../../data/extract/cues.tsv"),
    ),
    (
        "extract/dates.tsv",
        include_bytes!("../../../data/extract/dates.tsv"),
    ),
    (
        "extract/numbers.tsv",
        include_bytes!("../../../data/extract/numbers.tsv"),
    ),
    (
        "extract/sources.tsv",
        include_bytes!("../../../data/extract/sources.tsv"),
    ),
    (
        "extract/triggers.tsv",
        include_bytes!("../../../data/extract/triggers.tsv"),
    ),
    (
        "gazetteer/context.tsv",
        include_bytes!("../../../data/gazetteer/context.tsv"),
    ),
    (
        "gazetteer/gazetteer.bin",
        include_bytes!("../../../data/gazetteer/gazetteer.bin"),
    ),
    (
        "gazetteer/translit.tsv",
        include_bytes!("../../../data/gazetteer/translit.tsv"),
    ),
];

/// The bytes of data file `name` (a path under `data/`, such as
/// `"actors.tsv"`): from `$DATELINE_DATA/name` when that variable is set and
/// the file exists there, else the copy compiled into the binary.
pub fn load(name: &str) -> Result<Cow<'static, [u8]>, Error> {
    if let Some(dir) = std::env::var_os(DATA_DIR_VAR) {
        let path = PathBuf::from(dir).join(name);
        if path.exists() {
            return std::fs::read(&path)
                .map(Cow::Owned)
                .map_err(|source| Error::Io { path, source });
        }
    }
    EMBEDDED
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, bytes)| Cow::Borrowed(*bytes))
        .ok_or_else(|| Error::Unknown(name.to_string()))
}

/// Data file `name` as text.
pub fn load_text(name: &str) -> Result<Cow<'static, str>, Error> {
    match load(name)? {
        Cow::Borrowed(b) => std::str::from_utf8(b)
            .map(Cow::Borrowed)
            .map_err(|_| Error::NotUtf8(name.to_string())),
        Cow::Owned(v) => String::from_utf8(v)
            .map(Cow::Owned)
            .map_err(|_| Error::NotUtf8(name.to_string())),
    }
}

/// The names of every embedded data file.
pub fn names() -> impl Iterator<Item = &'static str> {
    EMBEDDED.iter().map(|(n, _)| *n)
}
