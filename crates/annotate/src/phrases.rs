//! Multi-word phrase matching over tokens: the one matcher every
//! dictionary (actors, triggers, cues, date words) goes through.
//!
//! A pattern is written like the text it matches and tokenized with the
//! same tokenizer, so "U.S.-led coalition" in a data file meets "U.S.-led
//! coalition" in an article. Words compare by stem (inflections fold
//! together); a word written in capitals ("IS", "SDF") compares case
//! sensitively with the surface, so the acronym never matches the verb
//! "is". Three operators: `a|b` (either word), `*` or `*N` (skip up to 3,
//! or N, tokens that are not clause punctuation), and `=word` (this exact
//! lower-case form, no other inflection: "=posted" is not "post").

use rustc_hash::FxHashMap;

use crate::tokens::{key_bit, key_hash, key_mix, Kind, Tokens};

#[derive(Debug, Clone)]
enum Item {
    /// Any of these stems (by [`key_hash`]; a token matches by its stem or
    /// its norm); `bits` is the union of their [`key_bit`]s.
    Stems { bits: u64, keys: Box<[u64]> },
    /// This exact surface (an acronym), optionally followed by "s".
    Exact(Box<str>),
    /// This exact lower-case form (by [`key_hash`]).
    Norm(u64),
    /// Up to N tokens of anything but clause punctuation.
    Gap(u8),
}

impl Item {
    fn stems(keys: Box<[u64]>) -> Item {
        let bits = keys.iter().fold(0, |bits, &k| bits | key_bit(k));
        Item::Stems { bits, keys }
    }

    /// The [`key_bit`]s a token needs one of to match (all bits when the
    /// item cannot tell by key).
    fn bits(&self) -> u64 {
        match self {
            Item::Stems { bits, .. } => *bits,
            Item::Norm(n) => key_bit(*n),
            Item::Exact(_) | Item::Gap(_) => u64::MAX,
        }
    }
}

/// A pattern that may start at a token, with what its second token needs:
/// checking that first rules out most candidates without reading the
/// pattern.
#[derive(Debug, Clone, Copy)]
struct Candidate {
    pattern: u32,
    /// [`Item::bits`] of the second item (all bits when there is none).
    next_bits: u64,
}

#[derive(Debug, Clone)]
struct Pattern<T> {
    items: Vec<Item>,
    value: T,
}

/// A set of phrases, each carrying a value.
#[derive(Debug, Clone)]
pub struct PhraseSet<T> {
    patterns: Vec<Pattern<T>>,
    /// [`key_hash`] of the lower-case first word (stem or acronym) to the
    /// patterns starting with it, in the order added.
    first: FxHashMap<u64, Vec<Candidate>>,
    /// One bit per class of first-word keys ([`start_class`]), set when a
    /// pattern starts with a key of that class: most words start no
    /// pattern, and one bit test is cheaper than a hash map probe.
    starts: [u64; START_CLASSES / 64],
}

/// Classes of first-word keys in [`PhraseSet::starts`]: with 4096, a word
/// that starts no actor alias (the largest set) rarely shares a class with
/// one that does.
const START_CLASSES: usize = 4096;

fn start_class(key: u64) -> usize {
    (key_mix(key) >> (64 - START_CLASSES.trailing_zeros())) as usize
}

impl<T> Default for PhraseSet<T> {
    fn default() -> Self {
        PhraseSet {
            patterns: Vec::new(),
            first: FxHashMap::default(),
            starts: [0; START_CLASSES / 64],
        }
    }
}

/// One match: tokens `start..end` and the pattern's value.
#[derive(Debug, Clone, Copy)]
pub struct Match<'a, T> {
    pub start: usize,
    pub end: usize,
    pub value: &'a T,
}

impl<T> PhraseSet<T> {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn len(&self) -> usize {
        self.patterns.len()
    }

    pub fn is_empty(&self) -> bool {
        self.patterns.is_empty()
    }

    /// Adds `phrase`; returns false (and adds nothing) when it has no word
    /// to start from.
    pub fn add(&mut self, phrase: &str, value: T) -> bool {
        let items = parse_pattern(phrase);
        let keys: Vec<u64> = match items.first() {
            Some(Item::Stems { keys, .. }) => keys.to_vec(),
            Some(Item::Exact(e)) => vec![key_hash(&e.to_lowercase())],
            Some(Item::Norm(n)) => vec![*n],
            _ => return false,
        };
        let candidate = Candidate {
            pattern: self.patterns.len() as u32,
            next_bits: items.get(1).map_or(u64::MAX, Item::bits),
        };
        self.patterns.push(Pattern { items, value });
        for k in keys {
            let class = start_class(k);
            self.starts[class / 64] |= 1 << (class % 64);
            let candidates = self.first.entry(k).or_default();
            if !candidates.iter().any(|c| c.pattern == candidate.pattern) {
                candidates.push(candidate);
            }
        }
        true
    }

    /// Every pattern matching at token `i` (not beyond `limit`), longest
    /// first.
    pub fn matches_at<'a>(&'a self, toks: &Tokens, i: usize, limit: usize) -> Vec<Match<'a, T>> {
        let mut out = Vec::new();
        self.each_match_at(toks, i, limit, |m| out.push(m));
        out.sort_by_key(|m| std::cmp::Reverse(m.end));
        out
    }

    /// Calls `f` with every pattern matching at token `i` (not beyond
    /// `limit`), in no particular order; allocation-free, for loops over
    /// every token.
    pub fn each_match_at<'a>(
        &'a self,
        toks: &Tokens,
        i: usize,
        limit: usize,
        mut f: impl FnMut(Match<'a, T>),
    ) {
        for id in self.candidates_at(toks, i) {
            let p = &self.patterns[id as usize];
            if let Some(end) = match_items(&p.items, toks, i, limit) {
                f(Match {
                    start: i,
                    end,
                    value: &p.value,
                });
            }
        }
    }

    /// The longest pattern matching at token `i` (the first added among
    /// equals). Allocation-free: this is the hot path of every dictionary.
    pub fn longest_at<'a>(&'a self, toks: &Tokens, i: usize, limit: usize) -> Option<Match<'a, T>> {
        let mut best: Option<(usize, u32)> = None;
        for id in self.candidates_at(toks, i) {
            let p = &self.patterns[id as usize];
            if let Some(end) = match_items(&p.items, toks, i, limit) {
                let better = match best {
                    None => true,
                    Some((e, bid)) => end > e || (end == e && id < bid),
                };
                if better {
                    best = Some((end, id));
                }
            }
        }
        best.map(|(end, id)| Match {
            start: i,
            end,
            value: &self.patterns[id as usize].value,
        })
    }

    /// The patterns that may match at token `i`: those starting with its
    /// stem, then those starting with its norm, each in the order added,
    /// less those whose second item cannot match the next token.
    fn candidates_at<'s>(&'s self, toks: &Tokens, i: usize) -> impl Iterator<Item = u32> + 's {
        let bucket = |key: u64| {
            let class = start_class(key);
            if self.starts[class / 64] & (1 << (class % 64)) == 0 {
                return &[][..];
            }
            self.first.get(&key).map_or(&[][..], Vec::as_slice)
        };
        let (stem, norm) = (toks.stem_hash(i), toks.norm_hash(i));
        let by_norm = if norm != stem { bucket(norm) } else { &[] };
        // Past the last token only a gap may follow, and a gap allows all.
        let next = if i + 1 < toks.len() {
            toks.key_bits(i + 1)
        } else {
            u64::MAX
        };
        bucket(stem)
            .iter()
            .chain(by_norm)
            .filter(move |c| c.next_bits & next != 0)
            .map(|c| c.pattern)
    }

    /// Non-overlapping longest matches in tokens `from..to`, left to right.
    pub fn find_all<'a>(&'a self, toks: &Tokens, from: usize, to: usize) -> Vec<Match<'a, T>> {
        let mut out = Vec::new();
        let mut i = from;
        while i < to {
            match self.longest_at(toks, i, to) {
                Some(m) => {
                    i = m.end.max(i + 1);
                    out.push(m);
                }
                None => i += 1,
            }
        }
        out
    }

    /// Like [`PhraseSet::find_all`], but a match gives way to a longer one
    /// starting inside it: "the Islamic State" inside "the Islamic State
    /// West Africa Province".
    pub fn find_maximal<'a>(&'a self, toks: &Tokens, from: usize, to: usize) -> Vec<Match<'a, T>> {
        // The longest match at each token, probed once.
        let at: Vec<Option<Match<'a, T>>> =
            (from..to).map(|i| self.longest_at(toks, i, to)).collect();
        let mut out = Vec::new();
        let mut i = from;
        while i < to {
            let Some(m) = at[i - from].as_ref() else {
                i += 1;
                continue;
            };
            let overtaken = at[i + 1 - from..m.end - from]
                .iter()
                .flatten()
                .any(|n| n.end > m.end && n.end - n.start > m.end - m.start);
            if overtaken {
                i += 1;
                continue;
            }
            i = m.end.max(i + 1);
            out.push(Match {
                start: m.start,
                end: m.end,
                value: m.value,
            });
        }
        out
    }
}

fn parse_pattern(phrase: &str) -> Vec<Item> {
    let mut items = Vec::new();
    for part in phrase.split_whitespace() {
        if let Some(n) = part.strip_prefix('*') {
            items.push(Item::Gap(n.parse().unwrap_or(3)));
            continue;
        }
        if let Some(w) = part.strip_prefix('=').filter(|w| !w.is_empty()) {
            items.push(Item::Norm(key_hash(&w.to_lowercase())));
            continue;
        }
        // An all-capitals word of 2+ letters compares exactly.
        let letters = part.chars().filter(|c| c.is_alphabetic()).count();
        if letters >= 2
            && !part.contains('|')
            && !part.chars().any(char::is_lowercase)
            && part.chars().all(|c| c.is_alphanumeric())
        {
            items.push(Item::Exact(part.into()));
            continue;
        }
        if part.contains('|') {
            let stems = part
                .split('|')
                .filter(|s| !s.is_empty())
                .map(|w| {
                    let t = Tokens::new(w);
                    if t.len() == 1 {
                        t.stem_hash(0)
                    } else {
                        key_hash(&w.to_lowercase())
                    }
                })
                .collect();
            items.push(Item::stems(stems));
            continue;
        }
        let t = Tokens::new(part);
        for k in 0..t.len() {
            items.push(Item::stems(Box::new([t.stem_hash(k)])));
        }
    }
    items
}

/// Clause punctuation a gap never crosses.
pub fn is_clause_punct(toks: &Tokens, i: usize) -> bool {
    toks.kind(i) == Kind::Punct
        && matches!(
            toks.norm(i),
            "." | "," | ";" | ":" | "!" | "?" | "\"" | "(" | ")"
        )
}

fn item_matches(item: &Item, toks: &Tokens, i: usize) -> bool {
    match item {
        Item::Stems { bits, keys } => {
            let (st, no) = (toks.stem_hash(i), toks.norm_hash(i));
            bits & toks.key_bits(i) != 0 && keys.iter().any(|&x| x == st || x == no)
        }
        Item::Exact(e) => {
            let s = toks.surface(i);
            s == &**e || (s.len() == e.len() + 1 && s.starts_with(&**e) && s.ends_with('s'))
        }
        Item::Norm(n) => toks.norm_hash(i) == *n,
        Item::Gap(_) => true,
    }
}

/// The end of the longest match of `items` starting at token `i`.
fn match_items(items: &[Item], toks: &Tokens, i: usize, limit: usize) -> Option<usize> {
    let Some((first, rest)) = items.split_first() else {
        return Some(i);
    };
    match first {
        Item::Gap(n) => {
            // Prefer the shortest skip that lets the rest match. A
            // hyphenated compound ("a dusk-to-dawn curfew") skips as one
            // word.
            let mut words = *n as usize;
            let mut j = i;
            loop {
                if let Some(e) = match_items(rest, toks, j, limit) {
                    return Some(e);
                }
                if j >= limit || is_clause_punct(toks, j) {
                    return None;
                }
                let hyphen = |k: usize| toks.norm(k) == "-" && !toks.toks[k].space_before;
                let in_compound = hyphen(j) || (j > i && hyphen(j - 1));
                if !in_compound {
                    if words == 0 {
                        return None;
                    }
                    words -= 1;
                }
                j += 1;
            }
        }
        item => {
            if i >= limit || !item_matches(item, toks, i) {
                return None;
            }
            match_items(rest, toks, i + 1, limit)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_acronyms_and_gaps() {
        let mut set = PhraseSet::new();
        set.add("Islamic State", 1);
        set.add("IS", 1);
        set.add("set up * headquarters", 2);
        set.add("imposed * curfew", 4);
        set.add("air strike|raid", 3);
        let text = "IS is said to have set up a new headquarters after air raids.";
        let t = Tokens::new(text);
        let found: Vec<(usize, usize, i32)> = set
            .find_all(&t, 0, t.len())
            .iter()
            .map(|m| (m.start, m.end, *m.value))
            .collect();
        assert_eq!(found, vec![(0, 1, 1), (5, 10, 2), (11, 13, 3)]);
        // A hyphenated compound is one word of a gap.
        let t = Tokens::new("The governor imposed a strict dusk-to-dawn curfew.");
        let found: Vec<i32> = set
            .find_all(&t, 0, t.len())
            .iter()
            .map(|m| *m.value)
            .collect();
        assert_eq!(found, vec![4]);
    }

    #[test]
    fn gaps_stop_at_clause_punctuation() {
        let mut set = PhraseSet::new();
        set.add("set up * headquarters", 2);
        let t = Tokens::new("they set up, then the headquarters");
        assert!(set.find_all(&t, 0, t.len()).is_empty());
    }

    #[test]
    fn hyphenated_phrases_match() {
        let mut set = PhraseSet::new();
        set.add("U.S.-led coalition", 7);
        let t = Tokens::new("the U.S.-led coalition said");
        let m = set.find_all(&t, 0, t.len());
        assert_eq!((m[0].start, m[0].end), (1, 5));
    }
}
