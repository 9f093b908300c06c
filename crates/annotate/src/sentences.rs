//! Sentence and paragraph boundaries.
//!
//! A sentence ends at `.`, `!`, `?` (with any closing quotes or brackets
//! after them) when the next token can start a sentence, unless the word
//! before the period is an abbreviation that never ends one ("Col.",
//! "Brig. Gen.", "Jan."). Initialisms such as "U.S." end a sentence only
//! when a typical sentence opener follows ("... in the U.S. The next day").
//! A line break ends the sentence and the paragraph (cleaned articles put
//! headlines, captions and paragraphs on their own lines) unless it plainly
//! wraps a running sentence: a lower-case word or comma before it, a
//! lower-case word after it.

use rustc_hash::FxHashSet;

use crate::table::{self, rows};
use crate::tokens::{Kind, Tokens};
use crate::AnnotateError;

const FILE: &str = "extract/abbreviations.tsv";

/// One sentence: tokens `start..end`, byte span, and its paragraph number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    pub start: usize,
    pub end: usize,
    pub byte_start: usize,
    pub byte_end: usize,
    pub paragraph: usize,
}

impl Sentence {
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.end == self.start
    }
}

/// The splitter, loaded from the abbreviation list.
#[derive(Debug, Clone)]
pub struct Splitter {
    /// Lower-case abbreviations (without the period) that never end a sentence.
    never_final: FxHashSet<String>,
    /// Lower-case words that, capitalized after an initialism, start a new sentence.
    openers: FxHashSet<String>,
}

impl Splitter {
    pub fn load() -> Result<Self, AnnotateError> {
        let text = table::load(FILE)?;
        let mut never_final = FxHashSet::default();
        let mut openers = FxHashSet::default();
        for row in rows(&text) {
            let word = row.need(0, FILE, "word")?.to_lowercase();
            match row.need(1, FILE, "kind")? {
                "abbrev" => {
                    never_final.insert(word.trim_end_matches('.').to_string());
                }
                "opener" => {
                    openers.insert(word);
                }
                other => {
                    return Err(AnnotateError::data(
                        FILE,
                        row.line,
                        format!("unknown kind {other:?}"),
                    ));
                }
            }
        }
        Ok(Splitter {
            never_final,
            openers,
        })
    }

    /// The sentences of `toks`, in order, covering every token.
    pub fn split(&self, toks: &Tokens) -> Vec<Sentence> {
        let mut out = Vec::new();
        let n = toks.len();
        let mut start = 0;
        let mut paragraph = 0;
        let mut i = 0;
        while i < n {
            // A line break before token i may close the sentence so far.
            if i > 0 {
                let nl = toks.toks[i].newlines_before;
                let breaks = nl >= 2 || (nl == 1 && !self.wraps(toks, i));
                if breaks && i > start {
                    push(&mut out, toks, start, i, paragraph);
                    start = i;
                }
                if breaks {
                    paragraph += 1;
                }
            }
            if toks.kind(i) == Kind::Punct && matches!(toks.norm(i), "." | "!" | "?" | "…") {
                let mut end = i + 1;
                while end < n
                    && toks.kind(end) == Kind::Punct
                    && !toks.toks[end].space_before
                    && matches!(toks.norm(end), "\"" | "'" | ")" | "]" | "." | "!" | "?")
                {
                    end += 1;
                }
                if self.ends_here(toks, i, end) {
                    push(&mut out, toks, start, end, paragraph);
                    start = end;
                    i = end;
                    continue;
                }
            }
            i += 1;
        }
        if start < n {
            push(&mut out, toks, start, n, paragraph);
        }
        out
    }

    /// A single line break at token `i` merely wraps a running sentence.
    fn wraps(&self, toks: &Tokens, i: usize) -> bool {
        let prev = i - 1;
        let prev_running =
            (toks.kind(prev) == Kind::Word && !toks.is_capitalized(prev)) || toks.norm(prev) == ",";
        let next_lower = toks.kind(i) == Kind::Word && !toks.is_capitalized(i);
        prev_running && next_lower
    }

    /// Whether the sentence-final punctuation at `p` (closers up to `end`)
    /// really ends the sentence.
    fn ends_here(&self, toks: &Tokens, p: usize, end: usize) -> bool {
        if end >= toks.len() {
            return true;
        }
        if toks.toks[end].newlines_before > 0 {
            return true;
        }
        let next_starts = {
            let s = toks.surface(end);
            s.chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
                || matches!(toks.norm(end), "\"" | "'" | "(" | "[")
        };
        if !next_starts {
            return false;
        }
        if toks.norm(p) != "." || p == 0 || toks.toks[p].space_before {
            return true;
        }
        let prev = p - 1;
        if toks.kind(prev) != Kind::Word {
            return true;
        }
        let word = toks.norm(prev);
        // A single capital letter before a period is an initial ("George W. Bush").
        if word.chars().count() == 1 && toks.is_capitalized(prev) {
            return false;
        }
        if self.never_final.contains(word) {
            return false;
        }
        true
    }

    /// Whether an initialism token ("U.S.") at `i` ends its sentence.
    pub fn initialism_ends(&self, toks: &Tokens, i: usize) -> bool {
        let next = i + 1;
        next < toks.len() && toks.is_capitalized(next) && self.openers.contains(toks.norm(next))
    }

    /// Splits after initialisms that end a sentence: the tokenizer keeps
    /// their final period inside the token, so [`Splitter::split`] cannot
    /// see it.
    pub fn sentences(&self, toks: &Tokens) -> Vec<Sentence> {
        let mut out = Vec::new();
        for s in self.split(toks) {
            let mut start = s.start;
            for i in s.start..s.end {
                if i + 1 < s.end
                    && toks.kind(i) == Kind::Word
                    && toks.surface(i).ends_with('.')
                    && self.initialism_ends(toks, i)
                {
                    push(&mut out, toks, start, i + 1, s.paragraph);
                    start = i + 1;
                }
            }
            push(&mut out, toks, start, s.end, s.paragraph);
        }
        out
    }
}

fn push(out: &mut Vec<Sentence>, toks: &Tokens, start: usize, end: usize, paragraph: usize) {
    if start >= end {
        return;
    }
    out.push(Sentence {
        start,
        end,
        byte_start: toks.toks[start].start,
        byte_end: toks.toks[end - 1].end,
        paragraph,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<String> {
        let sp = Splitter::load().unwrap();
        let t = Tokens::new(text);
        sp.sentences(&t)
            .iter()
            .map(|s| text[s.byte_start..s.byte_end].to_string())
            .collect()
    }

    // Invented examples.
    #[test]
    fn abbreviations_do_not_split() {
        let s = texts("Col. Jane Roe, a U.S. spokeswoman, spoke to Brig. Gen. Sam Doe on Jan. 5. Then he left.");
        assert_eq!(s.len(), 2, "{s:?}");
    }

    #[test]
    fn initialism_can_end_a_sentence() {
        let s = texts("The envoy flew to the U.S. The talks failed.");
        assert_eq!(s, ["The envoy flew to the U.S.", "The talks failed."]);
    }

    #[test]
    fn quotes_close_with_their_sentence() {
        let s = texts("“We will return,” he said. “Soon.” They left.");
        assert_eq!(s, ["“We will return,” he said.", "“Soon.”", "They left."]);
    }

    #[test]
    fn headlines_and_paragraphs() {
        let text = "Rebels seize border town\n\nRebels seized the town on Monday. Residents fled.\nA second paragraph line.";
        let sp = Splitter::load().unwrap();
        let t = Tokens::new(text);
        let s = sp.sentences(&t);
        assert_eq!(s.len(), 4);
        assert_eq!(s[0].paragraph, 0);
        assert_eq!(s[1].paragraph, 1);
        assert_eq!(s[2].paragraph, 1);
        assert_eq!(s[3].paragraph, 2);
    }

    #[test]
    fn wrapped_lines_stay_together() {
        let s = texts("Fighting continued in the\nnorth of the province.");
        assert_eq!(s.len(), 1);
    }
}
