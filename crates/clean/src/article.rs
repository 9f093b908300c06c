//! Building an [`Article`] from a segment of a page's lines.

use dateline_ingest::offer_date;
use dateline_model::{Article, DateOrigin, RawDocument, SourceMeta};

use crate::byline::{byline, dateline};
use crate::flat::{BodyBuilder, Flat, Hint};
use crate::html::PageMeta;
use crate::language::detect_language;
use crate::lines::{Kind, Line};
use crate::segment::Segment;
use crate::shape::{compare_key, TITLE_MAX_WORDS};
use crate::vocab::{DateKind, Vocab};

/// A subheading kept in a body is at most this long.
const SUBHEAD_MAX_WORDS: usize = 15;

pub struct Page<'a> {
    pub doc: &'a RawDocument,
    pub flat: &'a Flat<'a>,
    pub lines: &'a [Line],
    pub meta: Option<&'a PageMeta>,
    pub vocab: &'a Vocab,
}

impl Page<'_> {
    fn text(&self, i: usize) -> &str {
        self.lines[i].text(self.flat)
    }

    /// The article a segment holds (numbered by the caller).
    pub fn article(&self, seg: &Segment, only: bool) -> Article {
        let header = seg.start..seg.body_start;
        let zone = seg.start..seg.close;
        let title = self.title(header, only);
        let title_key = title.as_deref().map(compare_key);

        let mut captions = Vec::new();
        let mut author = None;
        let mut dates: Vec<(DateKind, chrono::NaiveDate)> = Vec::new();
        for i in zone.clone() {
            let line = &self.lines[i];
            match line.kind {
                Kind::Caption => captions.push(squeeze(self.text(i))),
                Kind::Byline if author.is_none() => {
                    let text = self.text(i);
                    author = Some(byline(text, self.vocab).unwrap_or(text).to_string());
                }
                Kind::Date(date, kind) => dates.push((kind, date)),
                _ => {}
            }
        }
        dates.sort_by_key(|&(kind, _)| kind);

        let mut body = BodyBuilder::new(self.flat);
        let mut city = None;
        for i in self.body_lines(seg) {
            let (start, end) = (self.lines[i].start, self.lines[i].end);
            // Repeated headlines are dropped (only short lines can be one).
            let repeat = self.lines[i].words <= TITLE_MAX_WORDS
                && title_key.as_deref() == Some(compare_key(self.text(i)).as_str());
            if repeat {
                continue;
            }
            if i == seg.body_start {
                if let Some((name, skip)) = dateline(self.text(i), self.vocab) {
                    city = Some(name);
                    body.paragraph(start + skip, end);
                    continue;
                }
            }
            body.paragraph(start, end);
        }

        let mut meta = self.doc.meta.clone();
        if let Some(page) = self.meta {
            if let Some(date) = page.published {
                offer_date(&mut meta, date, DateOrigin::Meta);
            }
        }
        if let Some(&(_, date)) = dates.first() {
            offer_date(&mut meta, date, DateOrigin::Text);
        }
        let SourceMeta {
            url,
            published,
            published_from,
            outlet,
            ..
        } = meta;
        let page = self.meta;
        Article {
            source: self.doc.source.clone(),
            index: 0,
            title,
            dateline: city,
            byline: author.or_else(|| page.and_then(|p| p.author.clone())),
            published,
            published_from,
            outlet: outlet.or_else(|| page.and_then(|p| p.site_name.clone())),
            url: url.or_else(|| page.and_then(|p| p.url.clone())),
            language: detect_language(&body.text, self.vocab),
            text: body.text,
            captions,
            offsets: body.offsets,
        }
    }

    /// The headline: one the input stated (a feed or JSON item's title)
    /// when this is the input's only article; else from the header lines: the
    /// one the page's meta title starts with, a line the markup marks as the
    /// headline, a line the header repeats, or the headline-like line nearest
    /// the body (preferring three words or more over section names); else
    /// the page's meta title.
    fn title(&self, header: std::ops::Range<usize>, only: bool) -> Option<String> {
        if only {
            if let Some(title) = &self.doc.meta.title {
                return Some(title.clone());
            }
        }
        let candidates: Vec<usize> = header
            .filter(|&i| self.lines[i].is_title_like(self.flat))
            .collect();
        let meta_key = self
            .meta
            .and_then(|p| p.title.as_deref())
            .map(compare_key)
            .filter(|k| !k.is_empty());
        let in_meta = || {
            let meta_key = meta_key.as_deref()?;
            candidates.iter().rev().find(|&&i| {
                let key = compare_key(self.text(i));
                self.lines[i].words >= 3 && meta_key.starts_with(&key)
            })
        };
        let marked = || {
            candidates
                .iter()
                .rev()
                .find(|&&i| self.lines[i].hint == Some(Hint::Title))
        };
        let repeated = || {
            candidates.iter().find(|&&i| {
                let key = compare_key(self.text(i));
                candidates
                    .iter()
                    .any(|&j| j != i && compare_key(self.text(j)) == key)
            })
        };
        let nearest = || {
            candidates
                .iter()
                .rev()
                .find(|&&i| self.lines[i].words >= 3)
                .or(candidates.last())
        };
        in_meta()
            .or_else(marked)
            .or_else(repeated)
            .or_else(nearest)
            .map(|&i| squeeze(self.text(i)))
            .or_else(|| {
                only.then(|| self.meta.and_then(|p| p.title.clone()))
                    .flatten()
            })
    }

    /// The body's lines in page order: its prose, and the subheadings that
    /// stand between two of its paragraphs.
    fn body_lines(&self, seg: &Segment) -> Vec<usize> {
        let mut out = Vec::with_capacity(seg.body.len());
        let mut prose = seg.body.iter().peekable();
        for i in seg.body_start..seg.close {
            if prose.peek() == Some(&&i) {
                prose.next();
                out.push(i);
                continue;
            }
            let line = &self.lines[i];
            let between = out.last() == Some(&(i - 1)) && prose.peek() == Some(&&(i + 1));
            let subhead = line.kind == Kind::Short
                && line.words <= SUBHEAD_MAX_WORDS
                && line.is_title_like(self.flat);
            if between && subhead {
                out.push(i);
            }
        }
        out
    }
}

/// `s` with whitespace runs squeezed to single spaces.
pub fn squeeze(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
