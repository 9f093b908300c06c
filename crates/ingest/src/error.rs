//! Errors: one per input (or part of an input) that could not be read.

use std::fmt;
use std::path::PathBuf;

/// Why a manifest could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}: line {line}: {problem}")]
    ManifestLine {
        path: PathBuf,
        line: usize,
        problem: String,
    },
}

/// One input, or one part of an input, that could not be read. Displays as
/// `<input>: <problem>` so a batch can report it on one line and go on.
#[derive(Debug)]
pub struct InputError {
    /// The input as the user named it (a path, `<stdin>`, a request name).
    pub input: String,
    pub problem: Problem,
}

impl InputError {
    pub fn new(input: impl Into<String>, problem: Problem) -> Self {
        InputError {
            input: input.into(),
            problem,
        }
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.input, self.problem)
    }
}

impl std::error::Error for InputError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.problem.source()
    }
}

/// What went wrong with an input.
#[derive(Debug, thiserror::Error)]
pub enum Problem {
    #[error("{0}")]
    Io(#[from] std::io::Error),
    #[error("empty file")]
    Empty,
    #[error("{size} bytes is over the {limit}-byte size limit")]
    TooLarge { size: u64, limit: u64 },
    #[error("decompressed size is over the {limit}-byte size limit")]
    InflatedTooLarge { limit: u64 },
    #[error("binary file ({0}), not text")]
    Binary(&'static str),
    #[error("truncated gzip stream at byte {at}")]
    TruncatedGzip { at: u64 },
    #[error("corrupt gzip stream at byte {at}: {message}")]
    CorruptGzip { at: u64, message: String },
    #[error("line {line}: {message}")]
    JsonLine { line: usize, message: String },
    #[error("WARC record at byte {offset}: {message}")]
    WarcRecord { offset: usize, message: String },
    #[error("feed item {item}: {message}")]
    FeedItem { item: usize, message: String },
    #[error("malformed XML at byte {at}: {message}")]
    Xml { at: u64, message: String },
    #[error("{0}")]
    Unsupported(String),
}
