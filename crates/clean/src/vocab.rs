//! The reference data clean reads: furniture phrases, caption cues, date
//! cues, month names, byline cues, HTML class hints, language codes. All of
//! it lives in `data/clean/*.tsv`, loaded once through dateline-refdata.

use std::collections::{HashMap, HashSet};

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use dateline_dates::DateParser;
use rustc_hash::FxHashMap;

use crate::Error;

/// How a furniture phrase marks a line (see `data/clean/furniture.tsv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Furniture {
    Tiny,
    Short,
    Any,
    End,
}

/// How a phrase marks a short line as furniture.
#[derive(Clone, Copy)]
enum ShortCue {
    /// On lines of at most 3 words.
    Tiny,
    /// On lines of at most 12 words.
    Short,
    /// A time stamp ("2 hours ago"): on lines of at most 5 words, or up to
    /// 12 that do not end as a sentence does.
    Stamp,
}

/// Whether a date cue introduces the first publication or an update.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum DateKind {
    Published,
    Updated,
}

pub struct Vocab {
    /// Whole-line furniture, lowercase.
    pub exact: HashSet<String>,
    /// Phrases that count on lines of any length: furniture of kinds `any`
    /// and `end`, caption phrases, date cues. One scan finds them all.
    long_phrases: AhoCorasick,
    long_cues: Vec<Cue>,
    /// Furniture phrases that count only on short lines.
    short_phrases: AhoCorasick,
    short_kinds: Vec<ShortCue>,
    /// Photo credits, as written (case matters: "AP", not "ap").
    pub credits: Vec<String>,
    /// Full dates as written, with the one month table.
    pub dates: DateParser,
    /// Byline lead-ins, lowercase, longest first.
    pub byline_cues: Vec<String>,
    pub not_dateline: HashSet<String>,
    html_hints: AhoCorasick,
    html_hint_kinds: Vec<ClassHint>,
    pub languages: HashMap<String, String>,
    /// Function words: each word's languages as bits into `stop_langs`
    /// (hashed with FxHash: every article looks up its first 60 words).
    pub stopwords: FxHashMap<String, u32>,
    pub stop_langs: Vec<String>,
}

/// Rows of a data file: tab-separated fields, `#` comments and blank lines
/// skipped; every row must have `columns` fields.
fn rows(name: &str, columns: usize) -> Result<Vec<Vec<String>>, Error> {
    let text = dateline_refdata::load_text(name)?;
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let fields: Vec<String> = line.split('\t').map(str::to_string).collect();
        if fields.len() != columns || fields.iter().any(|f| f.is_empty()) {
            return Err(Error::Data {
                file: name.to_string(),
                line: i + 1,
                problem: format!("expected {columns} tab-separated fields"),
            });
        }
        out.push(fields);
    }
    Ok(out)
}

fn bad(file: &str, value: &str) -> Error {
    Error::Data {
        file: file.to_string(),
        line: 0,
        problem: format!("unknown kind {value:?}"),
    }
}

fn automaton<I, P>(patterns: I) -> Result<AhoCorasick, Error>
where
    I: IntoIterator<Item = P>,
    P: AsRef<[u8]>,
{
    AhoCorasickBuilder::new()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::Standard)
        .build(patterns)
        .map_err(|e| Error::Data {
            file: "clean vocabulary".to_string(),
            line: 0,
            problem: e.to_string(),
        })
}

impl Vocab {
    pub fn load() -> Result<Vocab, Error> {
        const FURNITURE: &str = "clean/furniture.tsv";
        let mut exact = HashSet::new();
        let (mut long, mut long_cues) = (Vec::new(), Vec::new());
        let (mut short, mut short_kinds) = (Vec::new(), Vec::new());
        for row in rows(FURNITURE, 2)? {
            let phrase = row[0].to_lowercase();
            match row[1].as_str() {
                "exact" => {
                    exact.insert(phrase);
                }
                "tiny" | "short" | "stamp" => {
                    short.push(phrase);
                    short_kinds.push(match row[1].as_str() {
                        "tiny" => ShortCue::Tiny,
                        "short" => ShortCue::Short,
                        _ => ShortCue::Stamp,
                    });
                }
                "any" | "end" => {
                    long.push(phrase);
                    long_cues.push(Cue::Furniture(if row[1] == "any" {
                        Furniture::Any
                    } else {
                        Furniture::End
                    }));
                }
                other => return Err(bad(FURNITURE, other)),
            }
        }

        const CAPTIONS: &str = "clean/captions.tsv";
        let mut credits = Vec::new();
        for row in rows(CAPTIONS, 2)? {
            match row[1].as_str() {
                "credit" => credits.push(row[0].clone()),
                "phrase" => {
                    long.push(row[0].to_lowercase());
                    long_cues.push(Cue::Caption);
                }
                other => return Err(bad(CAPTIONS, other)),
            }
        }

        const DATES: &str = "clean/date_cues.tsv";
        for row in rows(DATES, 3)? {
            let at_start = match row[1].as_str() {
                "start" => true,
                "any" => false,
                other => return Err(bad(DATES, other)),
            };
            let kind = match row[2].as_str() {
                "published" => DateKind::Published,
                "updated" => DateKind::Updated,
                other => return Err(bad(DATES, other)),
            };
            long.push(row[0].to_lowercase());
            long_cues.push(Cue::Date(at_start, kind));
        }

        const BYLINES: &str = "clean/bylines.tsv";
        let (mut byline_cues, mut not_dateline) = (Vec::new(), HashSet::new());
        for row in rows(BYLINES, 2)? {
            match row[1].as_str() {
                "byline" => byline_cues.push(row[0].to_lowercase()),
                "not-dateline" => {
                    not_dateline.insert(row[0].clone());
                }
                other => return Err(bad(BYLINES, other)),
            }
        }
        byline_cues.sort_by_key(|c| std::cmp::Reverse(c.len()));

        const HINTS: &str = "clean/html_hints.tsv";
        let (mut hints, mut html_hint_kinds) = (Vec::new(), Vec::new());
        for row in rows(HINTS, 2)? {
            html_hint_kinds.push(match row[1].as_str() {
                "container" => ClassHint::Container,
                "positive" => ClassHint::Positive,
                "negative" => ClassHint::Negative,
                other => return Err(bad(HINTS, other)),
            });
            hints.push(row[0].to_lowercase());
        }

        let languages = rows("clean/languages.tsv", 2)?
            .into_iter()
            .map(|mut row| (row.swap_remove(0), row.swap_remove(0)))
            .collect();

        const STOPWORDS: &str = "clean/stopwords.tsv";
        let (mut stopwords, mut stop_langs) = (FxHashMap::default(), Vec::<String>::new());
        for row in rows(STOPWORDS, 2)? {
            let bit = match stop_langs.iter().position(|l| *l == row[0]) {
                Some(i) => i,
                None if stop_langs.len() < 32 => {
                    stop_langs.push(row[0].clone());
                    stop_langs.len() - 1
                }
                None => return Err(bad(STOPWORDS, "more than 32 languages")),
            };
            *stopwords.entry(row[1].to_lowercase()).or_insert(0u32) |= 1 << bit;
        }

        Ok(Vocab {
            exact,
            long_phrases: automaton(&long)?,
            long_cues,
            short_phrases: automaton(&short)?,
            short_kinds,
            credits,
            dates: DateParser::load()?,
            byline_cues,
            not_dateline,
            html_hints: automaton(&hints)?,
            html_hint_kinds,
            languages,
            stopwords,
            stop_langs,
        })
    }

    /// The cues in `line` (of `words` words): its strongest furniture
    /// phrase (tiny phrases count only on lines of up to 3 words, short
    /// ones up to 12), whether it has a caption phrase, and its date cue
    /// (line-start cues count only at the start).
    pub fn cues(&self, line: &str, words: usize) -> LineCues {
        let mut out = LineCues::default();
        for m in self.long_phrases.find_iter(line) {
            match self.long_cues[m.pattern().as_usize()] {
                Cue::Furniture(kind) => {
                    out.furniture = out.furniture.max(Some(kind));
                    out.long_furniture_at = Some(
                        out.long_furniture_at
                            .map_or(m.start(), |at| at.min(m.start())),
                    );
                }
                Cue::Caption => out.caption = true,
                Cue::Date(at_start, kind) => {
                    let boundary = line[m.end()..]
                        .chars()
                        .next()
                        .is_none_or(|c| !c.is_alphanumeric());
                    if boundary && (!at_start || m.start() == 0) {
                        let cue = Some((kind, m.end(), at_start));
                        out.date = match out.date {
                            Some(old) if old <= (kind, m.end(), at_start) => Some(old),
                            _ => cue,
                        };
                    }
                }
            }
        }
        if words <= 12 {
            for m in self.short_phrases.find_iter(line) {
                let kind = match self.short_kinds[m.pattern().as_usize()] {
                    ShortCue::Tiny if words <= 3 => Furniture::Tiny,
                    ShortCue::Short => Furniture::Short,
                    // "Updated 2 hours ago" is a stamp; "Gunmen attacked
                    // the town two days ago, killing three." is the story.
                    ShortCue::Stamp
                        if words <= 5 || !line.trim_end().ends_with(['.', '!', '?']) =>
                    {
                        Furniture::Short
                    }
                    _ => continue,
                };
                out.furniture = out.furniture.max(Some(kind));
            }
        }
        out
    }

    /// What an element's class and id words say about it: its score weight
    /// (+25 story words, -25 chrome words) and whether it is chrome to skip
    /// (a chrome word and no container word). `class_and_id` is the
    /// lowercase class and id values, space-separated and space-padded.
    pub fn class_hint(&self, class_and_id: &str) -> (i32, bool) {
        let (mut container, mut positive, mut negative) = (false, false, false);
        for m in self.html_hints.find_overlapping_iter(class_and_id) {
            match self.html_hint_kinds[m.pattern().as_usize()] {
                ClassHint::Container => container = true,
                ClassHint::Positive => positive = true,
                ClassHint::Negative => negative = true,
            }
        }
        let weight = 25 * (i32::from(container || positive) - i32::from(negative));
        (weight, negative && !container)
    }
}

/// What a phrase found in a line means.
#[derive(Clone, Copy)]
enum Cue {
    Furniture(Furniture),
    Caption,
    /// A date cue: whether it counts only at the line's start, and its kind.
    Date(bool, DateKind),
}

/// The cues one line carries.
#[derive(Debug, Default)]
pub struct LineCues {
    pub furniture: Option<Furniture>,
    /// Where the first phrase of kind `any` or `end` starts.
    pub long_furniture_at: Option<usize>,
    pub caption: bool,
    /// The date cue: its kind, where the text after it starts, and
    /// whether it is a line-start cue.
    pub date: Option<(DateKind, usize, bool)>,
}

#[derive(Clone, Copy)]
enum ClassHint {
    Container,
    Positive,
    Negative,
}
