//! Annotation layers over a cleaned article's text: tokens, sentences,
//! date expressions, quantities with their casualty heads, and actor
//! mentions. Each layer is a module with its own tests and its own data
//! file under `data/extract/`, loaded through `dateline_refdata`; the
//! extractor (`dateline-extract`) reads events off these layers.

pub mod actors;
pub mod dates;
pub mod numbers;
pub mod phrases;
pub mod sentences;
mod table;
pub mod tokens;

pub use actors::{ActorKind, ActorMention, ActorTagger, MentionRole};
pub use dates::{DateKind, DateMention, DateReader};
pub use numbers::{Casualty, Category, HeadClass, NumberReader, Quantity, Side};
pub use phrases::PhraseSet;
pub use sentences::{Sentence, Splitter};
pub use table::{list as data_list, load as load_data, rows as data_rows, Row};
pub use tokens::{Kind, Tokens};

/// A reference data file could not be used.
#[derive(Debug, thiserror::Error)]
pub enum AnnotateError {
    #[error(transparent)]
    Refdata(#[from] dateline_refdata::Error),
    #[error(transparent)]
    Dates(#[from] dateline_dates::DatesError),
    #[error("{file} line {line}: {problem}")]
    Data {
        file: String,
        line: usize,
        problem: String,
    },
}

impl AnnotateError {
    pub fn data(file: &str, line: usize, problem: impl Into<String>) -> Self {
        AnnotateError::Data {
            file: file.to_string(),
            line,
            problem: problem.into(),
        }
    }
}
