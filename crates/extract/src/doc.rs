//! One article, annotated: tokens, sentences, clauses, cues, actors, dates,
//! counts and places, computed once and shared by every later step.

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
}

impl SentInfo {
    /// Whether any cue of `mask` lies within tokens `from..to`.
    pub fn has_cue(&self, mask: u64, from: usize, to: usize) -> bool {
        self.cues
            .iter()
            .any(|c| c.mask & mask != 0 && c.start >= from && c.end <= to)
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
    /// Named actor mentions of the whole article, for salience; found on
    /// first use (most articles never need them).
    named: std::cell::OnceCell<Vec<(usize, ActorMention)>>,
}

impl<'a> Doc<'a> {
    pub fn new(ex: &Extractor, article: &'a Article, places: &'a [PlaceMention]) -> Self {
        let toks = Tokens::new(&article.text);
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
            named: std::cell::OnceCell::new(),
        }
    }

    /// Every named actor mention, with its sentence.
    pub fn named(&self, ex: &Extractor) -> &[(usize, ActorMention)] {
        self.named.get_or_init(|| {
            let mut out = Vec::new();
            for (s, sent) in self.sents.iter().enumerate() {
                let ctx = self.sentence_country(sent);
                for m in ex
                    .actors
                    .find(&self.toks, sent.start, sent.end, ctx.as_deref())
                {
                    if m.role == MentionRole::Named {
                        out.push((s, m));
                    }
                }
            }
            out
        })
    }

    /// The country a sentence is about: its first usable place's, else the story's.
    pub fn sentence_country(&self, sent: &Sentence) -> Option<String> {
        self.places
            .iter()
            .filter(|p| p.start >= sent.start && p.end <= sent.end && p.level != Level::Unusable)
            .find_map(|p| p.mention.place.country.clone())
            .or_else(|| self.country.clone())
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
        let ctx = self.sentence_country(&sent);
        let actors = ex.actors.find(toks, sent.start, sent.end, ctx.as_deref());
        let dates = ex.dates.find(toks, sent.start, sent.end, self.published);
        let skip: Vec<(usize, usize)> = dates.iter().map(|d| (d.start, d.end)).collect();
        let casualties = ex.numbers.casualties(toks, sent.start, sent.end, &skip);
        let places = self
            .places
            .iter()
            .enumerate()
            .filter(|(_, p)| p.start >= sent.start && p.start < sent.end)
            .map(|(i, _)| i)
            .collect();
        SentInfo {
            sent,
            cues,
            clauses,
            actors,
            dates,
            casualties,
            places,
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
    let cue_at = |i: usize, mask: u64| cues.iter().any(|c| c.start == i && c.mask & mask != 0);
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
        let boundary = cue_at(i, cue::BOUNDARY);
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
