//! Counts and what they count (spec §6).
//!
//! [`NumberReader::numbers`] reads quantities written in digits ("1,200"),
//! words ("two", "twenty-eight", "a dozen", "three hundred"), ranges ("5-7",
//! "between five and seven"), with modifiers ("at least", "more than") and
//! vague quantities with ACLED's conventional values ("several" 10,
//! "dozens" 12, "scores" 20, "hundreds" 100), all listed in
//! `data/extract/numbers.tsv`.
//!
//! [`NumberReader::casualties`] ties each count of people to its head, the
//! word that says what happened to them (killed, dead, bodies, died vs.
//! wounded, arrested, displaced: `data/extract/casualties.tsv`), and to the
//! kind of person counted (civilians, children, women, combatants). The
//! head is read right after the counted noun ("five soldiers were
//! killed"), else before the count ("killing two people and wounding
//! five"), else from the end of a coordinated list ("68 children and 57
//! women killed"). Counts after "including" or "the dead include" are
//! breakdowns of a total, not additions to it.

use rustc_hash::FxHashMap;

use crate::phrases::PhraseSet;
use crate::table::{self, list, rows};
use crate::tokens::{Kind, Tokens};
use crate::AnnotateError;

const NUMBERS: &str = "extract/numbers.tsv";
const CASUALTIES: &str = "extract/casualties.tsv";
/// How far left of a count its head may stand.
const HEAD_REACH: usize = 12;
/// How far left of a count a toll that rose to it may stand.
const RISE_REACH: usize = 20;
/// How far past "who" a relative clause may run before the noun's own verb.
const RELATIVE_REACH: usize = 12;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Word {
    Unit(u64),
    Ten(u64),
    Scale(u64),
    Dozen,
    Vague(u64),
    /// "at least", "more than": the figure stays, the phrase is kept.
    Modifier,
    /// "between", "from": opens a range.
    RangeOpen,
}

/// A quantity in text: tokens `start..end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quantity {
    pub start: usize,
    pub end: usize,
    /// The conservative figure: the lower end of a range.
    pub value: u64,
    pub low: Option<u64>,
    pub high: Option<u64>,
    /// A conventional value for a vague word ("dozens").
    pub vague: bool,
}

/// What happened to the people counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum HeadClass {
    Death,
    Injury,
    /// "casualties": dead and wounded together, so never a death count.
    Casualty,
    Arrest,
    Abduction,
    Displacement,
    Missing,
}

/// Which side's combatants a noun counts, where it says: a battle's
/// losses on each side add up to its toll.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Side {
    /// A state's forces: "soldiers", "policemen".
    Forces,
    /// Non-state fighters: "militants", "attackers".
    Fighters,
}

/// The kind of person counted (spec §6 breakdowns).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Category {
    Person,
    Civilian,
    Child,
    Woman,
    /// "combatants" says no side; "soldiers" and "militants" do.
    Combatant(Option<Side>),
}

/// A count of people with its head.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Casualty {
    pub quantity: Quantity,
    pub class: HeadClass,
    pub category: Category,
    /// Part of a total given elsewhere ("including 68 children").
    pub breakdown: bool,
    /// Token index of the head word.
    pub head: usize,
    /// A bare figure for a whole toll ("rose to nine", "put it at eight"):
    /// another such figure is another source's estimate, not a part.
    pub toll: bool,
    /// A toll a rise word reaches ("had risen to 12"): the count grew, no
    /// rival source's figure.
    pub risen: bool,
    /// Told as more dead besides ("the bomber also died", "were also
    /// killed").
    pub also: bool,
}

/// A count under consideration: the quantity, the kind of person counted,
/// the head right after the noun (if any) and where the noun ends.
type Candidate = (Quantity, Category, Option<(HeadClass, usize)>, usize);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Entry {
    Head(HeadClass),
    /// A head that is also the counted noun: "12 dead", "12 bodies".
    NounHead(HeadClass),
    Person(Category),
    /// "including", "among them": what follows is a breakdown.
    Breakdown,
    /// Auxiliaries allowed between a noun and its head: "were", "have been".
    Aux,
    /// Modifiers skipped between a count and its noun: "young", "other".
    Modifier,
    /// Words between a head and a bare count: "to", "at".
    Link,
    /// A toll that grows: "has risen to 14", "reached seven".
    Rise,
    /// Words that end the search for a head: "but", "while".
    Boundary,
}

/// Reads quantities and casualty counts.
#[derive(Debug, Clone)]
pub struct NumberReader {
    words: PhraseSet<Word>,
    entries: PhraseSet<Entry>,
    /// Single-word lookups for the hot loop.
    single: FxHashMap<String, Entry>,
}

impl NumberReader {
    pub fn load() -> Result<Self, AnnotateError> {
        let text = table::load(NUMBERS)?;
        let mut words = PhraseSet::new();
        for row in rows(&text) {
            let phrase = row.need(0, NUMBERS, "phrase")?;
            let kind = row.need(1, NUMBERS, "kind")?;
            let val = || -> Result<u64, AnnotateError> {
                row.get(2).parse().map_err(|_| {
                    AnnotateError::data(NUMBERS, row.line, format!("{kind} needs a value"))
                })
            };
            let w = match kind {
                "unit" => Word::Unit(val()?),
                "ten" => Word::Ten(val()?),
                "scale" => Word::Scale(val()?),
                "dozen" => Word::Dozen,
                "vague" => Word::Vague(val()?),
                "modifier" => Word::Modifier,
                "range" => Word::RangeOpen,
                other => {
                    return Err(AnnotateError::data(
                        NUMBERS,
                        row.line,
                        format!("unknown kind {other:?}"),
                    ))
                }
            };
            words.add(phrase, w);
        }
        let text = table::load(CASUALTIES)?;
        let mut entries = PhraseSet::new();
        let mut single = FxHashMap::default();
        for row in rows(&text) {
            let kind = row.need(1, CASUALTIES, "kind")?;
            let arg = row.get(2);
            let class = |a: &str| -> Result<HeadClass, AnnotateError> {
                Ok(match a {
                    "death" => HeadClass::Death,
                    "injury" => HeadClass::Injury,
                    "casualty" => HeadClass::Casualty,
                    "arrest" => HeadClass::Arrest,
                    "abduction" => HeadClass::Abduction,
                    "displacement" => HeadClass::Displacement,
                    "missing" => HeadClass::Missing,
                    other => {
                        return Err(AnnotateError::data(
                            CASUALTIES,
                            row.line,
                            format!("unknown class {other:?}"),
                        ))
                    }
                })
            };
            let entry = match kind {
                "head" => Entry::Head(class(arg)?),
                "noun_head" => Entry::NounHead(class(arg)?),
                "person" => Entry::Person(match arg {
                    "person" | "" => Category::Person,
                    "civilian" => Category::Civilian,
                    "child" => Category::Child,
                    "woman" => Category::Woman,
                    "combatant" => Category::Combatant(None),
                    "force" => Category::Combatant(Some(Side::Forces)),
                    "fighter" => Category::Combatant(Some(Side::Fighters)),
                    other => {
                        return Err(AnnotateError::data(
                            CASUALTIES,
                            row.line,
                            format!("unknown category {other:?}"),
                        ))
                    }
                }),
                "breakdown" => Entry::Breakdown,
                "aux" => Entry::Aux,
                "modifier" => Entry::Modifier,
                "link" => Entry::Link,
                "rise" => Entry::Rise,
                "boundary" => Entry::Boundary,
                other => {
                    return Err(AnnotateError::data(
                        CASUALTIES,
                        row.line,
                        format!("unknown kind {other:?}"),
                    ))
                }
            };
            for phrase in list(row.need(0, CASUALTIES, "phrase")?) {
                let t = Tokens::new(phrase);
                if t.len() == 1 {
                    single.insert(t.stem(0).to_string(), entry);
                }
                entries.add(phrase, entry);
            }
        }
        Ok(NumberReader {
            words,
            entries,
            single,
        })
    }

    /// The quantities in tokens `from..to`.
    pub fn numbers(&self, toks: &Tokens, from: usize, to: usize) -> Vec<Quantity> {
        let mut out = Vec::new();
        let mut i = from;
        while i < to {
            match self.read_at(toks, i, to) {
                Some(q) => {
                    i = q.end;
                    out.push(q);
                }
                None => i += 1,
            }
        }
        out
    }

    /// Whether token `i` ends a quantity ("thousands", "200", "dozens"), so
    /// that in "thousands of protesters" the protesters are the head.
    pub fn is_quantity_end(&self, toks: &Tokens, i: usize) -> bool {
        toks.kind(i) == Kind::Number
            || (0..=i.min(3)).any(|back| {
                let s = i - back;
                self.words.longest_at(toks, s, i + 1).is_some_and(|m| {
                    m.end == i + 1 && !matches!(m.value, Word::Modifier | Word::RangeOpen)
                })
            })
    }

    fn word_at(&self, toks: &Tokens, i: usize, to: usize) -> Option<(Word, usize)> {
        if i >= to || toks.kind(i) != Kind::Word {
            return None;
        }
        self.words
            .longest_at(toks, i, to)
            .map(|m| (*m.value, m.end))
    }

    /// A plain figure at `i`: digits or number words, no modifier.
    fn figure_at(&self, toks: &Tokens, i: usize, to: usize) -> Option<(u64, bool, usize)> {
        if i >= to {
            return None;
        }
        if toks.kind(i) == Kind::Number {
            let s = toks.norm(i);
            if s.ends_with(|c: char| c.is_ascii_alphabetic()) {
                return None; // an ordinal
            }
            let (value, mut end) = if s.contains('.') && !s.contains(',') {
                let f: f64 = s.parse().ok()?;
                match self.word_at(toks, i + 1, to) {
                    Some((Word::Scale(k), e)) => ((f * k as f64).round() as u64, e),
                    _ => return None,
                }
            } else {
                let v: u64 = s.replace(',', "").parse().ok()?;
                (v, i + 1)
            };
            let mut value = value;
            if let Some((Word::Scale(k), e)) = self.word_at(toks, end, to) {
                if end == i + 1 {
                    value = value.saturating_mul(k);
                    end = e;
                }
            }
            return Some((value, false, end));
        }
        let (w, mut end) = self.word_at(toks, i, to)?;
        let mut value = match w {
            Word::Unit(v) => v,
            Word::Ten(v) => {
                // "twenty-eight", "twenty eight"
                let mut v = v;
                let j = if end < to && toks.norm(end) == "-" {
                    end + 1
                } else {
                    end
                };
                if let Some((Word::Unit(u), e)) = self.word_at(toks, j, to) {
                    if (1..10).contains(&u) {
                        v += u;
                        end = e;
                    }
                }
                v
            }
            // "dozens": the plural shares the stem of "dozen", but is
            // vague (spec §6).
            Word::Dozen if toks.norm(i) != "dozen" => return Some((12, true, end)),
            Word::Dozen => {
                // "a dozen": the article is read by the caller; "dozen" alone is 12.
                12
            }
            Word::Vague(v) => return Some((v, true, end)),
            _ => return None,
        };
        // "three hundred", "two dozen", "five thousand".
        loop {
            match self.word_at(toks, end, to) {
                Some((Word::Scale(k), e)) => {
                    value = value.saturating_mul(k);
                    end = e;
                }
                Some((Word::Dozen, e)) => {
                    value = value.saturating_mul(12);
                    end = e;
                }
                _ => break,
            }
        }
        Some((value, false, end))
    }

    fn read_at(&self, toks: &Tokens, i: usize, to: usize) -> Option<Quantity> {
        let mut start = i;
        let mut j = i;
        let mut opens_range = false;
        if let Some((w, e)) = self.word_at(toks, j, to) {
            match w {
                Word::Modifier => j = e,
                Word::RangeOpen => {
                    j = e;
                    opens_range = true;
                }
                _ => {}
            }
        }
        // "a dozen", "a few": the article belongs to the number.
        if j < to
            && matches!(toks.norm(j), "a" | "an")
            && matches!(
                self.word_at(toks, j + 1, to),
                Some((Word::Dozen | Word::Vague(_), _))
            )
        {
            j += 1;
        }
        let (value, vague, mut end) = self.figure_at(toks, j, to)?;
        if j > i && end == j {
            return None;
        }
        if opens_range && j == i {
            start = i;
        }
        let mut q = Quantity {
            start,
            end,
            value,
            low: None,
            high: None,
            vague,
        };
        // Ranges: "5-7", "5 to 7", "five or six", "between 5 and 7".
        if end < to && !vague {
            let joiner = toks.norm(end);
            let ok = matches!(joiner, "-" | "to" | "or") || (opens_range && joiner == "and");
            if ok {
                if let Some((hi, false, e)) = self.figure_at(toks, end + 1, to) {
                    if hi > value {
                        q.low = Some(value);
                        q.high = Some(hi);
                        end = e;
                        q.end = end;
                    }
                }
            }
        }
        if opens_range && q.high.is_none() {
            // "between" without a second figure: not a range after all.
            q.start = j;
        }
        Some(q)
    }

    fn entry_at(&self, toks: &Tokens, i: usize, to: usize) -> Option<(Entry, usize)> {
        if i >= to {
            return None;
        }
        let longest = self
            .entries
            .longest_at(toks, i, to)
            .map(|m| (*m.value, m.end));
        if longest.is_some() {
            return longest;
        }
        self.single.get(toks.stem(i)).map(|e| (*e, i + 1))
    }

    /// The counts of people in tokens `from..to` with their heads. Tokens
    /// inside `skip` spans (date expressions) are not counts.
    pub fn casualties(
        &self,
        toks: &Tokens,
        from: usize,
        to: usize,
        skip: &[(usize, usize)],
    ) -> Vec<Casualty> {
        let mut cands: Vec<Candidate> = Vec::new();
        let mut quantities = self.numbers(toks, from, to);
        quantities.retain(|q| !skip.iter().any(|&(a, b)| q.start < b && a < q.end));
        // "24-year-old", "a 5-month-old": an age, not a count.
        quantities.retain(|q| !age_unit_at(toks, q.end, to));
        // "a soldier", "an officer": one person, when a head is right there
        // ("a soldier was killed", "killing a soldier").
        let mut singles = Vec::new();
        for i in from..to {
            let the = toks.norm(i) == "the";
            if (the || matches!(toks.norm(i), "a" | "an" | "one"))
                && !quantities.iter().any(|q| q.start <= i && i < q.end)
            {
                if let Some((Entry::Person(category), e)) = self.noun_group(toks, i + 1, to) {
                    // "a farmer and his wife", "a man and a boy": two.
                    let pair = (e + 2 < to
                        && toks.norm(e) == "and"
                        && matches!(toks.norm(e + 1), "his" | "her" | "their" | "a" | "an"))
                    .then(|| self.noun_group(toks, e + 2, to))
                    .flatten()
                    .and_then(|(entry, e2)| matches!(entry, Entry::Person(_)).then_some(e2));
                    // "The bomber also died", "killing the gunman": the one
                    // perpetrator, who died rather than killed. Else "the"
                    // counts only a pair named as victims ("killing the driver
                    // and his son"): a lone "the soldier" is someone told before.
                    if the
                        && !self.lone_perpetrator_died(toks, category, i, e, from, to)
                        && !(pair.is_some() && self.head_just_before(toks, i, from))
                    {
                        continue;
                    }
                    if self.head_after(toks, pair.unwrap_or(e), to).is_some()
                        || self.head_just_before(toks, i, from)
                    {
                        singles.push(Quantity {
                            start: i,
                            end: i + 1,
                            value: if pair.is_some() { 2 } else { 1 },
                            low: None,
                            high: None,
                            vague: false,
                        });
                    }
                }
            }
        }
        quantities.extend(singles);
        quantities.sort_by_key(|q| q.start);
        let counts_at: Vec<usize> = quantities.iter().map(|q| q.start).collect();
        for q in quantities {
            let (category, noun_end, noun_head) = match self.noun_group(toks, q.end, to) {
                Some((Entry::Person(c), e)) => (c, e, None),
                Some((Entry::NounHead(h), e)) => (Category::Person, e, Some((h, e - 1))),
                // "eleven Palestinians were killed": a plural name of people.
                _ if q.end < to
                    && toks.is_capitalized(q.end)
                    && toks.norm(q.end).ends_with("ns") =>
                {
                    (Category::Person, q.end + 1, None)
                }
                _ => (Category::Person, q.end, None),
            };
            // "Five of the dead were children": the kind is told after.
            let category = match noun_head {
                Some((_, h)) if of_the_dead(toks, q.end) => {
                    self.predicate_kind(toks, h + 1, to).unwrap_or(category)
                }
                _ => category,
            };
            // "Four gunmen killed three soldiers": a head verb with a count
            // right after it has the first count as its subject.
            let after = noun_head.or_else(|| {
                self.head_after(toks, noun_end, to)
                    .filter(|&(_, h)| !counts_at.contains(&(h + 1)))
            });
            let person = noun_end > q.end;
            // A bare count needs a head right before it ("killing scores")
            // or a toll that rose to it.
            if !person
                && after.is_none()
                && !self.head_just_before(toks, q.start, from)
                && !self.after_rise(toks, q.start, from)
            {
                continue;
            }
            cands.push((q, category, after, noun_end));
        }
        // "rose to nine", "put it at eight": a count with no noun of its
        // own, reached by a rise or a link word.
        let toll = |q: &Quantity, noun_end: usize, risen: bool| {
            noun_end == q.end
                && (risen
                    || (q.start > from
                        && matches!(
                            self.entry_at(toks, q.start - 1, q.start),
                            Some((Entry::Link, _))
                        )))
        };
        let mut out = Vec::with_capacity(cands.len());
        // "Seven people, three soldiers and four militants, died": the
        // counts set off after a total of people are its breakdown.
        let mut apposed = false;
        for k in 0..cands.len() {
            let (q, category, after, noun_end) = cands[k];
            if k > 0 {
                let (_, prev_category, _, prev_end) = cands[k - 1];
                let gap = gap_words(toks, prev_end, q.start);
                apposed = if gap.as_slice() == [","] && prev_category == Category::Person {
                    category != Category::Person
                } else {
                    apposed && joins(&gap)
                };
            }
            // "The toll from Tuesday's raid on the base has risen to 15":
            // the toll may stand far before its figure.
            let risen = self.after_rise(toks, q.start, from);
            let reach = if risen { RISE_REACH } else { HEAD_REACH };
            let head = after
                .or_else(|| self.head_before(toks, q.start, from, reach))
                .or_else(|| self.list_head(toks, &cands, k, to));
            let Some((class, head)) = head else { continue };
            out.push(Casualty {
                quantity: q,
                class,
                category,
                breakdown: apposed || self.is_breakdown(toks, q, from),
                head,
                toll: toll(&q, noun_end, risen),
                risen,
                also: (q.start.min(head)..q.end.max(head)).any(|k| toks.norm(k) == "also"),
            });
        }
        out
    }

    /// The person noun (or noun head) a count applies to, skipping names
    /// and modifiers: "20 Daesh fighters", "three young children".
    fn noun_group(&self, toks: &Tokens, i: usize, to: usize) -> Option<(Entry, usize)> {
        // "a 35-year-old man": an age is one modifier, however many tokens.
        let mut j = i;
        for _ in 0..4 {
            if j >= to {
                return None;
            }
            if toks.kind(j) == Kind::Number && age_unit_at(toks, j + 1, to) {
                j = (j + 3..to.min(j + 5))
                    .find(|&k| toks.norm(k) == "old")
                    .map_or(j + 3, |k| k + 1);
                continue;
            }
            if let Some((e @ (Entry::Person(_) | Entry::NounHead(_)), end)) =
                self.entry_at(toks, j, to)
            {
                return Some((e, end));
            }
            // Skip names, nationalities, hyphenated modifiers
            // ("pro-government") and listed modifiers.
            // "three of the soldiers": a part of the counted noun.
            // A count in quotes ("killed 'dozens' of soldiers") counts the
            // same noun.
            let quote = |k: usize| matches!(toks.norm(k), "\"" | "'");
            let skippable = quote(j)
                || (toks.norm(j) == "of" && (i..j).all(quote))
                || (toks.kind(j) == Kind::Word && toks.is_capitalized(j))
                || toks.norm(j) == "-"
                || (toks.kind(j) == Kind::Word && j + 1 < to && toks.norm(j + 1) == "-")
                || matches!(self.single.get(toks.stem(j)), Some(Entry::Modifier));
            if !skippable {
                return None;
            }
            j += 1;
        }
        None
    }

    /// The kind of person a copula at `i` says a count is: "were children".
    fn predicate_kind(&self, toks: &Tokens, i: usize, to: usize) -> Option<Category> {
        if i >= to || !matches!(toks.norm(i), "were" | "are" | "was") {
            return None;
        }
        match self.noun_group(toks, i + 1, to) {
            Some((Entry::Person(c), _)) => Some(c),
            _ => None,
        }
    }

    /// Whether "the" + noun at `i..e` is a single non-state attacker who
    /// died: killed by someone ("killing the gunman") or dying ("the bomber
    /// also died", "the attacker was shot dead"), not killing.
    fn lone_perpetrator_died(
        &self,
        toks: &Tokens,
        category: Category,
        i: usize,
        e: usize,
        from: usize,
        to: usize,
    ) -> bool {
        let noun = toks.norm(e - 1);
        let singular = !noun.ends_with('s') && !noun.ends_with("men");
        if category != Category::Combatant(Some(Side::Fighters)) || !singular {
            return false;
        }
        if self.head_just_before(toks, i, from) {
            return true;
        }
        self.head_after(toks, e, to).is_some_and(|(class, h)| {
            class == HeadClass::Death
                && (matches!(toks.norm(h), "died" | "dies" | "perished")
                    || (e..h).any(|k| matches!(toks.norm(k), "was" | "is" | "been")))
        })
    }

    /// A head right after the counted noun, through auxiliaries and a
    /// quotation mark: "were killed", "have been wounded", "dead", had been
    /// "neutralised".
    fn head_after(&self, toks: &Tokens, i: usize, to: usize) -> Option<(HeadClass, usize)> {
        let mut j = i;
        for _ in 0..5 {
            if j >= to {
                return None;
            }
            // "A resident who tried to stop the attackers was shot dead":
            // the noun's own verb comes after its relative clause.
            if j == i && toks.norm(j) == "who" {
                return (j + 1..to.min(j + RELATIVE_REACH))
                    .filter(|&k| matches!(self.entry_at(toks, k, to), Some((Entry::Aux, _))))
                    .find_map(|k| self.head_after(toks, k, to));
            }
            if matches!(toks.norm(j), "\"" | "'") {
                j += 1;
                continue;
            }
            match self.entry_at(toks, j, to) {
                Some((Entry::Head(h) | Entry::NounHead(h), _)) => return Some((h, j)),
                Some((Entry::Aux, e)) => j = e,
                _ => return None,
            }
        }
        None
    }

    /// In "68 children and 57 women killed" the head after the last member
    /// of the list applies to every member; so does a head after a comma
    /// closing the list ("three soldiers and four militants, died").
    fn list_head(
        &self,
        toks: &Tokens,
        cands: &[Candidate],
        k: usize,
        to: usize,
    ) -> Option<(HeadClass, usize)> {
        let mut prev_end = cands[k].3;
        for c in &cands[k + 1..] {
            if !joins(&gap_words(toks, prev_end, c.0.start)) {
                break;
            }
            if c.2.is_some() {
                return c.2;
            }
            prev_end = c.3;
        }
        let listed = prev_end > cands[k].3
            || (k > 0 && joins(&gap_words(toks, cands[k - 1].3, cands[k].0.start)));
        (listed && prev_end < to && toks.norm(prev_end) == ",")
            .then(|| self.head_after(toks, prev_end + 1, to))
            .flatten()
    }

    /// A head immediately before a bare count: "killing scores", "put it
    /// at eight" (a head of several words ends right before the link).
    fn head_just_before(&self, toks: &Tokens, i: usize, from: usize) -> bool {
        let mut j = i;
        // "killed 'dozens' of": the quotation mark is no word between.
        while j > from && matches!(toks.norm(j - 1), "\"" | "'") {
            j -= 1;
        }
        while j > from {
            let entry = (from..j).rev().take(3).find_map(|k| {
                self.entry_at(toks, k, j)
                    .filter(|&(_, end)| end == j)
                    .map(|(e, _)| (e, k))
            });
            match entry {
                // "shot dead a candidate": the last word of a head may
                // also be a noun head alone ("12 dead").
                Some((Entry::Head(_) | Entry::NounHead(_), _)) => return true,
                Some((Entry::Link | Entry::Rise, k)) => j = k,
                _ => return false,
            }
        }
        false
    }

    /// A count a toll rose to: "has risen to 14", "reached seven".
    fn after_rise(&self, toks: &Tokens, i: usize, from: usize) -> bool {
        let mut j = i;
        while j > from && i - j < 3 {
            j -= 1;
            match self.entry_at(toks, j, j + 1) {
                Some((Entry::Rise, _)) => return true,
                Some((Entry::Link | Entry::Aux, _)) => continue,
                _ => return false,
            }
        }
        false
    }

    /// The nearest head to the left of a count in its clause: "killed 20
    /// fighters and 182 others", "the death toll rose to 15".
    fn head_before(
        &self,
        toks: &Tokens,
        i: usize,
        from: usize,
        reach: usize,
    ) -> Option<(HeadClass, usize)> {
        let mut j = i;
        let mut steps = 0;
        while j > from && steps < reach {
            j -= 1;
            steps += 1;
            if matches!(toks.norm(j), ";" | ":" | "\"")
                || matches!(self.single.get(toks.stem(j)), Some(Entry::Boundary))
            {
                return None;
            }
            if let Some((Entry::Head(h) | Entry::NounHead(h), _)) = self.entry_at(toks, j, i) {
                return Some((h, j));
            }
        }
        None
    }

    fn is_breakdown(&self, toks: &Tokens, q: Quantity, from: usize) -> bool {
        // "12 of them children", "five of whom", "five of the dead".
        if (q.end + 1 < toks.len()
            && toks.norm(q.end) == "of"
            && matches!(toks.norm(q.end + 1), "them" | "whom"))
            || of_the_dead(toks, q.end)
        {
            return true;
        }
        let mut j = q.start;
        let mut steps = 0;
        while j > from && steps < 8 {
            j -= 1;
            steps += 1;
            if matches!(toks.norm(j), ";" | ":") {
                return false;
            }
            if let Some((Entry::Breakdown, e)) = self.entry_at(toks, j, q.start) {
                if e <= q.start {
                    return true;
                }
            }
        }
        false
    }
}

/// Whether an age's unit starts at `i`: the "-year" of "24-year-old".
fn age_unit_at(toks: &Tokens, i: usize, to: usize) -> bool {
    i + 1 < to
        && toks.norm(i) == "-"
        && matches!(
            toks.norm(i + 1),
            "year" | "years" | "month" | "months" | "week" | "weeks" | "day" | "days"
        )
}

/// Whether a count's "of" at `i` takes part of the dead: "five of the
/// dead", "three of those killed".
fn of_the_dead(toks: &Tokens, i: usize) -> bool {
    i + 2 < toks.len()
        && toks.norm(i) == "of"
        && matches!(toks.norm(i + 1), "the" | "those")
        && matches!(
            toks.norm(i + 2),
            "dead" | "victims" | "killed" | "bodies" | "deceased"
        )
}

/// The words between two counts.
fn gap_words<'t>(toks: &'t Tokens, from: usize, to: usize) -> Vec<&'t str> {
    (from..to).map(|t| toks.norm(t)).collect()
}

/// Whether the words between two counts join them into one list.
fn joins(gap: &[&str]) -> bool {
    matches!(gap, ["and"] | [","] | [",", "and"] | ["and", "at", "least"])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reader() -> NumberReader {
        NumberReader::load().unwrap()
    }

    fn values(text: &str) -> Vec<(u64, Option<u64>, Option<u64>, bool)> {
        let r = reader();
        let t = Tokens::new(text);
        r.numbers(&t, 0, t.len())
            .iter()
            .map(|q| (q.value, q.low, q.high, q.vague))
            .collect()
    }

    // Invented phrases.
    #[test]
    fn digits_words_and_ranges() {
        assert_eq!(values("1,200 people"), [(1200, None, None, false)]);
        assert_eq!(values("twenty-eight men"), [(28, None, None, false)]);
        assert_eq!(values("a dozen men"), [(12, None, None, false)]);
        assert_eq!(values("two dozen men"), [(24, None, None, false)]);
        assert_eq!(values("three hundred men"), [(300, None, None, false)]);
        assert_eq!(
            values("1.5 million people"),
            [(1_500_000, None, None, false)]
        );
        assert_eq!(values("5-7 men"), [(5, Some(5), Some(7), false)]);
        assert_eq!(
            values("between five and seven men"),
            [(5, Some(5), Some(7), false)]
        );
        assert_eq!(values("at least 40 men"), [(40, None, None, false)]);
    }

    #[test]
    fn vague_quantities_take_conventional_values() {
        assert_eq!(values("several men"), [(10, None, None, true)]);
        assert_eq!(values("a number of men"), [(10, None, None, true)]);
        assert_eq!(values("dozens of men"), [(12, None, None, true)]);
        assert_eq!(values("killing dozens"), [(12, None, None, true)]);
        assert_eq!(values("a dozen men"), [(12, None, None, false)]);
        assert_eq!(values("scores of men"), [(20, None, None, true)]);
        assert_eq!(values("hundreds of men"), [(100, None, None, true)]);
    }

    fn heads(text: &str) -> Vec<(u64, HeadClass, Category, bool)> {
        let r = reader();
        let t = Tokens::new(text);
        r.casualties(&t, 0, t.len(), &[])
            .iter()
            .map(|c| (c.quantity.value, c.class, c.category, c.breakdown))
            .collect()
    }

    #[test]
    fn heads_before_after_and_across_lists() {
        use Category::*;
        use HeadClass::*;
        assert_eq!(
            heads("The raid killed 20 rebel fighters and 182 others."),
            [
                (20, Death, Combatant(Some(Side::Fighters)), false),
                (182, Death, Person, false)
            ]
        );
        assert_eq!(
            heads("Gunmen opened fire, killing two people and wounding five others."),
            [(2, Death, Person, false), (5, Injury, Person, false)]
        );
        assert_eq!(
            heads("Medics counted 68 children and 57 women killed."),
            [(68, Death, Child, false), (57, Death, Woman, false)]
        );
        assert_eq!(
            heads("The dead include 28 civilians."),
            [(28, Death, Civilian, true)]
        );
        assert_eq!(
            heads("The blast left 7 dead and 30 injured."),
            [(7, Death, Person, false), (30, Injury, Person, false)]
        );
        assert_eq!(
            heads("A soldier was killed."),
            [(1, Death, Combatant(Some(Side::Forces)), false)]
        );
        // The one perpetrator who died, not who killed.
        let fighter = Combatant(Some(Side::Fighters));
        assert_eq!(
            heads("The bomber also died in the blast."),
            [(1, Death, fighter, false)]
        );
        assert_eq!(
            heads("Police shot dead the gunman."),
            [(1, Death, fighter, false)]
        );
        assert!(heads("The gunman killed the mayor.").is_empty());
        assert!(heads("The gunmen were killed.").is_empty());
        assert_eq!(
            heads("A resident who tried to stop the attackers was shot dead."),
            [(1, Death, Person, false)]
        );
        assert_eq!(
            heads("A mob beat a 35-year-old man to death."),
            [(1, Death, Person, false)]
        );
        assert_eq!(
            heads("Five of the dead were children, a health worker said."),
            [(5, Death, Child, true)]
        );
        assert_eq!(
            heads("Seven people, three soldiers and four rebels, died in fighting."),
            [
                (7, Death, Person, false),
                (3, Death, Combatant(Some(Side::Forces)), true),
                (4, Death, Combatant(Some(Side::Fighters)), true)
            ]
        );
        assert_eq!(
            heads("The toll from the raid on the camp has risen to 14."),
            [(14, Death, Person, false)]
        );
        assert_eq!(
            heads("Gunmen shot dead a mayoral candidate."),
            [(1, Death, Person, false)]
        );
        assert_eq!(
            heads("Three of the soldiers were killed."),
            [(3, Death, Combatant(Some(Side::Forces)), false)]
        );
        assert!(heads("He was charged with the murder of 24-year-old John.").is_empty());
        assert_eq!(
            heads("The ministry gave a toll of 85."),
            [(85, Death, Person, false)]
        );
        assert_eq!(
            heads("Four gunmen killed three soldiers."),
            [(3, Death, Combatant(Some(Side::Forces)), false)]
        );
        assert_eq!(
            heads("Waves of raids struck, killing scores."),
            [(20, Death, Person, false)]
        );
    }

    #[test]
    fn counts_of_things_are_not_casualties() {
        assert!(heads("Two of the strikes killed the leaders.").is_empty());
        assert!(heads("The coalition reported five airstrikes.").is_empty());
        assert!(heads("A three-year siege ended.").is_empty());
    }

    #[test]
    fn casualties_are_not_deaths() {
        assert_eq!(heads("There were 15 casualties.")[0].1, HeadClass::Casualty);
    }
}
