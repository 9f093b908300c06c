//! Splitting a page's lines into articles: where each story's header,
//! body and close are.
//!
//! A story body is a run of prose lines. It starts at the page's first
//! prose line, or after a header: a headline-like line followed, before the
//! next prose, by a sign that a new story begins (the headline repeated, a
//! date line, a byline, or a first paragraph opening with a dateline). It
//! ends at a closing furniture line (comment box, disclaimer, footer), at
//! the author biographies some sites close with, at the next header, or at
//! the end of the page. Prose after a close and before a new header is
//! site furniture.

use crate::byline::dateline;
use crate::flat::{Flat, Hint};
use crate::lines::{Kind, Line};
use crate::shape::{compare_key, is_name_like};
use crate::vocab::Vocab;

/// One article's place among the page's lines (indices into them).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    /// First line of the header (headline, date line, captions...).
    pub start: usize,
    /// First line of the body.
    pub body_start: usize,
    /// Where the story closed (exclusive): lines from here are not its own.
    pub close: usize,
    /// Body paragraphs.
    pub body: Vec<usize>,
}

/// Paragraphs at least this long, two in a row, after a closing furniture
/// line mean the story goes on.
const RESUME_MIN_WORDS: usize = 25;
/// How far past a headline its header may reach.
const HEADER_SPAN: usize = 12;
/// A story with fewer words is dropped when the page has a longer one (a
/// teaser of another story between two headers).
const MIN_STORY_WORDS: usize = 40;
/// A first paragraph before a datelined one is a standfirst (summary) when
/// it is at most this long, and the story starts at the dateline.
const STANDFIRST_MAX_WORDS: usize = 60;

pub fn split(lines: &[Line], flat: &Flat, vocab: &Vocab) -> Vec<Segment> {
    let n = lines.len();
    let mut segs: Vec<Segment> = Vec::new();
    let mut pending = Some(0);
    let mut open = false;
    // Whether the last story was closed by a closing furniture line, which
    // a story may outlast (a comment prompt in mid-page).
    let mut closed_by_end = false;
    for (i, line) in lines.iter().enumerate() {
        if open {
            let Some(cur) = segs.last_mut() else { break };
            match line.kind {
                _ if header_signal(lines, flat, i, vocab) => {
                    cur.close = i;
                    open = false;
                    pending = Some(i);
                }
                Kind::Prose => {
                    cur.body.push(i);
                    if line.closes {
                        cur.close = i + 1;
                        open = false;
                    }
                }
                Kind::End => {
                    cur.close = i;
                    open = false;
                    closed_by_end = true;
                }
                Kind::Short
                    if is_name_like(line.text(flat))
                        && biographies_follow(lines, flat, i, vocab) =>
                {
                    cur.close = i;
                    open = false;
                }
                _ => {}
            }
        } else if closed_by_end && pending.is_none() && story_goes_on(lines, i) {
            if let Some(cur) = segs.last_mut() {
                cur.close = n;
                cur.body.push(i);
                open = true;
            }
            closed_by_end = false;
        } else if line.kind == Kind::Prose
            && !(pending.is_some() && is_headline(lines, flat, i, vocab))
        {
            if let Some(start) = pending.take() {
                segs.push(Segment {
                    start,
                    body_start: i,
                    close: if line.closes { i + 1 } else { n },
                    body: vec![i],
                });
                open = !line.closes;
                closed_by_end = false;
            }
        } else if pending.is_none() && header_signal(lines, flat, i, vocab) {
            pending = Some(i);
        }
    }
    for seg in &mut segs {
        skip_standfirst(seg, lines, flat, vocab);
    }
    let words = |seg: &Segment| seg.body.iter().map(|&i| lines[i].words).sum::<usize>();
    if segs.iter().any(|s| words(s) >= MIN_STORY_WORDS) {
        segs.retain(|s| words(s) >= MIN_STORY_WORDS);
    }
    if segs.is_empty() {
        segs.extend(fallback(lines));
    }
    segs
}

/// Whether line `i` starts a new story's header.
fn header_signal(lines: &[Line], flat: &Flat, i: usize, vocab: &Vocab) -> bool {
    let line = &lines[i];
    if !line.is_title_like(flat) {
        return false;
    }
    if line.hint == Some(Hint::Title) {
        return true;
    }
    let key = compare_key(line.text(flat));
    for next in lines.iter().skip(i + 1).take(HEADER_SPAN) {
        match next.kind {
            Kind::Prose => return dateline(next.text(flat), vocab).is_some(),
            Kind::Date(..) | Kind::Byline => return true,
            _ if compare_key(next.text(flat)) == key => return true,
            _ => {}
        }
    }
    false
}

/// Whether line `i`, after a closing furniture line, is the story going on:
/// it and the next line are full paragraphs, which comment boxes and
/// footers do not hold.
fn story_goes_on(lines: &[Line], i: usize) -> bool {
    let full = |l: &Line| l.kind == Kind::Prose && l.words >= RESUME_MIN_WORDS && !l.closes;
    full(&lines[i]) && lines.get(i + 1).is_some_and(full)
}

/// Whether prose line `i` is really a headline in a header: marked so by
/// the markup, or headline-shaped with header signs after it.
fn is_headline(lines: &[Line], flat: &Flat, i: usize, vocab: &Vocab) -> bool {
    lines[i].hint == Some(Hint::Title) || header_signal(lines, flat, i, vocab)
}

/// Whether line `i` (a name) starts the author biographies that close some
/// stories: from it to the end of the page (or a new header), only pairs of
/// a name line and a paragraph opening with one of its words ("Jane Doe" /
/// "Jane reported from ..."), and furniture.
fn biographies_follow(lines: &[Line], flat: &Flat, i: usize, vocab: &Vocab) -> bool {
    let mut j = i;
    let mut pairs = 0;
    while j < lines.len() {
        let line = &lines[j];
        match line.kind {
            Kind::Furniture | Kind::End => j += 1,
            Kind::Short if is_name_like(line.text(flat)) => {
                // A biography may read as furniture ("Follow her on ...").
                let Some(bio) = lines
                    .get(j + 1)
                    .filter(|l| matches!(l.kind, Kind::Prose | Kind::Furniture))
                else {
                    return false;
                };
                let first = bio.text(flat).split_whitespace().next().unwrap_or("");
                if !line.text(flat).split_whitespace().any(|w| w == first) {
                    return false;
                }
                pairs += 1;
                j += 2;
            }
            _ if header_signal(lines, flat, j, vocab) => break,
            _ => return false,
        }
    }
    pairs > 0
}

/// Starts the body at a datelined paragraph when short paragraphs (a
/// standfirst) come before it.
fn skip_standfirst(seg: &mut Segment, lines: &[Line], flat: &Flat, vocab: &Vocab) {
    let found = seg
        .body
        .iter()
        .take(3)
        .position(|&i| dateline(lines[i].text(flat), vocab).is_some());
    if let Some(k @ 1..) = found {
        if seg.body[..k]
            .iter()
            .all(|&i| lines[i].words <= STANDFIRST_MAX_WORDS)
        {
            seg.body.drain(..k);
            seg.body_start = seg.body[0];
        }
    }
}

/// A page without prose (a one-line item, a list of short lines): its
/// non-furniture lines are the story.
fn fallback(lines: &[Line]) -> Option<Segment> {
    let body: Vec<usize> = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| matches!(l.kind, Kind::Short | Kind::Prose))
        .map(|(i, _)| i)
        .collect();
    Some(Segment {
        start: 0,
        body_start: *body.first()?,
        close: lines.len(),
        body,
    })
}
