//! One article, annotated: tokens, sentences, clauses, cues, actors, dates,
//! counts and places, computed once and shared by every later step.

use std::cell::RefCell;

use chrono::NaiveDate;
use dateline_annotate::{ActorMention, Casualty, DateMention, Kind, MentionRole, Sentence, Tokens};
use dateline_geo::PlaceMention;
use dateline_model::Article;

use crate::lexicon::{cue, CueHit};
use crate::Extractor;

/// How specific a place is, for choosing the event's location.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    /// A town, village, site or district: the best.
    Point,
    /// A second-level administrative area.
    District,
    /// A province or region.
    Region,
    /// A country, continent or body of water: never an event's location.
    Unusable,
}

/// A place mention mapped onto tokens.
#[derive(Debug, Clone)]
pub struct Place<'p> {
    pub start: usize,
    pub end: usize,
    pub level: Level,
    pub mention: &'p PlaceMention,
}

fn level_of(m: &PlaceMention) -> Level {
    let p = &m.place;
    let code = p.feature_code.as_str();
    // "Syrian" is context; "BEIRUT:" is where the story was filed.
    if m.demonym
        || m.dateline
        || code.starts_with("PCL")
        || matches!(code, "CONT" | "TERR" | "OCN" | "SEA" | "GULF")
        || p.feature_class == 'H'
    {
        return Level::Unusable;
    }
    match (p.feature_class, code) {
        ('A', "ADM1") | ('A', "ADM1H") | ('L', "RGN") | ('L', "RGNE") | ('T', _) => Level::Region,
        ('A', _) => Level::District,
        _ => Level::Point,
    }
}

/// One clause: tokens `start..end` and how it opened.
#[derive(Debug, Clone, Copy)]
pub struct Clause {
    pub start: usize,
    pub end: usize,
    /// Opened by a relative pronoun ("who", "which"): its subject is the
    /// actor before the pronoun.
    pub relative: bool,
    /// Opened by a participle after a comma (", killing five"): its subject
    /// is the previous clause's.
    pub participle: bool,
    /// Opened by a relative pronoun without a comma ("residents who were
    /// targeted"): part of the clause before, whose modality it shares.
    pub embedded: bool,
}

/// Everything known about one sentence.
#[derive(Debug, Clone)]
pub struct SentInfo {
    pub sent: Sentence,
    pub cues: Vec<CueHit>,
    pub clauses: Vec<Clause>,
    pub actors: Vec<ActorMention>,
    pub dates: Vec<DateMention>,
    pub casualties: Vec<Casualty>,
    /// Indexes into `Doc::places`.
    pub places: Vec<usize>,
    /// Tokens telling an earlier incident ("two days after insurgents
    /// overran it"), and how many days earlier it came.
    pub earlier: Option<Earlier>,
}

/// A clause opened by "N days after": what it tells came `days` before the
/// time of the rest of the sentence.
#[derive(Debug, Clone, Copy)]
pub struct Earlier {
    pub start: usize,
    pub end: usize,
    pub days: i64,
}

impl Earlier {
    /// So long before that it is background (spec §1): neither an event
    /// nor a toll ("five months after twin car bombs killed 100").
    pub fn is_background(&self) -> bool {
        self.days > crate::coref::BACKGROUND_DAYS
    }

    pub fn holds(&self, start: usize, end: usize) -> bool {
        start >= self.start && end <= self.end
    }
}

impl SentInfo {
    /// Whether any cue of `mask` lies within tokens `from..to`.
    pub fn has_cue(&self, mask: u64, from: usize, to: usize) -> bool {
        self.cues
            .iter()
            .any(|c| c.mask & mask != 0 && c.start >= from && c.end <= to)
    }

    /// Whether the sentence says nobody died ("no casualties"), and not
    /// only that nobody counted ("no casualty figures", a neutral cue).
    pub fn zero_casualties(&self) -> bool {
        self.cues
            .iter()
            .any(|c| c.mask & cue::ZERO_CASUALTIES != 0 && !self.neutralised(c))
    }

    /// Whether a neutral cue covers `c`: "no fewer than" is no negation,
    /// "no casualty figures" no toll of zero, "before dispersing" no
    /// intervention.
    pub fn neutralised(&self, c: &CueHit) -> bool {
        self.cues
            .iter()
            .any(|n| n.mask & cue::NEUTRAL != 0 && n.start <= c.start && c.end <= n.end)
    }

    /// The clause holding token `i`.
    pub fn clause_of(&self, i: usize) -> usize {
        self.clauses
            .iter()
            .position(|c| c.start <= i && i < c.end)
            .unwrap_or(0)
    }
}

/// An annotated article.
pub struct Doc<'a> {
    pub article: &'a Article,
    pub toks: Tokens<'a>,
    pub sents: Vec<Sentence>,
    pub places: Vec<Place<'a>>,
    /// The story's country (ISO), from its places.
    pub country: Option<String>,
    pub published: Option<NaiveDate>,
    /// Per sentence, filled lazily.
    info: Vec<Option<SentInfo>>,
    /// Named actor mentions, for salience: how many sentences have been
    /// scanned, and what they named. Scanned only as far as asked (most
    /// articles never need them).
    named: RefCell<(usize, Vec<(usize, ActorMention)>)>,
}

impl<'a> Doc<'a> {
    pub fn new(
        ex: &Extractor,
        article: &'a Article,
        toks: Tokens<'a>,
        places: &'a [PlaceMention],
    ) -> Self {
        let sents = ex.splitter.sentences(&toks);
        let mut mapped: Vec<Place<'a>> = places
            .iter()
            .filter(|m| m.end <= article.text.len())
            .map(|m| {
                let start = toks.at_byte(m.start);
                let end = toks.at_byte(m.end).max(start + 1);
                Place {
                    start,
                    end,
                    level: level_of(m),
                    mention: m,
                }
            })
            .collect();
        mapped.sort_by_key(|p| (p.start, p.end));
        let country = dateline_geo::dominant_country(places);
        let n = sents.len();
        Doc {
            article,
            toks,
            sents,
            places: mapped,
            country,
            published: article.published,
            info: vec![None; n],
            named: RefCell::new((0, Vec::new())),
        }
    }

    /// Calls `f` with every named actor mention of sentences `0..=s` and
    /// its sentence, in text order.
    pub fn each_named_upto(
        &self,
        ex: &Extractor,
        s: usize,
        mut f: impl FnMut(usize, &ActorMention),
    ) {
        let mut cache = self.named.borrow_mut();
        let (scanned, found) = &mut *cache;
        while *scanned <= s && *scanned < self.sents.len() {
            let i = *scanned;
            // Sentences already analysed have their actors.
            let computed;
            let actors = match &self.info[i] {
                Some(info) => &info.actors,
                None => {
                    let sent = &self.sents[i];
                    let ctx = self.sentence_country(sent);
                    computed = ex
                        .actors
                        .find(&self.toks, sent.start, sent.end, ctx.as_deref());
                    &computed
                }
            };
            found.extend(
                actors
                    .iter()
                    .filter(|m| m.role == MentionRole::Named)
                    .map(|m| (i, m.clone())),
            );
            *scanned += 1;
        }
        for (si, m) in found.iter().take_while(|(si, _)| *si <= s) {
            f(*si, m);
        }
    }

    /// The country a sentence is about: the story's when one of its usable
    /// places is there (a stray namesake elsewhere does not move the story),
    /// else its first usable place's, else the story's.
    pub fn sentence_country(&self, sent: &Sentence) -> Option<String> {
        self.country_of(
            self.places
                .iter()
                .filter(|p| p.start >= sent.start && p.end <= sent.end),
        )
    }

    /// The country that `places` (of one sentence) are about; see
    /// [`Doc::sentence_country`].
    fn country_of<'p>(&self, places: impl Iterator<Item = &'p Place<'a>>) -> Option<String>
    where
        'a: 'p,
    {
        let mut countries = places
            .filter(|p| p.level != Level::Unusable)
            .filter_map(|p| p.mention.place.country.as_ref());
        let first = countries.next();
        let story = self.country.as_ref();
        if story.is_some() && (first == story || countries.any(|c| Some(c) == story)) {
            return story.cloned();
        }
        first.or(story).cloned()
    }

    /// Computes the analysis of sentence `s` if not done yet.
    pub fn ensure(&mut self, ex: &Extractor, s: usize) {
        if self.info[s].is_none() {
            let built = self.build(ex, s);
            self.info[s] = Some(built);
        }
    }

    /// The analysis of sentence `s`; [`Doc::ensure`] it first.
    pub fn get(&self, s: usize) -> &SentInfo {
        self.info[s].as_ref().expect("sentence analysed before use")
    }

    fn build(&self, ex: &Extractor, s: usize) -> SentInfo {
        let sent = self.sents[s];
        let toks = &self.toks;
        let cues = ex.lexicon.cues(toks, sent.start, sent.end);
        let clauses = clauses(toks, &sent, &cues);
        let dates = ex.dates.find(toks, sent.start, sent.end, self.published);
        let skip: Vec<(usize, usize)> = dates.iter().map(|d| (d.start, d.end)).collect();
        // "The attack came five months after ...": the clause the "after"
        // opens is that long before the time of the sentence.
        let earlier = (sent.start + 2..sent.end)
            .filter(|&a| toks.norm(a) == "after")
            .find_map(|a| {
                let (_, days) = ex
                    .dates
                    .span_days(toks, a - 2, a)
                    .filter(|&(end, _)| end == a)?;
                let end = clauses
                    .iter()
                    .find(|c| c.start <= a && a < c.end)
                    .map_or(sent.end, |c| c.end);
                Some(Earlier {
                    start: a,
                    end,
                    days,
                })
            });
        let mut casualties = ex.numbers.casualties(toks, sent.start, sent.end, &skip);
        if let Some(e) = earlier.filter(Earlier::is_background) {
            casualties.retain(|k| !e.holds(k.quantity.start, k.quantity.end));
        }
        // "No one was killed" counts nobody, not one.
        casualties.retain(|k| {
            !cues.iter().any(|c| {
                c.mask & cue::ZERO_CASUALTIES != 0
                    && c.start <= k.quantity.start
                    && k.quantity.end <= c.end
            })
        });
        // "Four soldiers died": a count is no place, whatever the gazetteer says.
        let counted = |p: &Place| {
            casualties
                .iter()
                .any(|k| p.start < k.quantity.end && k.quantity.start < p.end)
        };
        let places: Vec<usize> = self
            .places
            .iter()
            .enumerate()
            .filter(|(_, p)| p.start >= sent.start && p.start < sent.end && !counted(p))
            .map(|(i, _)| i)
            .collect();
        let find_actors = |places: &[usize]| {
            let ctx = self.country_of(places.iter().map(|&i| &self.places[i]));
            ex.actors.find(toks, sent.start, sent.end, ctx.as_deref())
        };
        let mut actors = find_actors(&places);
        // "Al-Shabaab claimed": a group's name is no place, whatever the
        // gazetteer says; without it the sentence's country may change.
        let named = |p: &Place| {
            actors
                .iter()
                .any(|a| a.role == MentionRole::Named && p.start < a.end && a.start < p.end)
        };
        let (places, names): (Vec<usize>, Vec<usize>) =
            places.into_iter().partition(|&i| !named(&self.places[i]));
        if !names.is_empty() {
            actors = find_actors(&places);
        }
        SentInfo {
            sent,
            cues,
            clauses,
            actors,
            dates,
            casualties,
            places,
            earlier,
        }
    }

    /// Byte span of tokens `a..b`.
    pub fn bytes(&self, a: usize, b: usize) -> (usize, usize) {
        let b = b.max(a + 1).min(self.toks.len());
        (self.toks.toks[a].start, self.toks.toks[b - 1].end)
    }

    /// The text of tokens `a..b`.
    pub fn text(&self, a: usize, b: usize) -> &'a str {
        if a >= b || a >= self.toks.len() {
            return "";
        }
        let (x, y) = self.bytes(a, b);
        &self.article.text[x..y]
    }
}

/// Splits a sentence into clauses at clause punctuation, at words that
/// always open a clause ("who", "but"), and after commas at words that open
/// one there ("as", "with", participles). A clause opened by such a word
/// ("Although X did Y, ...") ends at its next comma. Quotes around one to
/// four words ("scare quotes") and short parentheses ("Islamic State (IS)")
/// do not split.
fn clauses(toks: &Tokens, sent: &Sentence, cues: &[CueHit]) -> Vec<Clause> {
    // The masks of the cues starting at each token, read once: every
    // token asks for several kinds.
    let mut starting = vec![0u64; sent.end - sent.start];
    for c in cues
        .iter()
        .filter(|c| (sent.start..sent.end).contains(&c.start))
    {
        starting[c.start - sent.start] |= c.mask;
    }
    let cue_at = |i: usize, mask: u64| starting[i - sent.start] & mask != 0;
    let closer = |i: usize| match toks.norm(i) {
        "\"" => Some("\""),
        "(" => Some(")"),
        _ => None,
    };
    let mut transparent = vec![false; sent.end - sent.start];
    let mut i = sent.start;
    while i < sent.end {
        if let Some(close) = closer(i) {
            if let Some(j) = (i + 1..(i + 6).min(sent.end)).find(|&j| toks.norm(j) == close) {
                transparent[i - sent.start] = true;
                transparent[j - sent.start] = true;
                i = j;
            }
        }
        i += 1;
    }
    let mut out = Vec::new();
    let mut start = sent.start;
    let mut relative = false;
    let mut participle = false;
    let mut subordinate = false;
    let mut embedded = false;
    let mut i = sent.start;
    while i < sent.end {
        let norm = toks.norm(i);
        let punct = toks.kind(i) == Kind::Punct;
        let hard = punct
            && !transparent[i - sent.start]
            && (matches!(norm, ";" | ":" | "(" | ")" | "\"")
                || (norm == "-" && toks.toks[i].space_before)
                || (norm == "," && subordinate));
        if hard {
            if i > start {
                out.push(Clause {
                    start,
                    end: i,
                    relative,
                    participle,
                    embedded,
                });
            }
            start = i + 1;
            relative = false;
            participle = false;
            subordinate = false;
            embedded = false;
            i += 1;
            continue;
        }
        let after_comma = i > sent.start && toks.norm(i - 1) == ",";
        // "before dawn" is a time of day, not a clause.
        let boundary = cue_at(i, cue::BOUNDARY) && !cue_at(i, cue::NEUTRAL);
        let opens = i > start
            && toks.kind(i) == Kind::Word
            && (boundary
                || (after_comma && (cue_at(i, cue::COMMA_BOUNDARY) || norm.ends_with("ing"))));
        if opens || (i == start && boundary) {
            if opens {
                let end = if after_comma { i - 1 } else { i };
                if end > start {
                    out.push(Clause {
                        start,
                        end,
                        relative,
                        participle,
                        embedded,
                    });
                }
                start = i;
            }
            relative = matches!(norm, "who" | "which" | "that" | "whose" | "whom");
            participle = after_comma && norm.ends_with("ing");
            subordinate = cue_at(i, cue::SUBORDINATE);
            embedded = relative && !after_comma;
        }
        i += 1;
    }
    if start < sent.end {
        out.push(Clause {
            start,
            end: sent.end,
            relative,
            participle,
            embedded,
        });
    }
    if out.is_empty() {
        out.push(Clause {
            start: sent.start,
            end: sent.end,
            relative: false,
            participle: false,
            embedded: false,
        });
    }
    out
}
