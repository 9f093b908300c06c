//! Finding candidate toponyms: text tokens, normalised lazily, are fed
//! byte by byte through the gazetteer's FST from every token that can
//! start a name; the longest name that ends on a capitalised token wins.
//! One pass, no backtracking beyond the longest name (eight tokens).

use std::sync::RwLock;

use rustc_hash::FxHashMap;

use fst::raw::{CompiledAddr, Fst, Node, Output};

use crate::gazetteer::format::hash24;
use crate::gazetteer::Slice;
use crate::normalize::{fnv1a64_extend, fold_token, token_spans, Translit, FNV1A64_START};
use crate::Geoparser;

/// Longest name, in tokens, the matcher tries.
const MAX_TOKENS: usize = 8;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Case {
    /// "town"
    Lower,
    /// "Raqqa", "McAllen"
    Title,
    /// "BEIRUT", "US"
    Upper,
    /// Digits and the like.
    Other,
}

impl Case {
    pub fn capitalised(self) -> bool {
        matches!(self, Case::Title | Case::Upper)
    }
}

#[derive(Debug, Clone)]
pub struct Tok {
    pub start: usize,
    pub end: usize,
    pub case: Case,
    /// First token of a sentence, a line or a quotation.
    pub sentence_start: bool,
    /// First token of a line.
    pub line_start: bool,
    /// Whether the gap before it may sit inside a name (spaces, a hyphen,
    /// the dot of an abbreviation).
    pub joined: bool,
    /// Whether a hyphen joins it to the token before ("al-Mayadin").
    pub hyphen_before: bool,
}

/// A byte range of the tokens' arena of normal forms.
type Span = (usize, usize);

/// A token's normal forms, computed when a name walk first needs them; the
/// strings lie in the tokens' arena, so normalising allocates nothing per
/// token.
#[derive(Debug, Clone, Copy, Default)]
pub struct Norm {
    pub latin: bool,
    pub article: bool,
    folded: Span,
    form: Span,
    key: Span,
    /// Form and key as the first token of a name, where they differ.
    initial: Option<(Span, Span)>,
}

/// Where a key leads in the name index: the state reached and the output
/// gathered on the way, or `None` where no name goes on so.
type Step = Option<(CompiledAddr, u64)>;

/// One distinct word of a text.
struct Word {
    norm: Norm,
    /// Where the word leads from the index's root as a name's first word,
    /// once a walk has asked: a text starts many walks at the same word.
    first_step: Option<Step>,
}

/// The tokens of one text.
pub struct Tokens<'t> {
    pub text: &'t str,
    pub toks: Vec<Tok>,
    /// Each token's index in `words`, once normalised.
    word_of: Vec<Option<u32>>,
    /// The words normalised so far: names recur.
    words: Vec<Word>,
    by_word: FxHashMap<&'t str, u32>,
    /// The normal forms of the tokens normalised so far.
    arena: String,
    /// Working copies of one token's fold and form.
    folded_buf: String,
    form_buf: String,
}

fn case_of(s: &str) -> Case {
    if s.is_ascii() {
        return ascii_case_of(s.as_bytes());
    }
    let mut chars = s.chars();
    let Some(first) = chars.next() else {
        return Case::Other;
    };
    if !first.is_alphabetic() {
        return Case::Other;
    }
    if first.is_lowercase() {
        return Case::Lower;
    }
    let mut upper = true;
    let mut letters = 1;
    for c in chars {
        if c.is_alphabetic() {
            letters += 1;
            upper &= !c.is_lowercase();
        }
    }
    if upper && letters > 1 {
        Case::Upper
    } else {
        Case::Title
    }
}

/// [`case_of`] for ASCII, without decoding characters.
fn ascii_case_of(s: &[u8]) -> Case {
    let Some(&first) = s.first() else {
        return Case::Other;
    };
    if !first.is_ascii_alphabetic() {
        return Case::Other;
    }
    if first.is_ascii_lowercase() {
        return Case::Lower;
    }
    let mut upper = true;
    let mut letters = 1;
    for &c in &s[1..] {
        if c.is_ascii_alphabetic() {
            letters += 1;
            upper &= !c.is_ascii_lowercase();
        }
    }
    if upper && letters > 1 {
        Case::Upper
    } else {
        Case::Title
    }
}

/// "'s " or "’s " between two words.
pub fn is_possessive_gap(gap: &str) -> bool {
    let rest = gap.strip_prefix('\'').or_else(|| gap.strip_prefix('’'));
    rest.and_then(|r| r.strip_prefix(['s', 'S']))
        .is_some_and(|r| r == " " || r == "\u{a0}")
}

/// Whether the gap between two tokens may lie inside a name.
fn joinable(gap: &str, prev: &str) -> bool {
    // "People's Republic": a possessive stays inside a name.
    if is_possessive_gap(gap) {
        return true;
    }
    if gap.len() > 3 || gap.is_empty() {
        return false;
    }
    let mut dots = 0;
    for c in gap.chars() {
        match c {
            ' ' | '-' | '\u{a0}' => {}
            '.' => dots += 1,
            _ => return false,
        }
    }
    // "St. Petersburg", "U.S.": a dot only after a short token.
    dots == 0 || (dots == 1 && prev.chars().count() <= 3)
}

#[allow(clippy::len_without_is_empty)]
impl<'t> Tokens<'t> {
    pub fn new(text: &'t str) -> Self {
        let spans = token_spans(text);
        let mut toks = Vec::with_capacity(spans.len());
        let mut prev_end = 0;
        for (k, &(start, end)) in spans.iter().enumerate() {
            let gap = &text[prev_end..start];
            let case = case_of(&text[start..end]);
            prev_end = end;
            // Most words follow one space: inside a sentence, joinable.
            if k > 0 && gap == " " {
                toks.push(Tok {
                    start,
                    end,
                    case,
                    sentence_start: false,
                    line_start: false,
                    joined: true,
                    hyphen_before: false,
                });
                continue;
            }
            let line_start = k == 0 || gap.contains('\n');
            let sentence_start = line_start
                || gap
                    .trim_end_matches(|c: char| c.is_whitespace() || "\"“‘'([".contains(c))
                    .ends_with(['.', '!', '?', ':', ';', '•', '|'])
                    && gap.chars().any(char::is_whitespace);
            let prev = if k == 0 {
                ""
            } else {
                &text[spans[k - 1].0..spans[k - 1].1]
            };
            toks.push(Tok {
                start,
                end,
                case,
                sentence_start,
                line_start,
                joined: k > 0 && joinable(gap, prev),
                hyphen_before: k > 0 && gap == "-",
            });
        }
        let word_of = vec![None; toks.len()];
        // Names and the words around them: about one word in five of a
        // news text is normalised; room for one in four.
        let words = toks.len() / 4;
        Tokens {
            text,
            toks,
            word_of,
            words: Vec::with_capacity(words),
            by_word: FxHashMap::with_capacity_and_hasher(words, Default::default()),
            arena: String::with_capacity(text.len() / 2),
            folded_buf: String::new(),
            form_buf: String::new(),
        }
    }

    pub fn len(&self) -> usize {
        self.toks.len()
    }

    pub fn str(&self, i: usize) -> &'t str {
        &self.text[self.toks[i].start..self.toks[i].end]
    }

    /// The normal forms of token `i`.
    pub fn norm(&mut self, i: usize, t: &Translit) -> Norm {
        let w = self.word(i, t);
        self.words[w].norm
    }

    /// Token `i`'s index in `words`, normalising the word when new.
    fn word(&mut self, i: usize, t: &Translit) -> usize {
        if let Some(w) = self.word_of[i] {
            return w as usize;
        }
        let s = &self.text[self.toks[i].start..self.toks[i].end];
        // Taken out for the while, so that a new word can be normalised
        // into the arena inside its entry.
        let mut by_word = std::mem::take(&mut self.by_word);
        let w = *by_word.entry(s).or_insert_with(|| {
            let norm = self.normalise(s, t);
            self.words.push(Word {
                norm,
                first_step: None,
            });
            (self.words.len() - 1) as u32
        });
        self.by_word = by_word;
        self.word_of[i] = Some(w);
        w as usize
    }

    /// The normal forms of a word new to the text, kept in the arena.
    fn normalise(&mut self, s: &str, t: &Translit) -> Norm {
        let mut folded = std::mem::take(&mut self.folded_buf);
        let mut form = std::mem::take(&mut self.form_buf);
        folded.clear();
        let latin = fold_token(s, &mut folded);
        let folded_span = self.push(&folded);
        form.clear();
        let fused = t.form(&folded, false, &mut form);
        let (form_span, key_span) = self.push_form_and_key(&form, t);
        // Without a fused article the first token's form is the same.
        let initial = if fused {
            form.clear();
            t.form(&folded, true, &mut form);
            (form != self.span(form_span)).then(|| self.push_form_and_key(&form, t))
        } else {
            None
        };
        let n = Norm {
            latin,
            article: t.is_article(&folded),
            folded: folded_span,
            form: form_span,
            key: key_span,
            initial,
        };
        self.folded_buf = folded;
        self.form_buf = form;
        n
    }

    /// Where token `i`'s key leads from the name index's root, as the
    /// first word of a name.
    fn first_step(&mut self, i: usize, geo: &Geoparser) -> Step {
        let w = self.word(i, geo.gazetteer.translit());
        if let Some(step) = self.words[w].first_step {
            return step;
        }
        let norm = self.words[w].norm;
        let (_, key) = norm.initial.unwrap_or((norm.form, norm.key));
        let key = self.span(key).as_bytes();
        let step = geo
            .kept_steps
            .get_or_feed(key, || geo.root_steps.feed(geo.gazetteer.fst(), key));
        self.words[w].first_step = Some(step);
        step
    }

    /// Appends `s` to the arena; its span.
    fn push(&mut self, s: &str) -> Span {
        let start = self.arena.len();
        self.arena.push_str(s);
        (start, self.arena.len())
    }

    /// Appends a form and its key to the arena.
    fn push_form_and_key(&mut self, form: &str, t: &Translit) -> (Span, Span) {
        let form_span = self.push(form);
        let start = self.arena.len();
        t.key(form, &mut self.arena);
        (form_span, (start, self.arena.len()))
    }

    /// A normal form of the arena.
    pub fn span(&self, s: Span) -> &str {
        &self.arena[s.0..s.1]
    }

    /// Lowercase fold of token `i` (normalising it if needed).
    pub fn folded(&mut self, i: usize, t: &Translit) -> &str {
        let f = self.fold(i, t);
        self.fold_str(f)
    }

    /// Where the lowercase fold of token `i` lies (normalising it if
    /// needed), to read it once the tokens are no longer borrowed mutably.
    pub fn fold(&mut self, i: usize, t: &Translit) -> Fold {
        // Most words are their own fold: no need to normalise them.
        let s = self.str(i);
        if s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        {
            return Fold::Text(self.toks[i].start, self.toks[i].end);
        }
        Fold::Arena(self.norm(i, t).folded)
    }

    /// The fold that `f` locates.
    pub fn fold_str(&self, f: Fold) -> &str {
        match f {
            Fold::Text(start, end) => &self.text[start..end],
            Fold::Arena(span) => self.span(span),
        }
    }
}

/// Where a token's lowercase fold lies (see [`Tokens::fold`]).
#[derive(Debug, Clone, Copy)]
pub enum Fold {
    /// The token itself, a lowercase word.
    Text(usize, usize),
    /// A normal form in the arena.
    Arena(Span),
}

/// A name found in the gazetteer's index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RawMatch {
    /// First and last token, inclusive.
    pub first: usize,
    pub last: usize,
    /// FST output: where the postings are.
    pub value: u64,
    /// Hash of the matched spelling's form.
    pub form: u32,
}

/// Whether token `i` may start a name: a capitalised token, or an article
/// joined by a hyphen to a capitalised one ("al-Mayadin").
fn can_start(toks: &[Tok], i: usize) -> bool {
    let t = &toks[i];
    if t.case.capitalised() {
        return true;
    }
    t.case == Case::Lower
        && toks
            .get(i + 1)
            .is_some_and(|n| n.hyphen_before && n.case.capitalised())
}

/// Feeds `key` to the name index from `node`, whose output so far is
/// `out`: the node reached and its output, or `None` where no name goes on
/// so.
fn feed<'f>(
    fst: &'f Fst<Slice>,
    mut node: Node<'f>,
    mut out: Output,
    key: &[u8],
) -> Option<(Node<'f>, Output)> {
    for &b in key {
        let tr = node.transition(node.find_input(b)?);
        out = out.cat(tr.out);
        node = fst.node(tr.addr);
    }
    Some((node, out))
}

/// Where every key's first two bytes lead in the name index. Every
/// capitalised word of a text is looked up from the root, and the nodes
/// nearest the root, with the most transitions, are the costliest to
/// decode: a table read replaces the first two.
pub struct RootSteps {
    /// Each byte's row and column in `steps`, or `ABSENT` when no key has
    /// it among its first two bytes.
    class: [u16; 256],
    /// Bytes that start keys or follow their first byte.
    width: usize,
    /// Where each two bytes lead, as a step from the root; `None` where no
    /// key starts so.
    steps: Vec<Step>,
}

const ABSENT: u16 = u16::MAX;

impl RootSteps {
    pub fn new(fst: &Fst<Slice>) -> Self {
        let root = fst.root();
        let mut present = [false; 256];
        for first in root.transitions() {
            present[usize::from(first.inp)] = true;
            for second in fst.node(first.addr).transitions() {
                present[usize::from(second.inp)] = true;
            }
        }
        let mut class = [ABSENT; 256];
        let mut width = 0;
        for (b, _) in present.iter().enumerate().filter(|(_, &p)| p) {
            class[b] = width as u16;
            width += 1;
        }
        let mut steps = vec![None; width * width];
        for first in root.transitions() {
            let row = usize::from(class[usize::from(first.inp)]) * width;
            for second in fst.node(first.addr).transitions() {
                let out = first.out.cat(second.out);
                steps[row + usize::from(class[usize::from(second.inp)])] =
                    Some((second.addr, out.value()));
            }
        }
        RootSteps {
            class,
            width,
            steps,
        }
    }

    /// Where `key` leads from the root, as [`feed`] from it.
    fn feed(&self, fst: &Fst<Slice>, key: &[u8]) -> Step {
        let from_root = |key: &[u8]| {
            feed(fst, fst.root(), Output::zero(), key).map(|(node, out)| (node.addr(), out.value()))
        };
        let [a, b, rest @ ..] = key else {
            return from_root(key);
        };
        let (a, b) = (self.class[usize::from(*a)], self.class[usize::from(*b)]);
        if a == ABSENT || b == ABSENT {
            return None;
        }
        let (addr, out) = self.steps[usize::from(a) * self.width + usize::from(b)]?;
        feed(fst, fst.node(addr), Output::new(out), rest)
            .map(|(node, out)| (node.addr(), out.value()))
    }
}

/// Most keys [`KeptSteps`] keeps: about 4 MB whatever the texts hold.
const MAX_KEPT_STEPS: usize = 1 << 16;

/// Where words lead from the name index's root, kept across texts. The
/// capitalised words of news ("The", "President", "Syria") recur from
/// article to article, and each walk from the root reads nodes scattered
/// across the index, most of them out of the cache.
#[derive(Default)]
pub struct KeptSteps {
    steps: RwLock<FxHashMap<Box<[u8]>, Step>>,
}

impl KeptSteps {
    /// Where `key` leads from the root: kept, or walked by `feed`.
    fn get_or_feed(&self, key: &[u8], feed: impl FnOnce() -> Step) -> Step {
        if let Some(step) = self.steps.read().ok().and_then(|s| s.get(key).copied()) {
            return step;
        }
        let step = feed();
        // A busy or poisoned lock only means the key is walked again.
        if let Ok(mut steps) = self.steps.try_write() {
            if steps.len() < MAX_KEPT_STEPS {
                steps.insert(key.into(), step);
            }
        }
        step
    }
}

/// The longest name starting at token `i`, with the shorter ones in
/// `capitalised` (see [`Tokens::longest_at`]).
fn walk(
    tokens: &mut Tokens,
    i: usize,
    geo: &Geoparser,
    capitalised: &mut Vec<RawMatch>,
) -> Option<RawMatch> {
    let (fst, t) = (geo.gazetteer.fst(), geo.gazetteer.translit());
    // The function words a name never ends on.
    let stop = &geo.context.function;
    capitalised.clear();
    if !can_start(&tokens.toks, i) {
        return None;
    }
    // Where the name so far leads in the index: nowhere before its first
    // word is fed.
    let mut state: Option<(Node, Output)> = None;
    // The FNV-1a state of the name's form so far.
    let mut form = FNV1A64_START;
    let mut best = None;
    let n = tokens.len();
    for j in i..n.min(i + MAX_TOKENS) {
        if j > i && !tokens.toks[j].joined {
            break;
        }
        let followed = j + 1 < n && tokens.toks[j + 1].joined;
        let case = tokens.toks[j].case;
        let norm = tokens.norm(j, t);
        if !norm.latin || tokens.span(norm.folded).is_empty() {
            break;
        }
        if norm.article && followed {
            continue;
        }
        let (f, step) = match state {
            Some((node, out)) => {
                let key = tokens.span(norm.key).as_bytes();
                (norm.form, feed(fst, node, out, key))
            }
            None => {
                let (f, _) = norm.initial.unwrap_or((norm.form, norm.key));
                let step = tokens.first_step(j, geo);
                (
                    f,
                    step.map(|(addr, value)| (fst.node(addr), Output::new(value))),
                )
            }
        };
        let Some((node, out)) = step else {
            return longest(best, capitalised);
        };
        state = step;
        form = fnv1a64_extend(form, tokens.span(f).as_bytes());
        // A name ends on a capitalised word, or on a lowercase one inside
        // a longer name ("Al-Omar oil field", "Deir ez-Zor airport").
        let can_end = case.capitalised() || (j > i && !stop.contains(tokens.span(norm.folded)));
        if node.is_final() && can_end {
            let m = RawMatch {
                first: i,
                last: j,
                value: out.cat(node.final_output()).value(),
                form: hash24(form),
            };
            best = Some(m);
            if case.capitalised() {
                capitalised.push(m);
            }
        }
        // Walks stop with the FST; `best` holds the longest name so far.
        if node.is_empty() {
            break;
        }
    }
    longest(best, capitalised)
}

/// The longest name, and leaves the capitalised ones longest first,
/// without it, in `capitalised`.
fn longest(best: Option<RawMatch>, capitalised: &mut Vec<RawMatch>) -> Option<RawMatch> {
    let any = best?;
    capitalised.retain(|c| *c != any);
    capitalised.reverse();
    Some(any)
}

impl Tokens<'_> {
    /// The longest name starting at token `i`, if any; `capitalised` gets
    /// the names there ending on a capitalised word, longest first, without
    /// it: the fallbacks when a longer one is no place or only another
    /// spelling of one ("Quetta bus" for Bais; "Syria's Raqqa" for some
    /// village's alternate name). One list serves every token.
    pub fn longest_at(
        &mut self,
        i: usize,
        geo: &Geoparser,
        capitalised: &mut Vec<RawMatch>,
    ) -> Option<RawMatch> {
        walk(self, i, geo, capitalised)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cases_and_sentences() {
        let t = Tokens::new("Near Raqqa, the US said. Then al-Mayadin fell");
        let cases: Vec<Case> = t.toks.iter().map(|t| t.case).collect();
        assert_eq!(
            cases,
            [
                Case::Title,
                Case::Title,
                Case::Lower,
                Case::Upper,
                Case::Lower,
                Case::Title,
                Case::Lower,
                Case::Title,
                Case::Lower
            ]
        );
        assert!(t.toks[0].sentence_start);
        assert!(!t.toks[1].sentence_start);
        assert!(t.toks[5].sentence_start);
        assert!(t.toks[7].hyphen_before);
        assert!(!t.toks[2].joined, "a comma breaks names");
    }
}
