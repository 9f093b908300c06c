//! Dateline's first stage: reads news inputs into [`RawDocument`]s.
//!
//! An input is a file, a directory (walked recursively in sorted order, so
//! that the same inputs always give the same documents in the same order),
//! `-` for stdin, or bytes handed over in memory. Formats: plain text,
//! HTML, JSON Lines, RSS/Atom feeds, WARC; any of them gzipped. Whatever
//! the encoding (UTF-8, UTF-16, windows-1256, ISO-8859-1, ...) the
//! document text comes out as UTF-8.
//!
//! Every failure is an [`InputError`] naming the input and the problem;
//! a bad part of an input (a JSON line, a feed item, a WARC record) fails
//! alone. Nothing here panics on any input.
//!
//! File-level metadata (publication date, outlet, url) comes from a
//! [`Manifest`] keyed by file name, else from [`ReadOptions::defaults`];
//! WARC records and feed or JSON items add their own. Dates stated inside a
//! page (its meta tags, its text) are clean's business.

mod bytes;
mod decode;
mod error;
mod feed;
mod format;
mod jsonl;
mod manifest;
mod options;
mod walk;
mod warc;

use dateline_model::{InputFormat, RawDocument, SourceMeta};

pub use error::{Error, InputError, Problem};
pub use manifest::Manifest;
pub use options::{offer_date, overlay, ReadOptions, DEFAULT_MAX_BYTES};
pub use walk::{read_paths, STDIN_NAME};

/// Reads one in-memory input named `source` (its file name decides the
/// format, else its first bytes do) with file-level metadata `meta`.
/// All or nothing: the first failing part fails the whole input, as suits
/// a request that should be answered with one error. [`read_parts`] keeps
/// the good parts instead.
pub fn read_bytes(
    source: &str,
    bytes: &[u8],
    meta: SourceMeta,
    opts: &ReadOptions,
) -> Result<Vec<RawDocument>, InputError> {
    read_parts(source, bytes, meta, opts).into_iter().collect()
}

/// Reads one in-memory input like [`read_bytes`], one result per part.
pub fn read_parts(
    source: &str,
    bytes: &[u8],
    meta: SourceMeta,
    opts: &ReadOptions,
) -> Vec<Result<RawDocument, InputError>> {
    parts(source, source, bytes, &meta, opts.max_bytes)
}

/// Reads `bytes`; `input` names it in errors, `source` is its file name.
fn parts(
    input: &str,
    source: &str,
    bytes: &[u8],
    meta: &SourceMeta,
    limit: u64,
) -> Vec<Result<RawDocument, InputError>> {
    documents(source, bytes, meta, limit)
        .into_iter()
        .map(|r| r.map_err(|problem| InputError::new(input, problem)))
        .collect()
}

fn documents(
    source: &str,
    bytes: &[u8],
    meta: &SourceMeta,
    limit: u64,
) -> Vec<Result<RawDocument, Problem>> {
    let whole = |problem| vec![Err(problem)];
    if bytes.len() as u64 > limit {
        return whole(Problem::TooLarge {
            size: bytes.len() as u64,
            limit,
        });
    }
    if bytes.is_empty() {
        return whole(Problem::Empty);
    }
    let (name, gz_name) = format::strip_gz(source);
    let inflated;
    let data = if gz_name || bytes::is_gzip(bytes) {
        match bytes::gunzip(bytes, limit) {
            Ok(data) => {
                inflated = data;
                &inflated[..]
            }
            Err(problem) => return whole(problem),
        }
    } else {
        bytes
    };
    let format = format::detect(name, data);
    if format == InputFormat::Warc {
        return warc::read(source, data, meta, limit);
    }
    if let Err(problem) = bytes::check_text(data) {
        return whole(problem);
    }
    let markup = matches!(format, InputFormat::Html | InputFormat::Feed);
    let text = decode::decode(data, None, markup);
    if text.trim().is_empty() {
        return whole(Problem::Empty);
    }
    match format {
        InputFormat::Jsonl => jsonl::read(source, &text, meta),
        InputFormat::Feed => feed::read(source, &text, meta),
        InputFormat::Text | InputFormat::Html | InputFormat::Warc => vec![Ok(RawDocument {
            source: source.to_string(),
            part: 0,
            format,
            text,
            meta: meta.clone(),
        })],
    }
}
