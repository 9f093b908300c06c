//! Tokens: words, numbers and punctuation with their byte spans.
//!
//! Every later layer matches on tokens, never on raw characters, so the
//! rules here decide what a "word" is for the whole chain: hyphens and
//! possessive `'s` are separate tokens (so "U.S.-led" and "Assad's" reach
//! the dictionaries as "U.S." `-` "led" and "Assad" `'s`), dotted initials
//! ("U.S.", "U.N.") stay one token, and each word carries a lower-case form
//! and a light stem (Porter's step 1) so that "strikes", "striking" and
//! "strike" meet the same lexicon entry.

/// What a token is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Word,
    /// Digits, possibly with `,`/`.` separators and an ordinal suffix.
    Number,
    Punct,
}

/// One token. Offsets are bytes into the tokenized text.
#[derive(Debug, Clone)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
    /// Newlines in the whitespace before this token (2+ = paragraph break).
    pub newlines_before: u8,
    /// Whitespace (or the text start) precedes this token.
    pub space_before: bool,
    norm: (u32, u32),
    stem: (u32, u32),
    /// [`key_hash`] of the norm and the stem, for dictionary lookups.
    norm_hash: u64,
    stem_hash: u64,
    /// [`key_bit`] of the norm and of the stem.
    key_bits: u64,
}

/// The hash dictionaries index their keys by: computed once per token, so
/// that a dozen dictionaries probing every token never rehash its text.
pub fn key_hash(s: &str) -> u64 {
    use std::hash::Hasher;
    let mut h = rustc_hash::FxHasher::default();
    h.write(s.as_bytes());
    h.finish()
}

/// One of 64 bits standing for a [`key_hash`]: a phrase item whose keys'
/// bits miss a token's [`Tokens::key_bits`] cannot match it, which rules
/// out most candidate phrases without reading them.
pub fn key_bit(hash: u64) -> u64 {
    1 << (key_mix(hash) >> 58)
}

/// A [`key_hash`] multiplied so that its top bits depend on all of it: the
/// small filters over keys ([`key_bit`], the phrase index's) take those.
pub fn key_mix(hash: u64) -> u64 {
    hash.wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

/// The tokens of one text, with their normalized forms in one buffer.
#[derive(Debug, Clone)]
pub struct Tokens<'t> {
    pub text: &'t str,
    pub toks: Vec<Token>,
    buf: String,
}

impl<'t> Tokens<'t> {
    pub fn new(text: &'t str) -> Self {
        let mut out = Tokens {
            text,
            toks: Vec::with_capacity(text.len() / 5),
            buf: String::with_capacity(text.len() + text.len() / 2),
        };
        out.scan();
        out
    }

    pub fn len(&self) -> usize {
        self.toks.len()
    }

    pub fn is_empty(&self) -> bool {
        self.toks.is_empty()
    }

    /// The token as written.
    pub fn surface(&self, i: usize) -> &'t str {
        let t = &self.toks[i];
        &self.text[t.start..t.end]
    }

    /// Lower case, with typographic quotes and dashes folded to ASCII.
    pub fn norm(&self, i: usize) -> &str {
        let (a, b) = self.toks[i].norm;
        &self.buf[a as usize..b as usize]
    }

    /// [`key_hash`] of [`Tokens::norm`].
    pub fn norm_hash(&self, i: usize) -> u64 {
        self.toks[i].norm_hash
    }

    /// [`key_hash`] of [`Tokens::stem`].
    pub fn stem_hash(&self, i: usize) -> u64 {
        self.toks[i].stem_hash
    }

    /// [`key_bit`] of the norm and of the stem.
    pub fn key_bits(&self, i: usize) -> u64 {
        self.toks[i].key_bits
    }

    /// The stem of a word (its norm for numbers and punctuation).
    pub fn stem(&self, i: usize) -> &str {
        let (a, b) = self.toks[i].stem;
        &self.buf[a as usize..b as usize]
    }

    pub fn kind(&self, i: usize) -> Kind {
        self.toks[i].kind
    }

    pub fn is_word(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.kind == Kind::Word)
    }

    /// The token starts with an upper-case letter.
    pub fn is_capitalized(&self, i: usize) -> bool {
        self.surface(i)
            .chars()
            .next()
            .is_some_and(char::is_uppercase)
    }

    /// Every letter of the token is upper case (and it has two or more).
    pub fn is_all_caps(&self, i: usize) -> bool {
        let s = self.surface(i);
        s.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !s.chars().any(char::is_lowercase)
    }

    /// The index of the first token starting at or after byte `pos`.
    pub fn at_byte(&self, pos: usize) -> usize {
        self.toks.partition_point(|t| t.start < pos)
    }

    fn scan(&mut self) {
        let text = self.text;
        let bytes = text.as_bytes();
        let mut i = 0;
        let mut newlines = 0u8;
        let mut space = true;
        while i < bytes.len() {
            // ASCII (most news text) without decoding.
            let c = if bytes[i].is_ascii() {
                bytes[i] as char
            } else {
                match text[i..].chars().next() {
                    Some(c) => c,
                    None => break,
                }
            };
            let w = c.len_utf8();
            if c.is_whitespace() {
                if c == '\n' {
                    newlines = newlines.saturating_add(1);
                }
                space = true;
                i += w;
                continue;
            }
            let (end, kind) = if c.is_ascii_digit() {
                (number_end(text, i), Kind::Number)
            } else if is_letter(c) {
                (word_end(text, i), Kind::Word)
            } else if (c == '\'' || c == '\u{2019}') && possessive_at(text, i) {
                (i + w + 1, Kind::Word)
            } else {
                (i + w, Kind::Punct)
            };
            self.push(i, end, kind, newlines, space);
            newlines = 0;
            space = false;
            i = end;
        }
    }

    /// Lower-cases `s` into the buffer, folding typographic quotes and
    /// dashes to ASCII.
    fn push_folded(&mut self, s: &str) {
        for c in s.chars() {
            match c {
                '\u{2019}' | '\u{2018}' | '`' => self.buf.push('\''),
                '\u{201C}' | '\u{201D}' => self.buf.push('"'),
                '\u{2013}' | '\u{2014}' => self.buf.push('-'),
                c => self.buf.extend(c.to_lowercase()),
            }
        }
    }

    fn push(&mut self, start: usize, end: usize, kind: Kind, newlines: u8, space: bool) {
        let s = &self.text[start..end];
        let a = self.buf.len() as u32;
        if s.bytes().all(|b| b.is_ascii() && b != b'`') {
            // Copied whole and lower-cased in place: no per-character work.
            self.buf.push_str(s);
            self.buf[a as usize..].make_ascii_lowercase();
        } else {
            self.push_folded(s);
        }
        let b = self.buf.len() as u32;
        let stem = if kind == Kind::Word {
            let mut st = [0u8; STEM_MAX];
            match stem_into(&self.buf[a as usize..b as usize], &mut st) {
                Some(len) => {
                    let sa = self.buf.len() as u32;
                    // Stems of ASCII words are ASCII.
                    self.buf
                        .push_str(std::str::from_utf8(&st[..len]).unwrap_or_default());
                    (sa, self.buf.len() as u32)
                }
                None => (a, b),
            }
        } else {
            (a, b)
        };
        let norm_hash = key_hash(&self.buf[a as usize..b as usize]);
        let stem_hash = if stem == (a, b) {
            norm_hash
        } else {
            key_hash(&self.buf[stem.0 as usize..stem.1 as usize])
        };
        self.toks.push(Token {
            start,
            end,
            kind,
            newlines_before: newlines,
            space_before: space,
            norm: (a, b),
            stem,
            norm_hash,
            stem_hash,
            key_bits: key_bit(norm_hash) | key_bit(stem_hash),
        });
    }
}

fn is_letter(c: char) -> bool {
    c.is_alphabetic()
}

/// `'s` (or `’s`) followed by a non-letter: a possessive or clitic token.
fn possessive_at(text: &str, i: usize) -> bool {
    let rest = &text[i..];
    let mut cs = rest.chars();
    cs.next();
    matches!(cs.next(), Some('s') | Some('S')) && !cs.next().is_some_and(is_letter)
}

fn word_end(text: &str, start: usize) -> usize {
    let bytes = text.as_bytes();
    // Dotted initials: "U.S.", "U.N.", "D.C." stay one token.
    if let Some(end) = initials_end(bytes, start) {
        return end;
    }
    let mut i = start;
    while i < text.len() {
        if bytes[i].is_ascii_alphanumeric() {
            i += 1;
            continue;
        }
        let c = match text[i..].chars().next() {
            Some(c) => c,
            None => break,
        };
        if is_letter(c) || c.is_ascii_digit() {
            i += c.len_utf8();
        } else if (c == '\'' || c == '\u{2019}') && !possessive_at(text, i) {
            // An apostrophe inside a word ("weren't", "Ma'arrat") when a
            // letter follows.
            let after = i + c.len_utf8();
            if text[after..].chars().next().is_some_and(is_letter) {
                i = after;
            } else {
                break;
            }
        } else {
            break;
        }
    }
    i
}

fn initials_end(bytes: &[u8], start: usize) -> Option<usize> {
    let mut i = start;
    let mut n = 0;
    while i + 1 < bytes.len() && bytes[i].is_ascii_alphabetic() && bytes[i + 1] == b'.' {
        // A single letter: the byte before must not be a letter either.
        if i > start && bytes[i - 1].is_ascii_alphabetic() {
            break;
        }
        i += 2;
        n += 1;
        if i < bytes.len() && bytes[i].is_ascii_alphabetic() && bytes.get(i + 1) != Some(&b'.') {
            // "U.Sx" is not an initialism; "U.S." is.
            return (n >= 2).then_some(i);
        }
    }
    (n >= 2).then_some(i)
}

fn number_end(text: &str, start: usize) -> usize {
    let bytes = text.as_bytes();
    let mut i = start;
    while i < bytes.len() {
        let b = bytes[i];
        let separator =
            (b == b',' || b == b'.') && bytes.get(i + 1).is_some_and(u8::is_ascii_digit);
        if !(b.is_ascii_digit() || separator) {
            break;
        }
        i += 1;
    }
    // Ordinal suffixes stay with the number: "5th", "22nd".
    // Compared as bytes: the text after a number may start with any
    // character ("0—").
    let rest = &bytes[i..];
    for suf in ["st", "nd", "rd", "th"] {
        if rest.len() >= 2
            && rest[..2].eq_ignore_ascii_case(suf.as_bytes())
            && !text[i + 2..].chars().next().is_some_and(is_letter)
        {
            return i + 2;
        }
    }
    i
}

/// Longest word the stemmer works on; longer words are their own stem.
const STEM_MAX: usize = 40;

/// Porter's step 1 (plurals, -ed, -ing, final y), enough to fold
/// inflections of the lexicon words together. `None` when the word is its
/// own stem. Only ASCII words are stemmed; dictionaries that must not fold
/// a short word ("may" would meet "Mai") write it as `=may`.
pub fn stem_of(word: &str) -> Option<String> {
    let mut buf = [0u8; STEM_MAX];
    let len = stem_into(word, &mut buf)?;
    Some(String::from_utf8_lossy(&buf[..len]).into_owned())
}

/// [`stem_of`] into a buffer, without allocating: the stem's length.
fn stem_into(word: &str, buf: &mut [u8; STEM_MAX]) -> Option<usize> {
    let bytes = word.as_bytes();
    // Every step below removes or rewrites an ending in s, d, g, y or e:
    // any other word ("attack", "town") is its own stem.
    if bytes.len() < 3
        || bytes.len() > STEM_MAX
        || !matches!(bytes[bytes.len() - 1], b's' | b'd' | b'g' | b'y' | b'e')
        || !bytes.iter().all(|b| b.is_ascii_lowercase())
    {
        return None;
    }
    buf[..bytes.len()].copy_from_slice(bytes);
    let mut n = bytes.len();
    let ends = |buf: &[u8; STEM_MAX], n: usize, suf: &[u8]| {
        n >= suf.len() && &buf[n - suf.len()..n] == suf
    };
    // Step 1a.
    if ends(buf, n, b"sses")
        || ends(buf, n, b"ies")
        || ends(buf, n, b"shes")
        || ends(buf, n, b"ches")
        || ends(buf, n, b"xes")
        || ends(buf, n, b"zes")
    {
        n -= 2;
    } else if ends(buf, n, b"s") && !ends(buf, n, b"ss") && !ends(buf, n, b"us") && n > 3 {
        n -= 1;
    }
    // Step 1b.
    let mut fix = false;
    if ends(buf, n, b"eed") {
        if measure(&buf[..n - 3]) > 0 {
            n -= 1;
        }
    } else if ends(buf, n, b"ed") && has_vowel(&buf[..n - 2]) {
        n -= 2;
        fix = true;
    } else if ends(buf, n, b"ing") && has_vowel(&buf[..n - 3]) && n > 5 {
        n -= 3;
        fix = true;
    }
    if fix {
        if ends(buf, n, b"at") || ends(buf, n, b"bl") || ends(buf, n, b"iz") {
            buf[n] = b'e';
            n += 1;
        } else if double_consonant(&buf[..n]) && !matches!(buf[n - 1], b'l' | b's' | b'z') {
            n -= 1;
        } else if measure(&buf[..n]) == 1 && cvc(&buf[..n]) {
            buf[n] = b'e';
            n += 1;
        }
    }
    // Step 1c.
    if ends(buf, n, b"y") && has_vowel(&buf[..n - 1]) {
        buf[n - 1] = b'i';
    }
    // Step 5a, so that "capture" and "captured" meet ("one" stays "one").
    if ends(buf, n, b"e") && n > 3 {
        let m = measure(&buf[..n - 1]);
        if m > 1 || (m == 1 && !cvc(&buf[..n - 1])) {
            n -= 1;
        }
    }
    (&buf[..n] != bytes).then_some(n)
}

fn is_consonant(w: &[u8], i: usize) -> bool {
    match w[i] {
        b'a' | b'e' | b'i' | b'o' | b'u' => false,
        b'y' => i == 0 || !is_consonant(w, i - 1),
        _ => true,
    }
}

fn has_vowel(b: &[u8]) -> bool {
    (0..b.len()).any(|i| !is_consonant(b, i))
}

/// Porter's m: the number of vowel-consonant sequences.
fn measure(b: &[u8]) -> usize {
    let mut m = 0;
    let mut prev_vowel = false;
    for i in 0..b.len() {
        let v = !is_consonant(b, i);
        if !v && prev_vowel {
            m += 1;
        }
        prev_vowel = v;
    }
    m
}

fn double_consonant(b: &[u8]) -> bool {
    b.len() >= 2 && b[b.len() - 1] == b[b.len() - 2] && is_consonant(b, b.len() - 1)
}

fn cvc(b: &[u8]) -> bool {
    let n = b.len();
    n >= 3
        && is_consonant(b, n - 3)
        && !is_consonant(b, n - 2)
        && is_consonant(b, n - 1)
        && !matches!(b[n - 1], b'w' | b'x' | b'y')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn surfaces(text: &str) -> Vec<&str> {
        let t = Tokens::new(text);
        (0..t.len()).map(|i| t.surface(i)).collect()
    }

    #[test]
    fn splits_hyphens_possessives_and_keeps_initials() {
        assert_eq!(
            surfaces("The U.S.-led coalition hit Assad’s base."),
            [
                "The",
                "U.S.",
                "-",
                "led",
                "coalition",
                "hit",
                "Assad",
                "’s",
                "base",
                "."
            ]
        );
        assert_eq!(surfaces("They weren't there"), ["They", "weren't", "there"]);
    }

    #[test]
    fn numbers_keep_separators_and_ordinals() {
        assert_eq!(
            surfaces("1,200 people on the 5th, 3.5 km"),
            ["1,200", "people", "on", "the", "5th", ",", "3.5", "km"]
        );
        assert_eq!(surfaces("20km away"), ["20", "km", "away"]);
        assert_eq!(surfaces("5-7 dead"), ["5", "-", "7", "dead"]);
        // A wide character right after a number and one byte.
        assert_eq!(surfaces("in 2000 — set"), ["in", "2000", "—", "set"]);
        assert_eq!(
            surfaces("in 2000…. Young"),
            ["in", "2000", "…", ".", "Young"]
        );
        assert_eq!(surfaces("2000 —"), ["2000", "—"]);
    }

    #[test]
    fn stems_fold_inflections() {
        for (a, b) in [
            ("strikes", "strike"),
            ("striking", "strike"),
            ("killed", "killing"),
            ("clashes", "clashed"),
            ("captured", "capture"),
            ("rallies", "rallied"),
        ] {
            let sa = stem_of(a).unwrap_or_else(|| a.to_string());
            let sb = stem_of(b).unwrap_or_else(|| b.to_string());
            assert_eq!(sa, sb, "{a} vs {b}");
        }
    }

    #[test]
    fn norm_folds_typography() {
        let t = Tokens::new("“Daesh’s” — fall");
        assert_eq!(t.norm(0), "\"");
        assert_eq!(t.norm(2), "'s");
        assert_eq!(t.norm(4), "-");
    }

    #[test]
    fn counts_newlines() {
        let t = Tokens::new("one\n\ntwo\nthree");
        assert_eq!(t.toks[1].newlines_before, 2);
        assert_eq!(t.toks[2].newlines_before, 1);
    }
}
