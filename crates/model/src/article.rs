use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Where an article's publication date came from; a date stated in the
/// article's own text wins over everything a crawler supplied.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DateOrigin {
    /// Stated in the article text ("Updated 03 October 2017").
    Text,
    /// HTML meta tags, JSON-LD, `<time datetime>`, feed item dates.
    Meta,
    /// A manifest line keyed by file name.
    Manifest,
    /// The WARC record's date.
    Warc,
    /// `--published` on the command line.
    Cli,
}

impl DateOrigin {
    /// Whether a date from `self` should replace one from `other`: the
    /// article's own text beats its markup, which beats what a crawler or the
    /// user supplied about the file (manifest, then WARC record, then
    /// `--published`), because the closer a date is to the story the more
    /// likely it is the story's.
    pub fn outranks(self, other: DateOrigin) -> bool {
        self.rank() < other.rank()
    }

    fn rank(self) -> u8 {
        match self {
            DateOrigin::Text => 0,
            DateOrigin::Meta => 1,
            DateOrigin::Manifest => 2,
            DateOrigin::Warc => 3,
            DateOrigin::Cli => 4,
        }
    }
}

/// The shape of an input, decided from its name and first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum InputFormat {
    Text,
    Html,
    Jsonl,
    Feed,
    Warc,
}

/// What a crawler (or the user) knows about a document before reading it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SourceMeta {
    pub url: Option<String>,
    pub published: Option<NaiveDate>,
    pub published_from: Option<DateOrigin>,
    pub outlet: Option<String>,
    pub title: Option<String>,
}

/// One unit of input after decoding: a file, a JSON line, a feed item or a
/// WARC record. `text` is valid UTF-8 whatever the input's encoding was;
/// for HTML it is still HTML. Serialisable so that work queues can carry
/// it between machines.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RawDocument {
    /// The input file's name (not its path): the key manifests and gold use.
    pub source: String,
    /// Position of this document inside its input (JSON line, feed item,
    /// WARC record); 0 for a plain file.
    pub part: u32,
    pub format: InputFormat,
    pub text: String,
    pub meta: SourceMeta,
}

/// Maps byte offsets in a cleaned article body back to byte offsets in the
/// text it was cut from. Stored as sorted runs: `(clean_start, orig_start,
/// len)`; text inside a run was copied verbatim.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OffsetMap {
    pub runs: Vec<(u32, u32, u32)>,
}

impl OffsetMap {
    /// Adds a verbatim run; runs must be pushed in order of `clean_start`.
    pub fn push(&mut self, clean_start: usize, orig_start: usize, len: usize) {
        self.runs
            .push((clean_start as u32, orig_start as u32, len as u32));
    }

    /// The original offset of a cleaned offset, if it falls inside a run.
    pub fn to_original(&self, clean: usize) -> Option<usize> {
        let clean = clean as u32;
        let i = self.runs.partition_point(|&(start, _, _)| start <= clean);
        let &(start, orig, len) = self.runs.get(i.checked_sub(1)?)?;
        (clean <= start + len).then(|| (orig + clean - start) as usize)
    }
}

/// One cleaned news article: the story's own text and its metadata.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Article {
    pub source: String,
    /// Numbers the articles found in one input, from 0.
    pub index: u32,
    pub title: Option<String>,
    /// The dateline city ("BEIRUT"), as printed.
    pub dateline: Option<String>,
    pub byline: Option<String>,
    pub published: Option<NaiveDate>,
    pub published_from: Option<DateOrigin>,
    pub outlet: Option<String>,
    pub url: Option<String>,
    /// ISO 639-1 code, detected.
    pub language: Option<String>,
    /// The story body, furniture removed, paragraphs separated by blank lines.
    pub text: String,
    /// Photo captions: text on the page, but not the story.
    #[serde(default)]
    pub captions: Vec<String>,
    #[serde(default)]
    pub offsets: OffsetMap,
}

impl Article {
    /// A minimal article from plain text, for tests and for `--verbatim`.
    pub fn from_text(source: impl Into<String>, text: impl Into<String>) -> Self {
        let text = text.into();
        let mut offsets = OffsetMap::default();
        offsets.push(0, 0, text.len());
        Article {
            source: source.into(),
            index: 0,
            title: None,
            dateline: None,
            byline: None,
            published: None,
            published_from: None,
            outlet: None,
            url: None,
            language: None,
            text,
            captions: Vec::new(),
            offsets,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offset_map_finds_runs() {
        let mut m = OffsetMap::default();
        m.push(0, 10, 5);
        m.push(7, 40, 3);
        assert_eq!(m.to_original(0), Some(10));
        assert_eq!(m.to_original(4), Some(14));
        assert_eq!(m.to_original(6), None);
        assert_eq!(m.to_original(8), Some(41));
    }
}
