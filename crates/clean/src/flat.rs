//! Flat text: what the line rules read. Plain text is its own flat text;
//! HTML flattens to one line per block, with a map back to the markup.

use std::borrow::Cow;

use dateline_model::OffsetMap;

/// What the markup said a line was, when there was markup.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hint {
    /// An `<h1>`: the page's headline.
    Title,
    /// `<h2>`..`<h6>`: a subheading.
    Heading,
    /// A `<figcaption>` or caption-classed element.
    Caption,
    /// An author element.
    Byline,
}

pub struct Flat<'a> {
    pub text: Cow<'a, str>,
    /// Flat offsets to input offsets; `None` when they are the same.
    pub map: Option<OffsetMap>,
    /// Markup hints by the flat offset of the line they start.
    pub hints: Vec<(usize, Hint)>,
}

impl<'a> Flat<'a> {
    /// Plain text, with hard-wrapped paragraphs joined into single lines.
    pub fn plain(text: &'a str) -> Flat<'a> {
        let (text, map) = unwrap_paragraphs(text);
        Flat {
            text,
            map,
            hints: Vec::new(),
        }
    }

    pub fn hint_at(&self, start: usize) -> Option<Hint> {
        self.hints
            .binary_search_by_key(&start, |&(at, _)| at)
            .ok()
            .map(|i| self.hints[i].1)
    }
}

/// Joins the lines of hard-wrapped paragraphs (text cut at a fixed width,
/// as in e-mail and wire copy) by turning their newlines into spaces, so
/// offsets stay those of the input; the map leaves those spaces out, since
/// the input has newlines there. A block of three or more lines is
/// wrapped when its lines all fit in 100 characters, each broke because
/// the next word would not have fit on it, and most break mid-sentence;
/// pages with one paragraph per line (whatever its length) and stacks of
/// short header lines are left alone.
fn unwrap_paragraphs(text: &str) -> (Cow<'_, str>, Option<OffsetMap>) {
    let mut blocks = Vec::new();
    let mut block_start = 0;
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let next = pos + line.len();
        if line.trim().is_empty() {
            blocks.push((block_start, pos));
            block_start = next;
        }
        pos = next;
    }
    blocks.push((block_start, pos));
    // First the blocks long enough to show their wrap width; then, with
    // that width, the two-line paragraphs.
    let mut width = 0;
    let mut wrapped = Vec::new();
    for &(start, end) in &blocks {
        let lines: Vec<&str> = text[start..end].lines().collect();
        if lines.len() >= 3 {
            let widest = lines
                .iter()
                .map(|l| l.trim_end().chars().count())
                .max()
                .unwrap_or(0);
            if is_wrapped(&lines, widest) {
                width = width.max(widest);
                wrapped.push((start, end));
            }
        }
    }
    if width == 0 {
        return (Cow::Borrowed(text), None);
    }
    for &(start, end) in &blocks {
        let lines: Vec<&str> = text[start..end].lines().collect();
        if lines.len() == 2 && is_wrapped(&lines, width) {
            wrapped.push((start, end));
        }
    }
    wrapped.sort_unstable();
    let mut bytes = text.as_bytes().to_vec();
    let mut map = OffsetMap::default();
    let mut mapped_to = 0;
    for (start, end) in wrapped {
        let trimmed_end = start + text[start..end].trim_end().len();
        for (i, b) in bytes.iter_mut().enumerate().take(trimmed_end).skip(start) {
            if matches!(*b, b'\n' | b'\r') {
                *b = b' ';
                if i > mapped_to {
                    map.push(mapped_to, mapped_to, i - mapped_to);
                }
                mapped_to = i + 1;
            }
        }
    }
    if text.len() > mapped_to {
        map.push(mapped_to, mapped_to, text.len() - mapped_to);
    }
    // Only ASCII newlines were replaced by ASCII spaces.
    match String::from_utf8(bytes) {
        Ok(joined) => (Cow::Owned(joined), Some(map)),
        Err(_) => (Cow::Borrowed(text), None),
    }
}

/// Whether `lines` were wrapped at `width` characters: all fit in 100
/// characters, each broke because the next word would not have fit, and
/// most break mid-sentence.
fn is_wrapped(lines: &[&str], width: usize) -> bool {
    if !(30..=100).contains(&width) {
        return false;
    }
    let widths: Vec<usize> = lines.iter().map(|l| l.trim_end().chars().count()).collect();
    let body = &lines[..lines.len() - 1];
    let forced = body
        .iter()
        .zip(&lines[1..])
        .zip(&widths)
        .all(|((_, next), &w)| {
            let next_word = next
                .split_whitespace()
                .next()
                .map_or(0, |w| w.chars().count());
            w <= width && w + 1 + next_word > width
        });
    let open = body
        .iter()
        .filter(|l| !crate::shape::ends_sentence(l))
        .count();
    forced && open * 2 >= body.len()
}

/// Builds a cleaned body: paragraphs joined by blank lines, whitespace runs
/// squeezed to one space, and an offset map back to the input.
pub struct BodyBuilder<'f> {
    flat: &'f Flat<'f>,
    pub text: String,
    pub offsets: OffsetMap,
}

impl<'f> BodyBuilder<'f> {
    pub fn new(flat: &'f Flat<'f>) -> Self {
        BodyBuilder {
            flat,
            text: String::new(),
            offsets: OffsetMap::default(),
        }
    }

    /// Appends the flat text `start..end` as a new paragraph.
    pub fn paragraph(&mut self, start: usize, end: usize) {
        if !self.text.is_empty() {
            self.text.push_str("\n\n");
        }
        let src = &self.flat.text[start..end];
        if !crate::shape::needs_squeeze(src) {
            self.copy(start, end);
            return;
        }
        let mut run_start: Option<usize> = None;
        let mut chars = src.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            if c.is_whitespace() {
                let next_is_space = chars.peek().is_some_and(|&(_, n)| n.is_whitespace());
                if c == ' ' && !next_is_space {
                    // A single plain space is copied as it is.
                    run_start.get_or_insert(i);
                    continue;
                }
                if let Some(s) = run_start.take() {
                    self.copy(start + s, start + i);
                }
                while chars.peek().is_some_and(|&(_, n)| n.is_whitespace()) {
                    chars.next();
                }
                self.text.push(' ');
                continue;
            }
            run_start.get_or_insert(i);
        }
        if let Some(s) = run_start {
            self.copy(start + s, end);
        }
    }

    /// Copies flat `start..end` verbatim and records where it came from.
    fn copy(&mut self, start: usize, end: usize) {
        let clean = self.text.len();
        self.text.push_str(&self.flat.text[start..end]);
        match &self.flat.map {
            None => push_run(&mut self.offsets, clean, start, end - start),
            Some(map) => {
                // Split the span at the flat map's runs.
                let first = map
                    .runs
                    .partition_point(|&(s, _, len)| (s + len) as usize <= start);
                for &(s, o, len) in &map.runs[first..] {
                    let (s, o, len) = (s as usize, o as usize, len as usize);
                    if s >= end {
                        break;
                    }
                    let from = start.max(s);
                    let to = end.min(s + len);
                    if from < to {
                        push_run(
                            &mut self.offsets,
                            clean + from - start,
                            o + from - s,
                            to - from,
                        );
                    }
                }
            }
        }
    }
}

/// Adds a run, merging it into the last one when both are contiguous.
pub fn push_run(map: &mut OffsetMap, clean: usize, orig: usize, len: usize) {
    if let Some(last) = map.runs.last_mut() {
        let (c, o, l) = (last.0 as usize, last.1 as usize, last.2 as usize);
        if c + l == clean && o + l == orig {
            last.2 += len as u32;
            return;
        }
    }
    map.push(clean, orig, len);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unwraps_hard_wrapped_blocks_only() {
        let wrapped = "Title\n\nThe minister said on Monday that the talks would\n\
                       resume next week in the capital, after a pause of\n\
                       several months caused by the fighting.\n\nNext.";
        let flat = Flat::plain(wrapped);
        assert_eq!(flat.text.len(), wrapped.len());
        assert!(flat.text.contains("would resume next week"));
        let lines = "One full sentence here.\nAnother full sentence here.\nA third.\n";
        assert!(matches!(Flat::plain(lines).text, Cow::Borrowed(_)));
        let header = "A Headline Of Some Length About Things In Places\nSection name here\nShare\n";
        assert!(matches!(Flat::plain(header).text, Cow::Borrowed(_)));
    }

    #[test]
    fn body_maps_back_through_squeezed_space() {
        let text = "ab  cd\te\n";
        let flat = Flat::plain(text);
        let mut body = BodyBuilder::new(&flat);
        body.paragraph(0, 8);
        body.paragraph(0, 2);
        assert_eq!(body.text, "ab cd e\n\nab");
        assert_eq!(body.offsets.to_original(3), Some(4));
        assert_eq!(body.offsets.to_original(6), Some(7));
        assert_eq!(body.offsets.to_original(9), Some(0));
    }

    #[test]
    fn body_maps_through_a_flat_map() {
        let mut map = OffsetMap::default();
        map.push(0, 100, 3);
        map.push(4, 200, 3);
        let flat = Flat {
            text: Cow::Borrowed("abc def"),
            map: Some(map),
            hints: Vec::new(),
        };
        let mut body = BodyBuilder::new(&flat);
        body.paragraph(1, 7);
        assert_eq!(body.text, "bc def");
        assert_eq!(body.offsets.to_original(0), Some(101));
        assert_eq!(body.offsets.to_original(3), Some(200));
    }
}
