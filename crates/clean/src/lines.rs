//! Cutting flat text into lines and saying what each line is.

use chrono::NaiveDate;

use crate::byline::byline;
use crate::caption::is_caption;
use crate::flat::{Flat, Hint};
use crate::shape::{
    ends_sentence, exact_key, has_icon_token, has_lower_or_caseless, is_title_like, no_letters,
    separator_count, word_count,
};
use crate::vocab::{DateKind, Furniture, Vocab};

/// What a line is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Site chrome, boilerplate, tickers, ids: never story text.
    Furniture,
    /// Furniture that closes the story (comment box, disclaimer, footer).
    End,
    Caption,
    /// A line stating the page's date ("Updated 03 October 2017").
    Date(NaiveDate, DateKind),
    Byline,
    /// A story paragraph.
    Prose,
    /// Anything else short: headlines, subheadings, section names, names.
    Short,
}

/// One non-blank line of flat text.
#[derive(Debug, Clone)]
pub struct Line {
    /// Byte range in the flat text, surrounding whitespace trimmed.
    pub start: usize,
    pub end: usize,
    pub words: usize,
    pub kind: Kind,
    pub hint: Option<Hint>,
    /// The story closes after this line: its tail was closing furniture
    /// (cut off, see [`LONG_LINE_WORDS`]).
    pub closes: bool,
}

impl Line {
    pub fn text<'t>(&self, flat: &'t Flat) -> &'t str {
        &flat.text[self.start..self.end]
    }

    /// Whether this line could be a headline (or a subheading): a short
    /// line shaped like one, or a short question or exclamation ("Where
    /// are the militants going?"), which reads as prose by its stop.
    pub fn is_title_like(&self, flat: &Flat) -> bool {
        match self.kind {
            Kind::Short => is_title_like(self.text(flat), self.words),
            Kind::Prose if self.hint == Some(Hint::Title) => true,
            Kind::Prose => {
                let text = self.text(flat);
                self.words <= HEADLINE_MAX_WORDS
                    && text.ends_with(['?', '!', '؟'])
                    && is_title_like(text, self.words)
            }
            _ => false,
        }
    }
}

/// A question or exclamation this short may be a headline.
const HEADLINE_MAX_WORDS: usize = 15;
/// Prose needs this many words when it ends like a sentence...
const PROSE_MIN_WORDS: usize = 4;
/// ...and this many when it does not (a paragraph cut off mid-sentence).
const PROSE_LONG_WORDS: usize = 20;
/// A line with a caption phrase ("Photo courtesy of") is a caption up to
/// this long; longer, it is a paragraph that mentions a photo...
const CAPTION_PHRASE_MAX_WORDS: usize = 60;
/// ...and one ending with a credit is a caption up to this long.
const CAPTION_MAX_WORDS: usize = 80;
/// Past this many words, a line with furniture in it is a paragraph with
/// furniture glued to its end, and loses only that end (if at least half
/// this many words remain).
const LONG_LINE_WORDS: usize = 60;
/// A line of only a date (and weekday, time) is at most this long.
const BARE_DATE_MAX_WORDS: usize = 6;
/// Date lines ("Updated 03 October 2017 10:43") are short.
const DATE_LINE_MAX_WORDS: usize = 15;

/// The non-blank lines of `flat`, classified.
pub fn lines(flat: &Flat, vocab: &Vocab) -> Vec<Line> {
    let text = &*flat.text;
    let mut out = Vec::new();
    let mut pos = 0;
    for raw in text.split_inclusive('\n') {
        let lead = raw.len() - raw.trim_start().len();
        let body = raw.trim();
        if !body.is_empty() {
            let start = pos + lead;
            let hint = flat.hint_at(start);
            let words = word_count(body);
            let (kind, keep, closes) = match classify(body, words, hint, vocab) {
                Class::Whole(kind) => (kind, body.len(), false),
                Class::Head { len, closes } => (Kind::Prose, len, closes),
            };
            out.push(Line {
                start,
                end: start + keep,
                words: if keep == body.len() {
                    words
                } else {
                    word_count(&body[..keep])
                },
                kind,
                hint,
                closes,
            });
        }
        pos += raw.len();
    }
    out
}

/// Where the sentence holding byte `at` of `line` starts (after the last
/// sentence stop and space before it), trailing space excluded from what
/// comes before.
fn sentence_start(line: &str, at: usize) -> usize {
    let head = &line[..at];
    let mut cut = 0;
    for (i, c) in head.char_indices() {
        if c.is_whitespace() && ends_sentence(&head[..i]) {
            cut = i;
        }
    }
    head[..cut].trim_end().len()
}

/// A date starting within the first words after a date cue, so that a
/// cue word followed by unrelated text and a date much later is not one.
fn date_near(after_cue: &str, vocab: &Vocab) -> Option<NaiveDate> {
    const WINDOW_WORDS: usize = 10;
    let end = after_cue
        .split_whitespace()
        .nth(WINDOW_WORDS)
        .map_or(after_cue.len(), |w| {
            w.as_ptr() as usize - after_cue.as_ptr() as usize
        });
    vocab.dates.find(&after_cue[..end])
}

/// What a line is; for a long paragraph that ends in furniture (a wire
/// story's "Copyright ... All rights reserved." glued to its last
/// sentence), the length of its story part.
enum Class {
    Whole(Kind),
    Head { len: usize, closes: bool },
}

fn classify(line: &str, words: usize, hint: Option<Hint>, vocab: &Vocab) -> Class {
    match hint {
        Some(Hint::Caption) => return Class::Whole(Kind::Caption),
        Some(Hint::Byline) => return Class::Whole(Kind::Byline),
        _ => {}
    }
    if separator_count(line) >= 2 || no_letters(line) {
        return Class::Whole(Kind::Furniture);
    }
    let cues = vocab.cues(line, words);
    if let Some((kind, after, at_start)) = cues.date {
        if at_start && words > DATE_LINE_MAX_WORDS {
            // A paragraph that happens to start with "Updated ...".
        } else if let Some(date) = date_near(&line[after..], vocab) {
            return Class::Whole(Kind::Date(date, kind));
        }
    }
    // A bare date ("Tuesday, 3 October 2017") heads a story like a date line.
    if words <= BARE_DATE_MAX_WORDS && !ends_sentence(line) {
        if let Some(date) = vocab.dates.find(line) {
            return Class::Whole(Kind::Date(date, DateKind::Published));
        }
    }
    // Before furniture: "By Kim Lee · 3 hours ago" is a byline.
    if hint.is_none() && byline(line, vocab).is_some() {
        return Class::Whole(Kind::Byline);
    }
    if words <= 6 && vocab.exact.contains(&exact_key(line)) {
        return Class::Whole(Kind::Furniture);
    }
    if let (Some(at), true) = (cues.long_furniture_at, words > LONG_LINE_WORDS) {
        let len = sentence_start(line, at);
        if word_count(&line[..len]) >= LONG_LINE_WORDS / 2 {
            let closes = cues.furniture == Some(Furniture::End);
            return Class::Head { len, closes };
        }
    }
    match cues.furniture {
        Some(Furniture::End) => return Class::Whole(Kind::End),
        Some(_) => return Class::Whole(Kind::Furniture),
        None => {}
    }
    if words <= 12 && has_icon_token(line) {
        return Class::Whole(Kind::Furniture);
    }
    let caption = (cues.caption && words <= CAPTION_PHRASE_MAX_WORDS) || is_caption(line, vocab);
    if words <= CAPTION_MAX_WORDS && caption {
        return Class::Whole(Kind::Caption);
    }
    let lower = has_lower_or_caseless(line);
    let prose =
        lower && ((words >= PROSE_MIN_WORDS && ends_sentence(line)) || words >= PROSE_LONG_WORDS);
    if prose && !matches!(hint, Some(Hint::Title | Hint::Heading)) {
        return Class::Whole(Kind::Prose);
    }
    // A short label ("Just in:", "Tags:") introduces furniture.
    if line.ends_with(':') && words <= 4 {
        return Class::Whole(Kind::Furniture);
    }
    Class::Whole(Kind::Short)
}
