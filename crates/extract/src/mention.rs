//! From trigger words to event mentions: one sentence at a time.
//!
//! For each trigger the steps are:
//! 1. **usage**: is the word used as a reporting verb ("captured"), a noun
//!    ("the capture"), an adjective ("the besieged city"), a purpose ("to
//!    capture"), or a gerund after a preposition ("focused on capturing")?
//! 2. **modality** (spec §1): modal, plan, negation and condition cues
//!    before the trigger in its clause, and habitual, generic and
//!    statistical cues anywhere in the sentence, questions and future dates
//!    rule it out; a noun needs a supporting verb, a casualty count or a date
//!    to report an incident.
//! 3. **arguments**: actors by voice and position (subject, "by" agent,
//!    premodifier, object, "from" for territory), the place (the trigger's
//!    clause first, then clauses without a trigger of their own, then an
//!    anaphor such as "there" or "the city"), the date (the trigger's clause,
//!    then earlier clauses, never a date that dates a statement such as
//!    "said on Monday"), the deaths of the sentence, and its attributions.
//! 4. **type**: classes such as ATTACK or CAPTURE become a sub-event type
//!    from those arguments.
//!
//! Triggers of one sentence that share their place and actor become one
//! mention, typed by the most specific trigger.

use chrono::NaiveDate;
use dateline_annotate::phrases::Match;
use dateline_annotate::{
    ActorKind, ActorMention, Casualty, Category, DateKind, DateMention, HeadClass, Kind,
    MentionRole, Side,
};
use dateline_model::{DateRange, SubEventType};

use crate::claims::Attribution;
use crate::doc::{Doc, Level, SentInfo};
use crate::lexicon::{cue, Class, Form, TriggerDef};
use crate::Extractor;

/// A resolved actor.
#[derive(Debug, Clone, PartialEq)]
pub struct ActorRef {
    pub name: String,
    pub kind: ActorKind,
    /// For a country's name ("Russia"): its code, named by the event type later.
    pub country: Option<String>,
}

/// Deaths as one mention reports them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Deaths {
    pub best: u64,
    pub low: Option<u64>,
    pub high: Option<u64>,
    pub vague: bool,
    pub civilians: Option<u64>,
    pub children: Option<u64>,
    pub women: Option<u64>,
    pub combatants: Option<u64>,
    /// The count is a breakdown only (no total given).
    pub partial: bool,
    /// Sources in the sentence give different tolls (`low`/`high`).
    pub disputed: bool,
    /// Every total counts one side's combatants ("11 soldiers"): the other
    /// side's dead in the same battle add to it.
    pub side: Option<Side>,
    /// Only a bare figure for the whole toll ("had risen to 12", "put the
    /// toll at 16"): a later word on a count told before.
    pub toll: bool,
    /// The toll rose to its figure ("had risen to 12").
    pub risen: bool,
    /// More dead besides a count told before ("the bomber also died").
    pub also: bool,
}

impl Deaths {
    /// A later toll of the same incident: one that rose replaces the count
    /// ("had risen to 12"); any other is another source's figure, and the
    /// two are disputed. `false` when `later` is no bare toll.
    pub fn update_toll(&mut self, later: &Deaths) -> bool {
        if !later.toll || later.partial || self.partial || later.best == self.best {
            return false;
        }
        // "had risen to 41" grows the count; "a local official put the
        // toll at 41" is another source's figure.
        if later.best > self.best && later.risen && !self.disputed {
            self.best = later.best;
            self.vague = later.vague;
        } else {
            self.dispute(later.best);
        }
        true
    }

    /// The figure of a whole toll; `None` for a part ("including 28
    /// civilians").
    pub fn total(&self) -> Option<u64> {
        (!self.partial).then_some(self.best)
    }

    /// Another source's figure for the same dead: the lowest is the best
    /// estimate, the range is kept.
    pub fn dispute(&mut self, figure: u64) {
        let low = self.low.unwrap_or(self.best).min(figure);
        let high = self.high.unwrap_or(self.best).max(figure);
        self.best = low;
        self.low = Some(low);
        self.high = Some(high);
        self.disputed = true;
    }

    /// Whether `other` counts the other side's dead in a battle, or the
    /// attackers' own dead told besides their victims ("killing nine
    /// people ... The bomber also died").
    pub fn opposite_side(&self, other: &Deaths) -> bool {
        match (self.side, other.side) {
            (Some(a), Some(b)) => a != b,
            (None, Some(Side::Fighters)) => other.also,
            _ => false,
        }
    }

    /// Adds the other side's dead in the same battle ("11 soldiers" and
    /// "20 attackers"); `false` when `other` is no such count.
    pub fn add_other_side(&mut self, other: &Deaths) -> bool {
        if !self.opposite_side(other)
            || self.partial
            || other.partial
            || self.disputed
            || other.disputed
        {
            return false;
        }
        self.best = self.best.saturating_add(other.best);
        self.vague |= other.vague;
        self.combatants = Some(
            self.combatants
                .unwrap_or(0)
                .saturating_add(other.combatants.unwrap_or(other.best)),
        );
        self.low = None;
        self.high = None;
        self.side = None;
        true
    }
}

/// Who says so, for one mention.
#[derive(Debug, Clone, PartialEq)]
pub struct Said {
    /// `None`: the outlet itself.
    pub claimant: Option<String>,
    pub sentence: usize,
    /// A perpetrator this claimant names.
    pub accused: Option<String>,
    pub disputes: bool,
    /// The toll this claimant gives in a later sentence of its own
    /// ("Doctors said they had received 63 bodies").
    pub deaths: Option<u64>,
}

/// One mention of an incident.
#[derive(Debug, Clone)]
pub struct Mention {
    pub sentence: usize,
    pub paragraph: usize,
    pub sub: SubEventType,
    pub actor1: Option<ActorRef>,
    pub actor2: Option<ActorRef>,
    /// Index into `Doc::places`.
    pub place: Option<usize>,
    pub place_cue: String,
    pub date: Option<DateRange>,
    /// The date was stated (not the default window).
    pub date_explicit: bool,
    /// The date came from the sentence before, not from this one.
    pub date_carried: bool,
    pub date_cue: String,
    pub deaths: Option<Deaths>,
    pub said: Vec<Said>,
    /// "the attack": refers back to an incident told before.
    pub definite: bool,
    /// Done by "the attackers", "the gunmen": the perpetrators of an
    /// incident told before.
    pub actor_refers_back: bool,
    /// Opened by "in a separate incident", "elsewhere": a new incident,
    /// never one told before.
    pub separate: bool,
    /// A noun in an adjunct ("during a raid"): the setting of the sentence's
    /// main act, which types the incident.
    pub adjunct: bool,
    pub class: Class,
    pub trigger_text: String,
    pub actor_cue: String,
    pub deaths_cue: String,
}

/// What a sentence without incidents of its own adds to the previous one.
#[derive(Debug, Clone, Default)]
pub struct Continuation {
    pub deaths: Option<Deaths>,
    pub said: Vec<Said>,
    pub deaths_cue: String,
}

/// The result for one sentence.
#[derive(Debug, Default)]
pub struct SentenceResult {
    pub mentions: Vec<Mention>,
    pub continuation: Option<Continuation>,
}

/// How a trigger is used in its sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Usage {
    Past,
    Passive,
    Progressive,
    /// ", killing five": the subject is the main clause's.
    Participle,
    Present,
    Noun,
}

struct Cand<'d> {
    start: usize,
    end: usize,
    def: &'d TriggerDef,
    usage: Usage,
    clause: usize,
}

/// The mentions of sentence `s`.
pub fn sentence(
    ex: &Extractor,
    doc: &Doc,
    s: usize,
    info: &SentInfo,
    hits: &[Match<u32>],
    attrs: &[Attribution],
    prior: &[Mention],
) -> SentenceResult {
    let toks = &doc.toks;
    let sent = info.sent;
    let mut result = SentenceResult::default();
    let question =
        toks.norm(sent.end - 1) == "?" || (sent.end >= 2 && toks.norm(sent.end - 2) == "?");
    let pattern = info.has_cue(cue::PATTERN, sent.start, sent.end);
    // An arrest is coded when it concerns an armed group, a crowd or an
    // opponent ("opposition activists", "journalists"), not common crime.
    let political = info.actors.iter().any(|a| {
        (a.kind.is_armed() && !a.kind.is_state())
            || matches!(a.kind, ActorKind::Protesters | ActorKind::Rioters)
    }) || info.has_cue(cue::POLITICAL, sent.start, sent.end);
    let mut owned: Vec<usize> = Vec::new();
    let mut cands: Vec<Cand> = Vec::new();
    for h in hits {
        let def = &ex.lexicon.defs[*h.value as usize];
        let clause = info.clause_of(h.start);
        // Triggers inside a claimant phrase are not incidents; nor is the
        // first half of a compound ("execution-style").
        if in_claimant_phrase(attrs, h.start, h.end)
            || info
                .earlier
                .is_some_and(|e| e.is_background() && e.holds(h.start, h.end))
        {
            continue;
        }
        if h.end < sent.end && toks.norm(h.end) == "-" && !toks.toks[h.end].space_before {
            continue;
        }
        // "riot police" names a force, not a riot.
        if info
            .actors
            .iter()
            .any(|a| a.kind == ActorKind::Police && h.start >= a.start && h.end <= a.end)
        {
            continue;
        }
        if question || (pattern && patterned(doc, info, h.start, attrs)) {
            continue;
        }
        // A purpose ("to capture X") or an adjective is no incident, but
        // its clause may still hold the incident's place.
        let Ok(usage) = usage(ex, doc, info, def, h.start, h.end) else {
            continue;
        };
        owned.push(clause);
        if !factual(info, h.start, clause) {
            continue;
        }
        // A noun that is the subject of a plan or a modal ("protesters plan
        // to march", "the offensive could start") has not happened.
        if usage == Usage::Noun
            && info
                .cues
                .iter()
                .any(|q| q.mask & (cue::PLAN | cue::MODAL) != 0 && q.start == h.end)
        {
            continue;
        }
        let protest_word = info
            .cues
            .iter()
            .any(|q| q.mask & cue::PROTEST_WORD != 0 && (q.end <= h.start || q.start >= h.end));
        // People who gather do so in protest ("hundreds of students
        // rallied"); troops and markets that rally do not.
        let subject_from = info.clauses[clause].start;
        let people_gather = usage != Usage::Noun
            && (info
                .actors
                .iter()
                .rfind(|a| a.start >= subject_from && a.end <= h.start)
                .is_some_and(|a| a.kind == ActorKind::Civilians)
                || info.has_cue(cue::CROWD, subject_from, h.start));
        if def.protest
            && !protest_word
            && !people_gather
            && !info.actors.iter().any(|a| a.kind == ActorKind::Protesters)
        {
            continue;
        }
        if def.weapon && !info.has_cue(cue::WEAPON, sent.start, sent.end) {
            continue;
        }
        // "fighting two apartment fires", "blasted the FBI's investigation":
        // the act's object says it is no violence.
        let cl = info.clauses[clause];
        if info.cues.iter().any(|q| {
            q.mask & cue::FIGURATIVE != 0
                && q.start >= h.end
                && q.start <= h.end + 3
                && q.end <= cl.end
        }) {
            continue;
        }
        // "Floods killed 40", "a bus crash killed 12", "killed his wife": a
        // hazard, an accident or a family quarrel is no political violence,
        // unless an armed party or a weapon takes part.
        if matches!(def.class, Class::Kill | Class::Attack)
            && info.has_cue(cue::APOLITICAL, cl.start, cl.end)
            && !info.actors.iter().any(|a| {
                a.kind.is_armed()
                    && a.start >= cl.start
                    && a.end <= cl.end
                    && !in_claimant_phrase(attrs, a.start, a.end)
            })
            && !info.has_cue(cue::WEAPON, sent.start, sent.end)
        {
            continue;
        }
        if def.political && !political {
            continue;
        }
        cands.push(Cand {
            start: h.start,
            end: h.end,
            def,
            usage,
            clause,
        });
    }
    // A present-tense verb reports only with a date ("rebels attack convoys" is generic).
    cands
        .retain(|c| c.usage != Usage::Present || clause_date(doc, info, c.clause, attrs).is_some());
    // "seized rifles and grenade launchers": a weapon seized is no attack.
    let seizures: Vec<(usize, usize)> = cands
        .iter()
        .filter(|c| c.def.class == Class::Fixed(SubEventType::DisruptedWeaponsUse))
        .map(|c| (c.start, c.clause))
        .collect();
    cands.retain(|c| {
        c.usage != Usage::Noun
            || !seizures
                .iter()
                .any(|&(start, clause)| clause == c.clause && c.start > start)
    });
    // Nouns need support: a verb, a death count or a date in their clause.
    cands.retain(|c| {
        c.usage != Usage::Noun || c.def.self_supported || supported(doc, info, c, attrs)
    });
    // Destruction beside a killing ("killed a farmer and burned his
    // house") is part of the attack: the killing is the event.
    let destruction =
        |c: &Cand| c.def.class == Class::Fixed(SubEventType::LootingPropertyDestruction);
    let strong = cands.iter().any(|c| !c.def.weak && !destruction(c));
    let weak_only = !strong;
    cands.retain(|c| !c.def.weak || weak_only);
    if cands.iter().any(|c| c.def.class == Class::Kill) {
        cands.retain(|c| !destruction(c));
    }

    // Verb triggers: an actor right after one is its object, not a subject.
    let verbs: Vec<(usize, usize)> = hits
        .iter()
        .filter(|h| ex.lexicon.defs[*h.value as usize].form != Form::Noun)
        .map(|h| (h.start, h.end))
        .collect();
    let deaths_all = deaths_of(&info.casualties, info.zero_casualties());
    let mut mentions: Vec<Mention> = Vec::new();
    for c in &cands {
        let Some(m) = build(ex, doc, s, info, attrs, prior, c, &owned, &verbs) else {
            continue;
        };
        // "protests in Mombasa and Kisumu": one incident in each place. A
        // toll is not split between them, so only an incident without one.
        let twin = m
            .place
            .filter(|_| m.deaths.is_none())
            .and_then(|p| coordinated_place(doc, info, p))
            .map(|q| Mention {
                place: Some(q),
                ..m.clone()
            });
        mentions.push(m);
        mentions.extend(twin);
    }
    // A lone killing with nothing of its own continues the previous incident.
    let prev_here = prior
        .last()
        .filter(|p| p.paragraph == sent.paragraph && s - p.sentence <= 2);
    if weak_only && prev_here.is_some() {
        mentions.retain(|m| {
            m.actor1.is_some()
                || m.date_explicit
                || m.place.is_some_and(|p| in_sentence(doc, info, p))
        });
    }
    if mentions.is_empty() && prev_here.is_some() && !question && !pattern {
        let toll = deaths_all.as_ref().and_then(Deaths::total);
        let said: Vec<Said> = attrs
            .iter()
            .map(|a| Said {
                deaths: toll,
                ..said_of(a, s)
            })
            .collect();
        let blames = said.iter().any(|x| x.accused.is_some() || x.disputes);
        if deaths_all.is_some() || blames {
            result.continuation = Some(Continuation {
                deaths: deaths_all,
                said,
                deaths_cue: doc.text(sent.start, sent.end).to_string(),
            });
        }
    }
    result.mentions = group(mentions);
    result
}

fn in_sentence(doc: &Doc, info: &SentInfo, p: usize) -> bool {
    let pl = &doc.places[p];
    pl.start >= info.sent.start && pl.end <= info.sent.end
}

/// The previous word, skipping adverbs and quotes.
fn prev_word(ex: &Extractor, doc: &Doc, info: &SentInfo, i: usize) -> Option<usize> {
    let toks = &doc.toks;
    let mut j = i;
    while j > info.sent.start {
        j -= 1;
        let n = toks.norm(j);
        let adverb = ex.lexicon.token_is(toks, j, cue::ADVERB)
            || (toks.kind(j) == Kind::Word && n.len() > 4 && n.ends_with("ly"));
        if matches!(n, "\"" | "'") || adverb || n == "not" || n == "n't" {
            continue;
        }
        return Some(j);
    }
    None
}

/// How the trigger at tokens `a..b` is used; `Err` when it reports nothing.
fn usage(
    ex: &Extractor,
    doc: &Doc,
    info: &SentInfo,
    def: &TriggerDef,
    a: usize,
    b: usize,
) -> Result<Usage, ()> {
    let toks = &doc.toks;
    let lex = &ex.lexicon;
    let is = |i: usize, mask: u64| lex.token_is(toks, i, mask);
    let head = (a..b)
        .find(|&i| {
            let n = toks.norm(i);
            toks.kind(i) == Kind::Word
                && (n.ends_with("ed") || n.ends_with("ing") || is(i, cue::PAST))
        })
        .unwrap_or(a);
    if def.form == Form::Noun {
        return Ok(Usage::Noun);
    }
    let n = toks.norm(head);
    let p = prev_word(ex, doc, info, head);
    let pnorm = p.map(|p| toks.norm(p)).unwrap_or("");
    let in_date = |i: usize| info.dates.iter().any(|d| d.start <= i && i < d.end);
    if n.ends_with("ing") && !is(head, cue::PAST) {
        return match p {
            None => Ok(Usage::Participle),
            Some(p) if pnorm == "," || in_date(p) || matches!(pnorm, "and" | "or") => {
                Ok(Usage::Participle)
            }
            // "Tuesday's bombing": after a possessive, a gerund is a noun.
            Some(_) if pnorm == "'s" => Ok(Usage::Noun),
            // "the killing of": a gerund as a noun.
            Some(p) if is(p, cue::DETERMINER) => {
                let of_after = b < info.sent.end && toks.norm(b) == "of";
                if def.form == Form::Both || of_after {
                    Ok(Usage::Noun)
                } else {
                    Err(())
                }
            }
            Some(p) if is(p, cue::AUX) => Ok(Usage::Progressive),
            // "by blowing up", "after storming": the means or the
            // sequence of an act that happened.
            Some(_) if matches!(pnorm, "by" | "after" | "while") => Ok(Usage::Participle),
            // "accused X of firing", "blamed X for shelling": the act accused.
            Some(p)
                if matches!(pnorm, "of" | "for")
                    && info.cues.iter().any(|q| {
                        q.mask & (cue::BLAME | cue::CLAIM | cue::DENY) != 0 && q.end <= p
                    }) =>
            {
                Ok(Usage::Participle)
            }
            Some(p) if is(p, cue::NOMINAL_PREP) => Err(()),
            _ if def.form == Form::Both => Ok(Usage::Noun),
            _ => Err(()),
        };
    }
    if n.ends_with("ed") || is(head, cue::PAST) {
        if let Some(p) = p {
            if is(p, cue::DETERMINER) && !matches!(pnorm, "that") {
                return Err(());
            }
            if is(p, cue::AUX) {
                return Ok(Usage::Passive);
            }
            if pnorm == "to" {
                return Err(());
            }
        }
        return Ok(Usage::Past);
    }
    if let Some(p) = p {
        if pnorm == "to" {
            let before = prev_word(ex, doc, info, p);
            if before.is_some_and(|x| is(x, cue::TO_NOUN)) {
                return Ok(Usage::Noun);
            }
            return Err(());
        }
        if is(p, cue::MODAL) {
            return Err(());
        }
        // "to shatter and strike", "could surround and storm": a base form
        // joined to another shares its "to" or its modal.
        if matches!(pnorm, "and" | "or") {
            let verb = prev_word(ex, doc, info, p);
            if verb
                .and_then(|v| prev_word(ex, doc, info, v))
                .is_some_and(|x| toks.norm(x) == "to" || is(x, cue::MODAL))
            {
                return Err(());
            }
        }
        if is(p, cue::DETERMINER) || toks.kind(p) == Kind::Number || pnorm == "'s" {
            return Ok(Usage::Noun);
        }
        if pnorm == "did" {
            return Ok(Usage::Past);
        }
    }
    if def.form == Form::Both {
        return Ok(Usage::Noun);
    }
    Ok(Usage::Present)
}

/// Whether a habitual, generic or statistic cue of the sentence governs
/// the trigger at token `at`: always, unless the cue stands beyond a comma
/// from a stretch that dates the trigger's incident to one day ("A bomber
/// killed six people on Tuesday, police said, in the deadliest of several
/// attacks across Iraq").
fn patterned(doc: &Doc, info: &SentInfo, at: usize, attrs: &[Attribution]) -> bool {
    let toks = &doc.toks;
    let sent = info.sent;
    let comma = |i: usize| toks.norm(i) == ",";
    let from = (sent.start..at)
        .rev()
        .find(|&i| comma(i))
        .map_or(sent.start, |i| i + 1);
    let to = (at..sent.end).find(|&i| comma(i)).unwrap_or(sent.end);
    let dated_day = info.dates.iter().any(|d| {
        d.start >= from
            && d.end <= to
            && d.kind != DateKind::Future
            && !speech_date(doc, info, d, attrs)
            && d.range
                .is_some_and(|r| r.precision == dateline_model::DatePrecision::Day)
    });
    info.cues.iter().any(|q| {
        q.mask & cue::PATTERN != 0
            && q.start >= sent.start
            && q.end <= sent.end
            && !info.neutralised(q)
            && !(dated_day && (q.end <= from || q.start >= to))
    })
}

/// No irrealis cue before the trigger in its clause, no future date there.
fn factual(info: &SentInfo, a: usize, clause: usize) -> bool {
    // An embedded relative clause shares the modality of the clause it
    // sits in: "warn that residents who were targeted ...".
    let mut first = clause;
    while first > 0 && info.clauses[first].embedded {
        first -= 1;
    }
    let cl = crate::doc::Clause {
        start: info.clauses[first].start,
        ..info.clauses[clause]
    };
    let in_date = |i: usize| info.dates.iter().any(|d| d.start <= i && i < d.end);
    let own = info.clauses[clause].start;
    for c in &info.cues {
        if c.mask & cue::IRREALIS == 0 || c.start < cl.start || c.end > a || in_date(c.start) {
            continue;
        }
        // A modal verb governs its own clause; plans, conditions and
        // negations also govern the relative clauses inside theirs.
        if c.start < own && c.mask & (cue::PLAN | cue::CONDITION) == 0 {
            continue;
        }
        if c.mask & cue::IRREALIS == cue::NEGATION && info.neutralised(c) {
            continue;
        }
        return false;
    }
    !info
        .dates
        .iter()
        .any(|d| d.kind == DateKind::Future && d.start >= cl.start && d.end <= cl.end)
}

/// A date written in the trigger's clause that dates the incident (not a statement).
fn clause_date<'i>(
    doc: &Doc,
    info: &'i SentInfo,
    clause: usize,
    attrs: &[Attribution],
) -> Option<&'i DateMention> {
    let cl = info.clauses[clause];
    info.dates.iter().find(|d| {
        d.start >= cl.start
            && d.end <= cl.end
            && d.kind != DateKind::Future
            && !speech_date(doc, info, d, attrs)
    })
}

/// A date right after an attribution verb ("said on Monday", "told AFP on
/// Monday", "video released on Saturday") dates the statement; a
/// possessive date ("blamed X for Sunday's strike") dates the incident, and
/// so does one after an incident verb or weapon of what is said ("saying a
/// missile launched yesterday").
fn speech_date(doc: &Doc, info: &SentInfo, d: &DateMention, attrs: &[Attribution]) -> bool {
    let toks = &doc.toks;
    let possessive = (d.end > d.start && toks.norm(d.end - 1) == "'s")
        || (d.end < toks.len() && toks.norm(d.end) == "'s");
    let told_of = |from: usize| {
        info.cues.iter().any(|q| {
            q.mask & (cue::SUPPORT | cue::WEAPON) != 0 && q.start >= from && q.end <= d.start
        })
    };
    !possessive
        && attrs
            .iter()
            .any(|a| a.cue_end <= d.start && d.start - a.cue_end <= 4 && !told_of(a.cue_end))
}

fn supported(doc: &Doc, info: &SentInfo, c: &Cand, attrs: &[Attribution]) -> bool {
    let cl = info.clauses[c.clause];
    let support = info.cues.iter().any(|q| {
        q.mask & cue::SUPPORT != 0
            && q.start >= cl.start
            && q.end <= cl.end
            && (q.end <= c.start || q.start >= c.end)
    });
    // "One protester died": the noun counted among the dead is a victim,
    // which the death does not make an incident of its own.
    let deaths = info.casualties.iter().any(|k| {
        matches!(k.class, HeadClass::Death | HeadClass::Injury)
            && k.head >= cl.start
            && k.head < cl.end
            && !(k.quantity.end <= c.start && c.end <= k.head)
    });
    // "reported five airstrikes", "claimed airstrikes there".
    let governed = attrs
        .iter()
        .any(|a| a.cue_end <= c.start && c.start - a.cue_end <= 4);
    support || deaths || governed || clause_date(doc, info, c.clause, attrs).is_some()
}

/// Sums the deaths of a sentence.
pub fn deaths_of(cas: &[Casualty], zero: bool) -> Option<Deaths> {
    let deaths: Vec<&Casualty> = cas.iter().filter(|c| c.class == HeadClass::Death).collect();
    if deaths.is_empty() {
        return zero.then(Deaths::default);
    }
    let mut d = Deaths::default();
    let mut any_total = false;
    // Two bare tolls ("rose to nine ..., while the governor put it at
    // eight") are rival estimates of one figure: the lowest, with the range.
    // So is a toll beside a count of the dead that it does not dwarf ("23
    // soldiers were killed, while a police official put the toll at 25");
    // a toll over twice the count is a wider one ("bringing the toll this
    // week to 40"), and the count stands.
    let mut tolls: Vec<u64> = deaths
        .iter()
        .filter(|c| c.toll && !c.breakdown)
        .map(|c| c.quantity.value)
        .collect();
    let counted = deaths
        .iter()
        .filter(|c| !c.toll && !c.breakdown)
        .map(|c| c.quantity.value)
        .reduce(u64::saturating_add);
    if let Some(n) = counted {
        if !tolls.is_empty()
            && tolls
                .iter()
                .all(|&t| t <= n.saturating_mul(2) && n <= t.saturating_mul(2))
        {
            tolls.push(n);
        }
    }
    let (low, high) = (tolls.iter().min(), tolls.iter().max());
    if let (Some(&low), Some(&high)) = (low, high) {
        if tolls.len() > 1 && low != high {
            d.best = low;
            d.low = Some(low);
            d.high = Some(high);
            d.disputed = true;
            return Some(d);
        }
    }
    for c in &deaths {
        // The count of the dead stands for the toll that repeats it.
        if c.toll && counted.is_some() {
            continue;
        }
        let q = c.quantity;
        let add =
            |slot: &mut Option<u64>, v: u64| *slot = Some(slot.unwrap_or(0).saturating_add(v));
        if c.breakdown {
            let slot = match c.category {
                Category::Civilian => &mut d.civilians,
                Category::Child => &mut d.children,
                Category::Woman => &mut d.women,
                Category::Combatant(_) => &mut d.combatants,
                Category::Person => continue,
            };
            add(slot, q.value);
            continue;
        }
        any_total = true;
        d.best = d.best.saturating_add(q.value);
        d.vague |= q.vague;
        if let (Some(l), Some(h)) = (q.low, q.high) {
            d.low = Some(d.low.unwrap_or(0).saturating_add(l));
            d.high = Some(d.high.unwrap_or(0).saturating_add(h));
        }
        match c.category {
            Category::Civilian => add(&mut d.civilians, q.value),
            Category::Child => add(&mut d.children, q.value),
            Category::Woman => add(&mut d.women, q.value),
            Category::Combatant(_) => add(&mut d.combatants, q.value),
            Category::Person => {}
        }
    }
    d.toll = deaths.iter().all(|c| c.toll || c.breakdown) && deaths.iter().any(|c| c.toll);
    d.risen = d.toll && deaths.iter().any(|c| c.risen);
    d.also = deaths.iter().all(|c| c.also);
    // Whose dead the totals count, when they all count one side's.
    let sides: Vec<Option<Side>> = deaths
        .iter()
        .filter(|c| !c.breakdown)
        .map(|c| match c.category {
            Category::Combatant(side) => side,
            _ => None,
        })
        .collect();
    d.side = sides
        .first()
        .copied()
        .flatten()
        .filter(|s| sides.iter().all(|x| *x == Some(*s)));
    // Only children and women counted ("68 children and 57 women killed"):
    // a breakdown of a total told elsewhere.
    if any_total
        && deaths
            .iter()
            .all(|c| c.breakdown || matches!(c.category, Category::Child | Category::Woman))
    {
        d.partial = true;
    }
    if !any_total {
        d.partial = true;
    }
    Some(d)
}

pub fn said_of(a: &Attribution, s: usize) -> Said {
    Said {
        claimant: Some(a.claimant.clone()),
        sentence: s,
        accused: a.accused.as_ref().and_then(|m| m.name.clone()).or_else(|| {
            a.accused
                .as_ref()
                .and_then(|m| m.country.clone())
                .map(|c| format!("@{c}"))
        }),
        disputes: a.kind == cue::DENY,
        deaths: None,
    }
}

#[allow(clippy::too_many_arguments)]
fn build(
    ex: &Extractor,
    doc: &Doc,
    s: usize,
    info: &SentInfo,
    attrs: &[Attribution],
    prior: &[Mention],
    c: &Cand,
    owned: &[usize],
    verbs: &[(usize, usize)],
) -> Option<Mention> {
    let toks = &doc.toks;
    let sent = info.sent;
    let cl = info.clauses[c.clause];
    // --- actors -----------------------------------------------------------------
    let usable = |m: &&ActorMention| {
        m.role != MentionRole::Nationality
            && !attrs.iter().any(|a| m.start < a.span.1 && a.span.0 < m.end)
    };
    let actors: Vec<&ActorMention> = info.actors.iter().filter(usable).collect();
    // A subject stands neither after a preposition nor before "'s".
    let subject_like = |m: &ActorMention| {
        // "thousands of protesters": the quantity's head is the subject.
        let of_quantity = m.start >= 2
            && toks.norm(m.start - 1) == "of"
            && ex.numbers.is_quantity_end(toks, m.start - 2);
        let after_prep = m.start > sent.start
            && !of_quantity
            && ex
                .lexicon
                .token_is(toks, m.start - 1, cue::NOMINAL_PREP | cue::AGENT_BY);
        let possessive = m.end < sent.end && toks.norm(m.end) == "'s";
        // "killed four Daesh fighters and regained ...": an object.
        let object_of_verb = verbs.iter().any(|&(x, y)| {
            x != c.start
                && y <= m.start
                && m.start - y <= 3
                && (y..m.start)
                    .all(|t| toks.kind(t) != Kind::Punct && !matches!(toks.norm(t), "and" | "or"))
        });
        // "the army base": the actor names the target.
        let names_target = info.cues.iter().any(|q| {
            q.mask & cue::MIL_TARGET != 0 && q.start >= m.start && q.start <= m.end && q.end > m.end
        });
        !after_prep && !possessive && !object_of_verb && !names_target
    };
    let subject_in = |from: usize, to: usize| {
        let found = actors
            .iter()
            .rev()
            .find(|m| m.start >= from && m.end <= to && subject_like(m))
            .copied()?;
        // "Allied Democratic Forces (ADF) rebels": the generic head of a
        // group just named is that group.
        let named = (found.role == MentionRole::Generic)
            .then(|| {
                actors.iter().rev().find(|n| {
                    n.role == MentionRole::Named
                        && n.start >= from
                        && n.end <= found.start
                        && (n.end..found.start).all(|j| matches!(toks.norm(j), "(" | ")"))
                })
            })
            .flatten()
            .copied();
        Some(named.unwrap_or(found))
    };
    let mut subject = subject_in(cl.start, c.start);
    if subject.is_none() && cl.relative {
        subject = actors.iter().rev().find(|m| m.end <= cl.start).copied();
    }
    if subject.is_none() && (cl.participle || c.usage == Usage::Participle) {
        subject = subject_in(sent.start, c.start);
    }
    // A report verb governing the trigger noun: its armed speaker acts ("the
    // coalition reported five airstrikes", "Russia claimed airstrikes").
    let armed_speaker = |a: &&Attribution| a.speaker.as_ref().is_some_and(|m| m.kind.is_armed());
    let reporter = attrs
        .iter()
        .filter(armed_speaker)
        .find(|a| a.cue_end <= c.start && c.start - a.cue_end <= 4);
    // So does one that says "it" or "its forces" took ground ("the Arakan
    // Army said on Sunday that it had seized the town"); in a battle the
    // speaker may as well be the side attacked ("said it had repelled").
    let territory = matches!(c.def.class, Class::Capture | Class::Regain);
    // A ministry or a state speaks for its forces ("Russia's defence
    // ministry said its forces had captured").
    let state_speaker = |a: &&Attribution| {
        a.speaker
            .as_ref()
            .is_some_and(|m| matches!(m.kind, ActorKind::Government | ActorKind::Country))
    };
    let says_itself = attrs
        .iter()
        .filter(|a| armed_speaker(a) || state_speaker(a))
        .find(|a| {
            territory
                && a.cue_end <= c.start
                && c.start - a.cue_end <= 10
                && (a.cue_end..c.start).any(|k| {
                    // The pronoun is the trigger's subject: "that it had seized",
                    // "that its forces captured".
                    toks.norm(k) == "that"
                        && k + 1 < c.start
                        && c.start - k <= 4
                        && matches!(toks.norm(k + 1), "it" | "they" | "its" | "their")
                })
        });
    // "by X", "by the X", "by the paramilitary X": the agent of a passive,
    // over at most two lowercase words.
    let by_agent = actors
        .iter()
        .find(|m| {
            m.start > c.end
                && m.end <= cl.end
                && (m.start.saturating_sub(3)..m.start).any(|k| {
                    k >= c.end
                        && toks.norm(k) == "by"
                        && (k + 1..m.start)
                            .all(|j| toks.kind(j) == Kind::Word && !toks.is_capitalized(j))
                })
        })
        .copied();
    let premod = actors
        .iter()
        .find(|m| {
            (m.start < c.end && c.start < m.end)
                || m.end == c.start
                || (m.end + 1 == c.start && toks.norm(m.end) == "'s")
        })
        .copied();
    // "a Russian air raid", "Israeli shelling": the nationality of a remote
    // weapon is the state that fired it.
    let remote = matches!(c.def.class, Class::Strike | Class::Explosion)
        || matches!(c.def.class, Class::Fixed(t) if t.event_type() == dateline_model::EventType::ExplosionsRemoteViolence);
    // "killed by Israeli fire", "by Russian drones": so is the nationality
    // of what the agent fired.
    let fired_by = |m: &ActorMention| {
        c.usage == Usage::Passive
            && by_agent.is_none()
            && m.start > c.end
            && m.end < cl.end
            && toks.norm(m.start - 1) == "by"
            && info
                .cues
                .iter()
                .any(|q| q.mask & (cue::GUNFIRE | cue::WEAPON) != 0 && q.start == m.end)
    };
    let nation = info
        .actors
        .iter()
        .find(|m| {
            // "a Russian assault", "an Israeli attack": so is the
            // nationality of an attack.
            let attack_noun = c.usage == Usage::Noun && c.def.class == Class::Attack;
            // "A Russian ballistic missile struck": the weapon's nationality.
            let weapon_subject = remote
                && m.end < c.start
                && info.cues.iter().any(|q| {
                    q.mask & cue::WEAPON != 0
                        && q.start >= m.end
                        && q.start <= m.end + 2
                        && q.end <= c.start
                        && c.start - q.end <= 1
                });
            m.role == MentionRole::Nationality
                && (((remote || attack_noun) && m.end == c.start) || fired_by(m) || weapon_subject)
        })
        .map(|m| ActorMention {
            role: MentionRole::Country,
            ..m.clone()
        });
    let premod = premod.or(nation.as_ref());
    // "a government school": the actor only says whose the place is.
    let modifies_place = |m: &ActorMention| {
        info.cues
            .iter()
            .any(|q| q.mask & cue::CIV_TARGET != 0 && q.start == m.end)
    };
    let object = actors
        .iter()
        .find(|m| {
            m.start >= c.end
                && m.end <= cl.end
                && by_agent.is_none_or(|b| b.start != m.start)
                && m.role != MentionRole::Country
                && !modifies_place(m)
        })
        .copied();
    let source_obj = actors
        .iter()
        .find(|m| {
            m.start >= c.end
                && m.end <= cl.end
                && m.start >= 1
                && (toks.norm(m.start - 1) == "from"
                    || (m.start >= 2 && toks.norm(m.start - 2) == "from"))
        })
        .copied();
    // "during a raid", "in a dawn raid", "in a series of raids".
    let adjunct = c.usage == Usage::Noun
        && (c.start.saturating_sub(4).max(sent.start)..c.start)
            .rev()
            .take_while(|&i| toks.norm(i) != ",")
            .any(|i| matches!(toks.norm(i), "during" | "in" | "amid" | "following"));
    // The subject of the verb a trigger noun hangs on: "X launched an
    // attack", "X killed two soldiers in an ambush".
    let support_subject = || {
        let verb = info
            .cues
            .iter()
            .filter(|q| q.mask & cue::SUPPORT != 0 && q.start >= cl.start && q.end <= c.start)
            .map(|q| q.start)
            .next_back();
        match verb {
            Some(v) => subject_in(cl.start, v),
            None => subject,
        }
    };
    // "fighting between X and Y", "between the army and the paramilitary
    // RSF": each side after at most three words (an article, adjectives).
    let plain = |from: usize, to: usize| {
        (from..to).all(|t| toks.kind(t) == Kind::Word && !toks.is_capitalized(t))
    };
    // The first side may close on its acronym and a plain noun
    // ("National Liberation Army (ELN) guerrillas and ...").
    let trailer = |t: usize| {
        plain(t, t + 1)
            || matches!(toks.norm(t), "(" | ")")
            || (t > 0 && toks.norm(t - 1) == "(" && t + 1 < cl.end && toks.norm(t + 1) == ")")
    };
    let between = (c.end..cl.end)
        .find(|&i| toks.norm(i) == "between")
        .and_then(|i| {
            let x = actors
                .iter()
                .find(|m| m.start > i && m.start <= i + 4 && plain(i + 1, m.start))?;
            let and = (x.end..(x.end + 5).min(cl.end)).find(|&k| toks.norm(k) == "and")?;
            if !(x.end..and).all(trailer) {
                return None;
            }
            let y = actors
                .iter()
                .find(|m| m.start > and && m.start <= and + 5 && plain(and + 1, m.start))?;
            Some((*x, *y))
        });
    // "came under attack", "came under heavy fire".
    let came_under = [c.start, c.start.wrapping_sub(1)].into_iter().any(|k| {
        k > sent.start
            && k < sent.end
            && toks.norm(k) == "under"
            && matches!(toks.norm(k - 1), "came" | "come" | "comes" | "coming")
    });
    let (a1, a2, actor_cue) = match (c.usage, between) {
        (_, Some((x, y))) => (Some(x), Some(y), "between the two sides"),
        (Usage::Passive, _) => (
            by_agent.or(nation.as_ref().filter(|m| m.start > c.end)),
            subject,
            "passive: agent after \"by\", target is the subject",
        ),
        (Usage::Noun, _) => {
            if let Some(p) = premod {
                (Some(p), object, "premodifier of the trigger noun")
            } else if let Some(b) = by_agent {
                (Some(b), object, "agent after \"by\"")
            } else if reporter.is_some() {
                // The speaker claims the act; a claim, not the outlet's word.
                (None, object, "")
            } else if adjunct {
                // "arrested 15 men during a raid": the main act's subject.
                (
                    actors
                        .iter()
                        .find(|m| m.start >= cl.start && m.end <= c.start && subject_like(m))
                        .copied(),
                    object,
                    "subject of the main verb",
                )
            } else if came_under {
                // "Soldiers came under attack": the subject is the target.
                (
                    None,
                    support_subject(),
                    "target: the subject of \"came under\"",
                )
            } else {
                (support_subject(), object, "subject of the supporting verb")
            }
        }
        // "A Turkish drone struck": the trigger phrase holds the subject's head.
        _ => (
            subject.or(premod.filter(|m| m.start < c.start)),
            object,
            "subject of the verb",
        ),
    };
    let a2 = if matches!(c.def.class, Class::Capture | Class::Regain) {
        source_obj.or(a2)
    } else {
        a2
    };
    // "five women killed": civilians before a killing are its victims; and
    // civilians fire no missiles ("civilians ... a missile had hit").
    let (a1, a2) = match a1 {
        Some(m)
            if m.kind == ActorKind::Civilians
                && (matches!(c.def.class, Class::Kill | Class::Attack)
                    && c.usage != Usage::Passive
                    || remote) =>
        {
            (None, a2.or(Some(m)))
        }
        _ => (a1, a2),
    };
    // "Four soldiers died in the fighting": the dead are no perpetrator.
    let (a1, a2) = match a1 {
        Some(m) if is_dead(info, m) => (None, a2.or(Some(m))),
        _ => (a1, a2),
    };
    let a2 = a2.filter(|m| Some(*m) != a1);

    // --- place --------------------------------------------------------------------
    let (place, place_cue) = pick_place(doc, info, c, owned, prior, attrs)?;
    if c.def.place && place.is_none() {
        return None;
    }

    // --- date ----------------------------------------------------------------------
    let (date, date_explicit, date_cue) = pick_date(doc, info, c, attrs, prior, owned);

    // --- deaths, claims -----------------------------------------------------------
    let deaths = deaths_of(&info.casualties, info.zero_casualties());
    let mut said: Vec<Said> = attrs.iter().map(|a| said_of(a, s)).collect();
    if let (Some(r), None) = (reporter.or(says_itself), a1) {
        if let Some(x) = said
            .iter_mut()
            .find(|x| x.claimant.as_deref() == Some(r.claimant.as_str()))
        {
            if x.accused.is_none() {
                x.accused = r
                    .speaker
                    .as_ref()
                    .and_then(|m| resolve_actor(ex, doc, s, m))
                    .map(|a| match (a.kind, a.country) {
                        (ActorKind::Country | ActorKind::Government, Some(c)) => {
                            format!("@{c}")
                        }
                        _ => a.name,
                    });
            }
        }
    }

    // --- actors resolved, type -------------------------------------------------
    let resolve = |m: Option<&ActorMention>| m.and_then(|m| resolve_actor(ex, doc, s, m));
    let actor1 = resolve(a1);
    let actor2 = resolve(a2);
    let sub = decide_type(doc, info, c, actor1.as_ref(), actor2.as_ref(), place)?;
    // "X and Y signed a truce", "X and Y clashed": both sides are subjects.
    let partner = a1
        .filter(|_| {
            matches!(sub, SubEventType::Agreement | SubEventType::ArmedClash) && a2.is_none()
        })
        .and_then(|m| {
            actors
                .iter()
                .find(|x| {
                    x.end < m.start
                        && toks.norm(x.end) == "and"
                        && (x.end + 1 == m.start
                            || (x.end + 2 == m.start && toks.norm(x.end + 1) == "the"))
                })
                .and_then(|x| resolve_actor(ex, doc, s, x))
        });
    let (actor1, actor2) = match partner {
        Some(p) => (Some(p), actor1),
        None => (actor1, actor2),
    };
    // An agreement is political when a state, a government or an armed
    // group is a party: not airlines or insurers.
    let political = |a: &Option<ActorRef>| {
        a.as_ref()
            .is_some_and(|x| x.kind.is_armed() || x.kind.is_state())
    };
    if sub == SubEventType::Agreement && !political(&actor1) && !political(&actor2) {
        return None;
    }
    // A killing with no killer and no date of its own is the casualty
    // count of an incident told before, not a new one.
    if c.def.weak && actor1.is_none() && !date_explicit {
        return None;
    }
    // "Police fired tear gas, killing five demonstrators", "students
    // rallied ..., and police fired rubber bullets": the force that
    // intervenes is the crowd's other side wherever it stands in the
    // sentence.
    let actor2 = if matches!(
        sub,
        SubEventType::ExcessiveForceAgainstProtesters | SubEventType::ProtestWithIntervention
    ) && !armed(&actor1)
        && !armed(&actor2)
    {
        let force = info
            .actors
            .iter()
            .filter(|m| matches!(m.kind, ActorKind::Police | ActorKind::StateForces))
            .filter(|m| m.role != MentionRole::Nationality && !is_dead(info, m))
            .min_by_key(|m| m.start.abs_diff(c.start))
            .and_then(|m| resolve_actor(ex, doc, s, m));
        force.or(actor2)
    } else {
        actor2
    };
    // Protests are the protesters' events, whoever intervenes; riots the rioters'.
    let (actor1, actor2) = crowd_roles(ex, doc, sub, actor1, actor2, place);
    // Bases, changes to a group and other developments have no target.
    let actor2 = actor2.filter(|_| {
        !matches!(
            sub,
            SubEventType::HeadquartersOrBaseEstablished
                | SubEventType::ChangeToGroupActivity
                | SubEventType::Other
        )
    });
    let definite = c.usage == Usage::Noun
        && c.start > sent.start
        && matches!(
            toks.norm(c.start - 1),
            "the" | "this" | "that" | "these" | "those"
        );
    let actor_refers_back = a1.is_some_and(|m| {
        m.role == MentionRole::Generic
            && (toks.norm(m.start) == "the"
                || (m.start > sent.start && toks.norm(m.start - 1) == "the"))
    });
    Some(Mention {
        sentence: s,
        paragraph: sent.paragraph,
        sub,
        actor1,
        actor2,
        place,
        place_cue,
        date,
        date_explicit,
        date_carried: false,
        date_cue,
        deaths_cue: deaths
            .as_ref()
            .map(|_| doc.text(sent.start, sent.end).to_string())
            .unwrap_or_default(),
        deaths,
        said,
        definite,
        actor_refers_back,
        separate: info.has_cue(cue::NEW_INCIDENT, sent.start, c.start),
        adjunct,
        class: c.def.class,
        trigger_text: format!(
            "\"{}\" (lexicon: {})",
            doc.text(c.start, c.end),
            c.def.pattern
        ),
        actor_cue: a1
            .map(|m| format!("{actor_cue}: \"{}\"", doc.text(m.start, m.end)))
            .unwrap_or_default(),
    })
}

/// Whether actor mention `m` is the counted noun of a death ("four soldiers
/// died", "12 attackers were killed").
fn is_dead(info: &SentInfo, m: &ActorMention) -> bool {
    info.casualties.iter().any(|k| {
        k.class == HeadClass::Death
            && k.quantity.end <= m.start
            && m.start <= k.quantity.end + 1
            && k.head >= m.end
    })
}

/// The kind of crowd that acts in an event of type `sub`, if any.
pub fn crowd_kind(sub: SubEventType) -> Option<ActorKind> {
    match sub.event_type() {
        dateline_model::EventType::Protests => Some(ActorKind::Protesters),
        dateline_model::EventType::Riots => Some(ActorKind::Rioters),
        _ => None,
    }
}

/// ACLED's protest events have the protesters as `actor1` and any force
/// that intervenes as `actor2`; riots have the rioters as `actor1`.
fn crowd_roles(
    ex: &Extractor,
    doc: &Doc,
    sub: SubEventType,
    a1: Option<ActorRef>,
    a2: Option<ActorRef>,
    place: Option<usize>,
) -> (Option<ActorRef>, Option<ActorRef>) {
    let Some(crowd_kind) = crowd_kind(sub) else {
        return (a1, a2);
    };
    let is_crowd = |a: &Option<ActorRef>| {
        a.as_ref()
            .is_some_and(|x| matches!(x.kind, ActorKind::Protesters | ActorKind::Rioters))
    };
    let (crowd, other) = if is_crowd(&a1) {
        (a1, a2)
    } else if is_crowd(&a2) {
        (a2, a1)
    } else {
        (
            None,
            if armed(&a1) || !armed(&a2) {
                a1.or(a2)
            } else {
                a2
            },
        )
    };
    // Only a force that intervenes is the other side of a protest.
    let other = other.filter(|a| a.kind.is_armed());
    let country = place
        .and_then(|p| doc.places[p].mention.place.country.clone())
        .or_else(|| crowd.as_ref().and_then(|c| c.country.clone()))
        .or_else(|| doc.country.clone());
    let crowd = match (crowd, country) {
        (Some(c), _) if c.kind == crowd_kind || sub == SubEventType::MobViolence => Some(c),
        (_, Some(code)) => ex
            .actors
            .generic_name(crowd_kind, &code)
            .map(|name| ActorRef {
                name,
                kind: crowd_kind,
                country: Some(code),
            }),
        (c, None) => c,
    };
    (crowd, other)
}

/// The named party an actor mention stands for.
fn resolve_actor(ex: &Extractor, doc: &Doc, s: usize, m: &ActorMention) -> Option<ActorRef> {
    match m.role {
        MentionRole::Anaphor => Some(salient(ex, doc, s)),
        MentionRole::Country => Some(ActorRef {
            name: m.name.clone()?,
            kind: ActorKind::Country,
            country: m.country.clone(),
        }),
        MentionRole::Nationality => None,
        _ => Some(ActorRef {
            name: m.name.clone()?,
            kind: m.kind,
            country: m.country.clone(),
        }),
    }
}

/// The armed group the story is about, for "the militants": the most
/// mentioned named non-state armed actor up to sentence `s`.
fn salient(ex: &Extractor, doc: &Doc, s: usize) -> ActorRef {
    let mut counts: Vec<(String, ActorKind, usize, usize)> = Vec::new();
    let mut order = 0;
    doc.each_named_upto(ex, s, |_, m| {
        order += 1;
        if !matches!(
            m.kind,
            ActorKind::RebelGroup | ActorKind::PoliticalMilitia | ActorKind::IdentityMilitia
        ) {
            return;
        }
        let Some(name) = &m.name else { return };
        match counts.iter_mut().find(|c| &c.0 == name) {
            Some(c) => c.2 += 1,
            None => counts.push((name.clone(), m.kind, 1, order)),
        }
    });
    counts.sort_by(|a, b| b.2.cmp(&a.2).then(a.3.cmp(&b.3)));
    if let Some((name, kind, _, _)) = counts.into_iter().next() {
        return ActorRef {
            name,
            kind,
            country: None,
        };
    }
    let country = doc.country.clone();
    let name = country
        .as_deref()
        .and_then(|c| ex.actors.generic_name(ActorKind::Unidentified, c))
        .unwrap_or_else(|| "Unidentified Armed Group".to_string());
    ActorRef {
        name,
        kind: ActorKind::Unidentified,
        country,
    }
}

/// The place of a trigger: its clause's most specific place; else one in a
/// clause of the sentence with no incident of its own; else what an
/// anaphor ("there", "the city", "the attack") refers to. `None` when the
/// clause lists three places or more: a summary, not an incident.
/// Whether the word right before place `p` is `word`.
fn preceded_by(doc: &Doc, p: &crate::doc::Place, word: &str) -> bool {
    p.start > 0 && doc.toks.norm(p.start - 1) == word
}

/// The place joined to place `p` by "and" ("in Mombasa and Kisumu", "in
/// Gaza and the West Bank"), of the same level: a second place where the
/// same thing happened, not the district of a town.
fn coordinated_place(doc: &Doc, info: &SentInfo, p: usize) -> Option<usize> {
    let toks = &doc.toks;
    let a = &doc.places[p];
    let joined = |x: &crate::doc::Place, y: &crate::doc::Place| {
        // "between Kaya and Dori" is a route, not two places.
        !preceded_by(doc, x, "between")
            && x.end < y.start
            && toks.norm(x.end) == "and"
            && (y.start == x.end + 1 || (y.start == x.end + 2 && toks.norm(x.end + 1) == "the"))
    };
    info.places.iter().copied().find(|&q| {
        let b = &doc.places[q];
        q != p
            && b.level == a.level
            && b.mention.place.name != a.mention.place.name
            && (joined(a, b) || joined(b, a))
    })
}

fn pick_place(
    doc: &Doc,
    info: &SentInfo,
    c: &Cand,
    owned: &[usize],
    prior: &[Mention],
    attrs: &[Attribution],
) -> Option<(Option<usize>, String)> {
    let cl = info.clauses[c.clause];
    // Words that only look like places: a group's name, a claimant
    // ("officials installed by Moscow").
    let not_a_place = |p: &crate::doc::Place| {
        info.actors
            .iter()
            .any(|a| a.role == MentionRole::Named && p.start < a.end && a.start < p.end)
            || attrs
                .iter()
                .any(|a| p.start >= a.span.0 && p.end <= a.span.1)
    };
    let blocked = |p: &crate::doc::Place| p.level == Level::Unusable || not_a_place(p);
    let score = |i: usize| {
        let p = &doc.places[i];
        let dist = if p.start >= c.end {
            p.start - c.end
        } else {
            (c.start - p.end.min(c.start)) * 2 + 3
        };
        (p.level, p.mention.precision, dist)
    };
    // "the road between Kaya and Dori": the ends of a route, no list.
    let route_end = |p: &crate::doc::Place| {
        preceded_by(doc, p, "between")
            || (preceded_by(doc, p, "and")
                && info.places.iter().any(|&q| {
                    let q = &doc.places[q];
                    q.end + 1 == p.start && preceded_by(doc, q, "between")
                }))
    };
    let named_in_clause = info.places.iter().filter(|&&i| {
        let p = &doc.places[i];
        p.start >= cl.start
            && p.end <= cl.end
            && !p.mention.place.feature_code.starts_with("PCL")
            && !not_a_place(p)
            && !route_end(p)
    });
    // Three towns in the clause, or three areas, are a list of incidents
    // ("in A, B and C", "in Europe, the Middle East and Asia"); a village,
    // its district and its state are one place.
    let mut names: Vec<(bool, &str)> = named_in_clause
        .map(|&i| {
            let p = &doc.places[i];
            (p.level == Level::Point, p.mention.place.name.as_str())
        })
        .collect();
    names.sort_unstable();
    names.dedup();
    if names
        .chunk_by(|a, b| a.0 == b.0)
        .any(|same_kind| same_kind.len() >= 3)
    {
        return None;
    }
    // "the village" refers back; "the village of Dan Sadau" names a place.
    let refers_back = |q: &&crate::lexicon::CueHit| {
        q.mask & cue::PLACE_ANAPHOR != 0
            && (q.end >= doc.toks.len() || doc.toks.norm(q.end) != "of")
    };
    // "struck there", "hit the city": the anaphor right after the trigger.
    let near_anaphor = info
        .cues
        .iter()
        .filter(refers_back)
        .find(|q| q.start >= c.end && q.start <= c.end + 2)
        .map(|q| q.start)
        // "overran it": what is taken is a place.
        .or_else(|| {
            (c.def.place && c.end < cl.end && doc.toks.norm(c.end) == "it").then_some(c.end)
        });
    if let Some(at) = near_anaphor {
        if let Some(found) = antecedent(doc, info, at, prior) {
            return Some(found);
        }
    }
    let in_clause: Vec<usize> = info
        .places
        .iter()
        .copied()
        .filter(|&i| {
            let p = &doc.places[i];
            p.start >= cl.start && p.end <= cl.end && !blocked(p)
        })
        .collect();
    if let Some(best) = in_clause
        .iter()
        .copied()
        .min_by_key(|&i| (route_end(&doc.places[i]), score(i)))
    {
        return Some((
            Some(best),
            format!(
                "in the trigger's clause: \"{}\"",
                doc.places[best].mention.text
            ),
        ));
    }
    let clause_anaphor = info
        .cues
        .iter()
        .filter(refers_back)
        .find(|q| q.start >= c.end && q.end <= cl.end);
    if let Some(q) = clause_anaphor {
        if let Some(found) = antecedent(doc, info, q.start, prior) {
            return Some(found);
        }
    }
    let free: Vec<usize> = info
        .places
        .iter()
        .copied()
        .filter(|&i| {
            let p = &doc.places[i];
            !owned.contains(&info.clause_of(p.start)) && !blocked(p)
        })
        .collect();
    if let Some(best) = free.iter().copied().min_by_key(|&i| score(i)) {
        return Some((
            Some(best),
            format!("in the sentence: \"{}\"", doc.places[best].mention.text),
        ));
    }
    let anaphor = info
        .cues
        .iter()
        .filter(refers_back)
        .find(|q| q.start >= cl.start && q.end <= cl.end)
        .map(|q| q.start);
    let definite =
        c.usage == Usage::Noun && c.start > info.sent.start && doc.toks.norm(c.start - 1) == "the";
    if let Some(at) = anaphor.or(definite.then_some(c.start)) {
        if let Some(found) = antecedent(doc, info, at, prior) {
            return Some(found);
        }
    }
    Some((None, String::new()))
}

/// What a place anaphor at token `at` refers to: the nearest town named
/// before it in the sentence, else the place of the previous incident,
/// else the last town named in the two paragraphs before.
fn antecedent(
    doc: &Doc,
    info: &SentInfo,
    at: usize,
    prior: &[Mention],
) -> Option<(Option<usize>, String)> {
    let s = info_index(doc, info);
    let para = info.sent.paragraph;
    // "the town", "it": a town before a province ("Macomia in Cabo Delgado
    // province").
    let before = |point: bool| {
        info.places.iter().rev().copied().find(|&i| {
            let p = &doc.places[i];
            p.end <= at && p.level < Level::Unusable && (!point || p.level == Level::Point)
        })
    };
    if let Some(i) = before(true).or_else(|| before(false)) {
        return Some((
            Some(i),
            format!(
                "anaphor: \"{}\" earlier in the sentence",
                doc.places[i].mention.text
            ),
        ));
    }
    if let Some(m) = prior.iter().rev().find(|m| {
        m.place.is_some() && para - doc.sents[m.sentence].paragraph <= 2 && s - m.sentence <= 6
    }) {
        return Some((
            m.place,
            "anaphor: place of the previous incident".to_string(),
        ));
    }
    let start = info.sent.start;
    doc.places
        .iter()
        .enumerate()
        .rev()
        .find(|(_, p)| {
            p.end <= start
                && p.level == Level::Point
                && doc.sents[doc_sentence_of(doc, p.start)].paragraph + 2 >= para
        })
        .map(|(i, p)| {
            (
                Some(i),
                format!("anaphor: previous place \"{}\"", p.mention.text),
            )
        })
}

fn info_index(doc: &Doc, info: &SentInfo) -> usize {
    doc.sents
        .iter()
        .position(|s| s.start == info.sent.start)
        .unwrap_or(0)
}

pub fn doc_sentence_of(doc: &Doc, tok: usize) -> usize {
    doc.sents
        .partition_point(|s| s.end <= tok)
        .min(doc.sents.len().saturating_sub(1))
}

fn pick_date(
    doc: &Doc,
    info: &SentInfo,
    c: &Cand,
    attrs: &[Attribution],
    prior: &[Mention],
    owned: &[usize],
) -> (Option<DateRange>, bool, String) {
    let usable = |d: &&DateMention| d.kind != DateKind::Future && !speech_date(doc, info, d, attrs);
    // "regained the town on Sunday, two days after insurgents overran it":
    // the day of the rest of the sentence (or of the incident before),
    // that many days back.
    if let Some(e) = info.earlier.filter(|e| e.holds(c.start, c.end)) {
        let reference = info
            .dates
            .iter()
            .filter(usable)
            .filter(|d| !e.holds(d.start, d.end))
            .find_map(|d| d.range)
            .or_else(|| {
                prior
                    .iter()
                    .rev()
                    .find(|m| m.date_explicit)
                    .and_then(|m| m.date)
            });
        if let Some(r) = reference {
            let back = chrono::Duration::days(e.days);
            return (
                Some(DateRange {
                    start: r.start - back,
                    end: r.end - back,
                    precision: r.precision,
                }),
                true,
                format!(
                    "\"{}\" the time of the rest of the sentence",
                    doc.text(e.start.saturating_sub(2), e.start + 1)
                ),
            );
        }
    }
    let cl = info.clauses[c.clause];
    let mut found = info
        .dates
        .iter()
        .filter(usable)
        .filter(|d| d.start >= cl.start && d.end <= cl.end)
        .min_by_key(|d| {
            if d.start >= c.end {
                d.start - c.end
            } else {
                c.start.saturating_sub(d.end)
            }
        });
    if found.is_none() {
        // Earlier clauses: "In late May, when airstrikes struck ...".
        found = info
            .dates
            .iter()
            .filter(usable)
            .rfind(|d| d.end <= cl.start);
    }
    // The date of a statement or of evidence ("imagery emerging on Friday
    // showing").
    let evidence = |d: &&DateMention| {
        speech_date(doc, info, d, attrs)
            || attrs
                .iter()
                .any(|a| a.cue_start >= d.end && a.cue_start - d.end <= 1)
    };
    if found.is_none() {
        // A later clause no other incident holds: "attacked a police
        // station in Jamundi, south of Cali, with drones early Wednesday".
        found = info.dates.iter().filter(usable).find(|d| {
            d.start >= cl.end && !owned.contains(&info.clause_of(d.start)) && !evidence(d)
        });
    }
    if found.is_none() {
        // Only the date of a statement or of evidence ("said on Monday",
        // "imagery emerging on Friday showing"): the incident came in the
        // week up to it.
        let evidence = info
            .dates
            .iter()
            .find(|d| d.kind != DateKind::Future && d.kind != DateKind::Anaphoric && evidence(d));
        if let Some(r) = evidence.and_then(|d| d.range) {
            let start = r.end - chrono::Duration::days(6);
            let text = evidence.map(|d| doc.text(d.start, d.end)).unwrap_or("");
            return (
                Some(DateRange {
                    start,
                    end: r.end,
                    precision: dateline_model::DatePrecision::Week,
                }),
                true,
                format!("the week up to the statement or evidence dated \"{text}\""),
            );
        }
    }
    let Some(d) = found else {
        return (None, false, String::new());
    };
    let text = doc.text(d.start, d.end).to_string();
    if d.kind == DateKind::Anaphoric {
        let prev = prior
            .iter()
            .rev()
            .find(|m| m.date_explicit && m.date.is_some());
        return match prev.and_then(|m| m.date) {
            Some(r) => {
                let shift = chrono::Duration::days(d.offset_days);
                (
                    Some(DateRange {
                        start: r.start + shift,
                        end: r.end + shift,
                        precision: r.precision,
                    }),
                    true,
                    format!("\"{text}\" = the previous date"),
                )
            }
            None => (None, false, String::new()),
        };
    }
    (d.range, true, format!("\"{text}\""))
}

fn decide_type(
    doc: &Doc,
    info: &SentInfo,
    c: &Cand,
    a1: Option<&ActorRef>,
    a2: Option<&ActorRef>,
    place: Option<usize>,
) -> Option<SubEventType> {
    use SubEventType::*;
    let sent = info.sent;
    let cl = info.clauses[c.clause];
    // A cue inside a force's name ("riot police") says nothing of the event.
    let in_force_name = |q: &crate::lexicon::CueHit| {
        info.actors
            .iter()
            .any(|a| a.kind == ActorKind::Police && q.start >= a.start && q.end <= a.end)
    };
    let has = |mask: u64| {
        info.cues.iter().any(|q| {
            q.mask & mask != 0
                && q.start >= sent.start
                && q.end <= sent.end
                && !in_force_name(q)
                && !info.neutralised(q)
        })
    };
    let weapon = || {
        if has(cue::CHEMICAL) {
            Some(ChemicalWeapon)
        } else if has(cue::SUICIDE) {
            Some(SuicideBomb)
        } else if has(cue::AIR) {
            Some(AirDroneStrike)
        } else if has(cue::SHELL) {
            Some(ShellingArtilleryMissileAttack)
        } else if has(cue::GRENADE) {
            Some(Grenade)
        } else if has(cue::IED) {
            Some(RemoteExplosiveLandmineIed)
        } else {
            None
        }
    };
    let victims_civilian = a2.is_some_and(|a| a.kind == ActorKind::Civilians)
        || info.casualties.iter().any(|k| {
            k.class == HeadClass::Death
                && matches!(
                    k.category,
                    Category::Civilian | Category::Child | Category::Woman
                )
        })
        || info.has_cue(cue::CIV_TARGET, c.end, cl.end);
    let victims_armed = a2.is_some_and(|a| a.kind.is_armed())
        || info
            .casualties
            .iter()
            .any(|k| k.class == HeadClass::Death && matches!(k.category, Category::Combatant(_)))
        || info.has_cue(cue::MIL_TARGET, c.end, cl.end);
    // "jihadists attacked the town, killing 31 people": no armed side named
    // or killed, so the dead are the town's people.
    let people_killed = || {
        a2.is_none()
            && info
                .casualties
                .iter()
                .any(|k| k.class == HeadClass::Death && k.category == Category::Person)
    };
    let outside = |mask: u64| {
        info.cues.iter().any(|q| {
            q.mask & mask != 0
                && q.start >= sent.start
                && q.end <= sent.end
                && (q.end <= c.start || q.start >= c.end)
        })
    };
    let protest_ctx =
        outside(cue::PROTEST_WORD) || info.actors.iter().any(|a| a.kind == ActorKind::Protesters);
    // "opened fire on a peaceful sit-in": the force's target is a protest.
    let protest_target = info
        .cues
        .iter()
        .any(|q| q.mask & cue::PROTEST_WORD != 0 && q.start >= c.end && q.end <= cl.end);
    // "killed by an RSF drone", "a mortar round killed five": the weapon
    // that kills says how.
    let toks = &doc.toks;
    let by_weapon = c.def.class == Class::Kill
        && info.cues.iter().any(|q| {
            q.mask & cue::WEAPON != 0
                && !in_force_name(q)
                && q.start >= cl.start
                && q.end <= cl.end
                && (q.end <= c.start
                    || (c.end < cl.end
                        && toks.norm(c.end) == "by"
                        && q.start <= c.end + 4
                        // Within the agent's noun phrase, not "by gunmen
                        // near a drone base".
                        && (c.end + 1..q.start).all(|i| {
                            toks.kind(i) != Kind::Punct
                                && toks.norm(i) != "near"
                                && !info.has_cue(cue::NOMINAL_PREP, i, i + 1)
                        })))
        });
    // "attacked a police station with explosive-laden drones": the
    // weapon says how.
    let with_weapon = (c.end..sent.end)
        .find(|&w| toks.norm(w) == "with")
        .is_some_and(|w| {
            toks.norm(w) == "with"
                && info.cues.iter().any(|q| {
                    q.mask & cue::WEAPON != 0
                        && !in_force_name(q)
                        && q.start > w
                        && q.start <= w + 4
                })
        });
    Some(match c.def.class {
        // Property burned in a protest ("youths torched a police post during
        // demonstrations") is the protest turned violent.
        Class::Fixed(LootingPropertyDestruction) if protest_ctx => ViolentDemonstration,
        // "Hundreds of supporters clashed with police": a crowd, not an
        // armed side, fights the force.
        Class::Fixed(ArmedClash)
            if !armed(&a1.cloned())
                && (a1.is_some_and(|a| {
                    matches!(
                        a.kind,
                        ActorKind::Civilians | ActorKind::Protesters | ActorKind::Rioters
                    )
                }) || (a1.is_none() && info.has_cue(cue::CROWD, cl.start, c.start))) =>
        {
            ViolentDemonstration
        }
        Class::Fixed(s) => s,
        Class::Kill if by_weapon => weapon()?,
        Class::Attack if with_weapon => weapon()?,
        Class::Attack | Class::Kill => {
            if a1.is_some_and(|a| matches!(a.kind, ActorKind::Protesters | ActorKind::Rioters)) {
                ViolentDemonstration
            } else if a1.is_some_and(|a| a.kind == ActorKind::Civilians) && !victims_armed {
                MobViolence
            } else if protest_ctx
                && (a2.is_some_and(|a| a.kind == ActorKind::Protesters)
                    || (a2.is_none() && a1.is_some_and(|a| a.kind.is_state()) && protest_target))
            {
                ExcessiveForceAgainstProtesters
            } else if victims_armed && (!victims_civilian || a2.is_some_and(|a| a.kind.is_armed()))
            {
                ArmedClash
            } else if victims_civilian || c.def.class == Class::Kill || people_killed() {
                Attack
            } else {
                ArmedClash
            }
        }
        Class::Capture | Class::Regain => {
            let loc_country = place.and_then(|p| doc.places[p].mention.place.country.clone());
            let state = |a: &ActorRef| {
                a.kind.is_state()
                    && (loc_country.is_none() || a.country.is_none() || a.country == loc_country)
                    || (a.kind == ActorKind::PoliticalMilitia
                        && a.country.is_some()
                        && a.country == loc_country)
            };
            match a1 {
                Some(a) if state(a) => GovernmentRegainsTerritory,
                Some(_) => NonStateActorOvertakesTerritory,
                None if c.def.class == Class::Regain => GovernmentRegainsTerritory,
                None if a2.is_some_and(|a| a.kind.is_state()) => NonStateActorOvertakesTerritory,
                None if a2.is_some() => GovernmentRegainsTerritory,
                None => NonStateActorOvertakesTerritory,
            }
        }
        Class::Explosion => weapon().unwrap_or(RemoteExplosiveLandmineIed),
        Class::Strike => match weapon() {
            Some(w) => w,
            None if protest_ctx => PeacefulProtest,
            None => AirDroneStrike,
        },
        Class::Protest => {
            if has(cue::LETHAL_FORCE)
                && has(cue::INTERVENTION | cue::LETHAL_FORCE)
                && info.casualties.iter().any(|k| k.class == HeadClass::Death)
            {
                ExcessiveForceAgainstProtesters
            } else if has(cue::RIOT) {
                ViolentDemonstration
            } else if has(cue::INTERVENTION) {
                ProtestWithIntervention
            } else {
                PeacefulProtest
            }
        }
        Class::Riot => {
            if has(cue::MOB)
                || a1.is_some_and(|a| a.kind == ActorKind::Rioters && a.name.contains("Mob"))
            {
                MobViolence
            } else {
                ViolentDemonstration
            }
        }
    })
}

/// How specific a sub-event type is, for typing a group of triggers: the
/// lower, the more it says.
/// `deadly`: the incident killed someone. Civilians killed and others
/// abducted in one raid is an attack (its dead are its weight); an
/// abduction alone stays one, and sexual violence is named whatever else
/// happened.
pub fn rank(t: SubEventType, deadly: bool) -> u8 {
    use SubEventType::*;
    match t {
        ChemicalWeapon => 0,
        SuicideBomb => 1,
        AirDroneStrike => 2,
        ShellingArtilleryMissileAttack => 3,
        RemoteExplosiveLandmineIed => 4,
        Grenade => 5,
        GovernmentRegainsTerritory => 6,
        NonStateActorOvertakesTerritory => 7,
        SexualViolence => 8,
        Attack if deadly => 9,
        AbductionForcedDisappearance => 10,
        // A crowd that turned violent is a riot, whatever force met it.
        ViolentDemonstration => 11,
        ExcessiveForceAgainstProtesters => 12,
        ProtestWithIntervention => 13,
        MobViolence => 14,
        ArmedClash => 15,
        Attack => 16,
        PeacefulProtest => 17,
        HeadquartersOrBaseEstablished => 18,
        LootingPropertyDestruction => 19,
        DisruptedWeaponsUse => 20,
        Arrests => 21,
        Agreement => 22,
        ChangeToGroupActivity => 23,
        NonViolentTransferOfTerritory => 24,
        Other => 25,
    }
}

/// Triggers of one sentence with the same place and a compatible actor are
/// one incident ("launched an offensive ..., expelling IS from villages").
fn group(mentions: Vec<Mention>) -> Vec<Mention> {
    let mut out: Vec<Mention> = Vec::new();
    for m in mentions {
        let crowd = |a: &Option<ActorRef>| {
            a.as_ref()
                .is_some_and(|x| matches!(x.kind, ActorKind::Protesters | ActorKind::Rioters))
        };
        let same = out.iter_mut().find(|o| {
            (o.place == m.place || o.place.is_none() || m.place.is_none())
                && (o.actor1.is_none()
                    || m.actor1.is_none()
                    || o.actor1 == m.actor1
                    || crowd(&o.actor1)
                    || crowd(&m.actor1))
        });
        match same {
            Some(o) => {
                // The main act types the incident, not its setting; else the
                // more specific trigger does.
                let better = if o.adjunct != m.adjunct {
                    o.adjunct
                } else {
                    let deadly = [&o.deaths, &m.deaths]
                        .into_iter()
                        .any(|d| d.as_ref().is_some_and(|d| d.best > 0));
                    rank(m.sub, deadly) < rank(o.sub, deadly)
                };
                if better {
                    o.adjunct = m.adjunct;
                    o.sub = m.sub;
                    o.trigger_text = m.trigger_text.clone();
                }
                // Keep the crowd as actor1 of a protest, the force as actor2.
                if crowd(&m.actor1)
                    && !crowd(&o.actor1)
                    && matches!(
                        o.sub.event_type(),
                        dateline_model::EventType::Protests | dateline_model::EventType::Riots
                    )
                {
                    o.actor2 = o.actor1.take().or(o.actor2.take());
                    o.actor1 = m.actor1.clone();
                }
                if o.actor1.is_none() {
                    o.actor1 = m.actor1;
                    o.actor_cue = m.actor_cue;
                }
                if o.actor2.is_none() {
                    o.actor2 = m.actor2;
                }
                if o.place.is_none() {
                    o.place = m.place;
                    o.place_cue = m.place_cue;
                }
                if !o.date_explicit && m.date_explicit {
                    o.date = m.date;
                    o.date_explicit = true;
                    o.date_cue = m.date_cue;
                }
            }
            None => out.push(m),
        }
    }
    out.iter_mut().for_each(force_first);
    out
}

/// Whether tokens `start..end` lie inside a claimant phrase ("said the
/// police chief"): who speaks, not who acts.
fn in_claimant_phrase(attrs: &[Attribution], start: usize, end: usize) -> bool {
    attrs.iter().any(|a| a.span.0 <= start && end <= a.span.1)
}

/// Whether the actor is an armed force (of a state or not).
fn armed(a: &Option<ActorRef>) -> bool {
    a.as_ref().is_some_and(|x| x.kind.is_armed())
}

/// Excessive force is the force's act on the crowd (ACLED codes the state
/// force as `actor1`, the protesters as `actor2`), unlike other protests.
fn force_first(m: &mut Mention) {
    let crowd = m
        .actor1
        .as_ref()
        .is_some_and(|a| matches!(a.kind, ActorKind::Protesters | ActorKind::Rioters));
    if m.sub == SubEventType::ExcessiveForceAgainstProtesters && crowd {
        std::mem::swap(&mut m.actor1, &mut m.actor2);
    }
}

/// The default window of an undated incident: the publication week so far
/// (as "earlier this week" resolves, spec §5), since news reports what is new.
pub fn default_window(published: Option<NaiveDate>) -> Option<DateRange> {
    use chrono::Datelike;
    let p = published?;
    let monday = p - chrono::Duration::days(p.weekday().num_days_from_monday() as i64);
    Some(DateRange {
        start: monday,
        end: p,
        precision: dateline_model::DatePrecision::Week,
    })
}
