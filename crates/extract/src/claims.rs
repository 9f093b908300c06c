//! Attribution: who says so (spec §7).
//!
//! A sentence's attribution verbs ("said", "according to", "blamed",
//! "claimed") each get a claimant, the noun phrase that speaks: the one
//! before the verb ("the Observatory reported"), or after it when nothing
//! stands before ("said Rami Abdel Rahman, director of the Syrian
//! Observatory for Human Rights"), or after "according to". The phrase
//! resolves to an organisation from `sources.tsv` ("the Observatory" → the
//! Syrian Observatory for Human Rights), else to a party from the actor
//! dictionary, else to a role ("activists", with a nationality: "US
//! officials"), else to a person's name. Pronouns and "the group" refer to
//! the previous claimant. "X blamed Y" and "X claimed the strikes" also
//! name a perpetrator candidate.

use dateline_annotate::{ActorKind, ActorMention, Kind, MentionRole};

use crate::doc::{Doc, SentInfo};
use crate::lexicon::cue;
use crate::Extractor;

/// One attribution in a sentence.
#[derive(Debug, Clone)]
pub struct Attribution {
    /// Tokens of the attribution verb or phrase.
    pub cue_start: usize,
    pub cue_end: usize,
    /// Which kind of attribution (a `cue::` bit).
    pub kind: u64,
    pub claimant: String,
    /// Tokens of the claimant phrase.
    pub span: (usize, usize),
    /// A perpetrator the claimant names: the accused of "blamed", the
    /// speaker itself for "claimed".
    pub accused: Option<ActorMention>,
    /// The speaker as an actor, when it is one ("the coalition reported").
    pub speaker: Option<ActorMention>,
}

/// The attributions of sentence `info`. `previous` is the last claimant
/// named before this sentence, for pronouns.
pub fn attributions(
    ex: &Extractor,
    doc: &Doc,
    info: &SentInfo,
    triggers: &[(usize, usize)],
    previous: Option<&str>,
) -> Vec<Attribution> {
    let toks = &doc.toks;
    let (s0, s1) = (info.sent.start, info.sent.end);
    let mut out: Vec<Attribution> = Vec::new();
    // Longest cue per start, attribution classes only.
    let mut cues: Vec<(usize, usize, u64)> = info
        .cues
        .iter()
        .filter(|c| c.mask & cue::ATTRIBUTION != 0)
        .map(|c| (c.start, c.end, c.mask & cue::ATTRIBUTION))
        .collect();
    cues.sort_by_key(|c| (c.0, std::cmp::Reverse(c.1)));
    cues.dedup_by_key(|c| c.0);
    let mut last_end = s0;
    for (a, b, mask) in cues {
        if a < last_end {
            continue;
        }
        // A capitalized word inside a sentence is a name ("Islamic State"), not a verb.
        if a > s0 && toks.is_capitalized(a) && !matches!(toks.norm(a - 1), "\"" | "(") {
            continue;
        }
        // The report word must be a verb here, not a noun ("reports of").
        if b < s1 && matches!(toks.norm(b), "of") && mask == cue::REPORT {
            continue;
        }
        let kind = if mask & cue::BLAME != 0 {
            cue::BLAME
        } else if mask & cue::CLAIM != 0 {
            cue::CLAIM
        } else if mask & cue::DENY != 0 {
            cue::DENY
        } else {
            cue::REPORT
        };
        let according = toks.norm(a) == "according";
        // "released by Russian state media": the agent speaks.
        let passive = toks.norm(b - 1) == "by" || (b < s1 && toks.norm(b) == "by");
        let here = out.last().map(|x| x.claimant.as_str());
        // "..., adding that six died", "..., blaming Ukrainian forces": the
        // speaker is the one before; what follows is what they say.
        // So is the speaker of "... and denied targeting civilians".
        let participle =
            (a > s0 && toks.norm(a - 1) == "," && toks.norm(a).ends_with("ing") && !according)
                || (kind == cue::DENY && a > s0 && toks.norm(a - 1) == "and" && here.is_some());
        let span = if participle && here.or(previous).is_none() {
            // "The media office rejected the charge, saying ...": nobody
            // spoke before, so the clause the participle hangs on holds
            // the speaker.
            (info.clauses[info.clause_of(a - 1)].start, a - 1)
        } else if according {
            right_phrase(doc, b, s1, 1)
        } else if passive {
            let from = if toks.norm(b - 1) == "by" { b } else { b + 1 };
            right_phrase(doc, from, s1, 1)
        } else {
            let left = left_phrase(doc, info, a);
            if left.1 > left.0 && !is_quote_only(doc, left) {
                coordinated_speakers(doc, info, triggers, left)
            } else {
                right_phrase(doc, b, s1, 2)
            }
        };
        // "No casualty figures were reported", "4 fatalities reported":
        // what is reported stands before a passive verb; nobody speaks.
        if span.1 <= a
            && !participle
            && ((a > s0 && info.has_cue(cue::AUX, a - 1, a))
                || info
                    .casualties
                    .iter()
                    .any(|c| span.0 <= c.head && c.head < span.1))
        {
            continue;
        }
        let content = toks.norm(span.0) == "that" || (participle && here.or(previous).is_some());
        // A phrase that reports an incident is not a speaker ("a man
        // accused of theft", "rebels attacked an army post").
        if span.1 <= span.0
            || (!content && triggers.iter().any(|&(x, y)| x >= span.0 && y <= span.1))
        {
            continue;
        }
        // What follows a content cue is what is said, not who says it: the
        // claimant phrase is elsewhere, so it holds no tokens here.
        let span = if content { (a, a) } else { span };
        let claimant = if content {
            here.or(previous).map(str::to_string)
        } else {
            name_claimant(ex, doc, info, span, here.or(previous), span.1 <= a)
        };
        let Some(claimant) = claimant else {
            continue;
        };
        let in_span = |m: &&ActorMention| m.start >= span.0 && m.end <= span.1;
        // Before the verb, the phrase's head is its last actor ("the
        // al-Qaeda affiliate JNIM claimed"); after it, its first.
        let speaking = |m: &&ActorMention| {
            in_span(m)
                && matches!(
                    m.role,
                    MentionRole::Named | MentionRole::Generic | MentionRole::Country
                )
        };
        let mut candidates = info.actors.iter().filter(speaking);
        let speaker = if content {
            None
        } else if span.1 <= a {
            candidates.next_back()
        } else {
            candidates.next()
        }
        .cloned();
        let accused = match kind {
            k if k == cue::BLAME => {
                let clause = info.clauses[info.clause_of(a)];
                info.actors
                    .iter()
                    .find(|m| {
                        m.start >= b
                            && m.end <= clause.end
                            && m.role != MentionRole::Nationality
                            && m.kind.is_armed()
                    })
                    .cloned()
            }
            k if k == cue::CLAIM => speaker
                .clone()
                .filter(|m| m.kind.is_armed() && m.role != MentionRole::Country)
                .or_else(|| group_name(doc, span)),
            _ => None,
        };
        last_end = b;
        out.push(Attribution {
            cue_start: a,
            cue_end: b,
            kind,
            claimant,
            span,
            accused,
            speaker,
        });
    }
    out
}

/// A group no dictionary knows, named when it claims an attack ("the
/// Tehreek-e-Jihad Pakistan group claimed"): the capitalized words of the
/// speaker phrase.
fn group_name(doc: &Doc, span: (usize, usize)) -> Option<ActorMention> {
    let toks = &doc.toks;
    // Capitalized words, joined by hyphens ("Tehreek-e-Jihad").
    let caps = |i: usize| {
        (toks.kind(i) == Kind::Word && toks.is_capitalized(i))
            || (toks.norm(i) == "-" && !toks.toks[i].space_before)
            || (i > 0
                && toks.norm(i - 1) == "-"
                && !toks.toks[i].space_before
                && toks.kind(i) == Kind::Word)
    };
    let a = (span.0..span.1).find(|&i| {
        toks.kind(i) == Kind::Word
            && toks.is_capitalized(i)
            && !matches!(toks.norm(i), "the" | "a" | "an")
    })?;
    let mut b = a;
    while b < span.1 && caps(b) {
        b += 1;
    }
    let words = (a..b).filter(|&i| toks.kind(i) == Kind::Word).count();
    (words >= 2).then(|| ActorMention {
        start: a,
        end: b,
        name: Some(doc.text(a, b).to_string()),
        kind: ActorKind::RebelGroup,
        country: None,
        role: MentionRole::Named,
    })
}

fn is_quote_only(doc: &Doc, span: (usize, usize)) -> bool {
    (span.0..span.1).all(|i| doc.toks.kind(i) == Kind::Punct)
}

/// The phrase before an attribution verb, back to the clause's start or a
/// comma or quote.
fn left_phrase(doc: &Doc, info: &SentInfo, at: usize) -> (usize, usize) {
    let toks = &doc.toks;
    let s0 = info.sent.start;
    let mut i = at;
    // Skip auxiliaries and adverbs right before the verb ("has reported", "also said").
    while i > s0 && info.has_cue(cue::ADVERB, i - 1, i) {
        i -= 1;
    }
    let mut end = i;
    // A parenthetical adverb (", however,") stands between the subject and the verb.
    if i >= s0 + 3
        && toks.norm(i - 1) == ","
        && info.has_cue(cue::BOUNDARY | cue::ADVERB, i - 2, i - 1)
        && toks.norm(i - 3) == ","
    {
        i -= 3;
        end = i;
    }
    while i > s0 {
        let n = toks.norm(i - 1);
        let stop = matches!(n, "," | "\"" | ";" | ":" | "." | "(" | ")" | "that")
            || (n == "-" && toks.toks[i - 1].space_before)
            || info.has_cue(cue::BOUNDARY | cue::COMMA_BOUNDARY, i - 1, i);
        if stop {
            break;
        }
        i -= 1;
        if end - i > 14 {
            return (end, end);
        }
    }
    (i, end)
}

/// "..., police and residents said": `left_phrase` stops at "and", a clause
/// boundary, but two speakers joined after a comma are one phrase, and the
/// first is no object of the verb before the comma. Extends `span` back
/// over at most three words that report nothing, to a comma or the
/// sentence start.
fn coordinated_speakers(
    doc: &Doc,
    info: &SentInfo,
    triggers: &[(usize, usize)],
    span: (usize, usize),
) -> (usize, usize) {
    let toks = &doc.toks;
    let s0 = info.sent.start;
    let Some(and) = span
        .0
        .checked_sub(1)
        .filter(|&k| k > s0 && toks.norm(k) == "and")
    else {
        return span;
    };
    let mut i = and;
    while i > s0 && toks.kind(i - 1) == Kind::Word && and - i < 3 {
        i -= 1;
    }
    let opens = i == s0 || toks.norm(i - 1) == ",";
    let reports = triggers.iter().any(|&(x, y)| x < and && y > i);
    if i < and && opens && !reports {
        (i, span.1)
    } else {
        span
    }
}

/// The phrase after an attribution verb ("said Col. Jane Roe, coalition
/// spokeswoman"): to the second comma (the first ends an agent after
/// "by"), the sentence end, or twelve tokens.
fn right_phrase(doc: &Doc, from: usize, to: usize, max_commas: usize) -> (usize, usize) {
    let toks = &doc.toks;
    let mut end = from;
    let mut commas = 0;
    while end < to && end - from < 12 {
        let n = toks.norm(end);
        if matches!(n, "." | ";" | "\"" | "?" | "!") {
            break;
        }
        if n == "," {
            commas += 1;
            if commas >= max_commas {
                break;
            }
        }
        end += 1;
    }
    (from, end)
}

/// The canonical claimant of a phrase.
fn name_claimant(
    ex: &Extractor,
    doc: &Doc,
    info: &SentInfo,
    span: (usize, usize),
    previous: Option<&str>,
    before_verb: bool,
) -> Option<String> {
    let toks = &doc.toks;
    // A pronoun or "the group" alone refers to the previous claimant.
    let words: Vec<usize> = (span.0..span.1)
        .filter(|&i| toks.kind(i) != Kind::Punct)
        .collect();
    // Where the pronoun cues that open the phrase end.
    let pronoun_ends: Vec<usize> = words
        .first()
        .map(|&a| {
            info.cues
                .iter()
                .filter(|c| c.mask & cue::PRONOUN != 0 && c.start == a)
                .map(|c| c.end)
                .collect()
        })
        .unwrap_or_default();
    let pronoun = words
        .last()
        .is_none_or(|&b| pronoun_ends.contains(&(b + 1)));
    // With nobody before, "the army" is named for what it is; "he" is
    // nobody.
    if pronoun && (previous.is_some() || words.len() <= 1) {
        return previous.map(str::to_string);
    }
    // "the group's spokesman", "its spokesman": the previous claimant
    // speaking through its own people.
    let of_previous = words.first().is_some_and(|&a| toks.norm(a) == "its")
        || pronoun_ends
            .iter()
            .any(|&e| e < span.1 && toks.norm(e) == "'s");
    if let (true, Some(p)) = (of_previous, previous) {
        return Some(p.to_string());
    }
    // Organisations first, then roles.
    let mut org: Option<(usize, u32)> = None;
    // The longest role ("a local rights group" is no local), and where.
    let mut role: Option<(usize, usize, u32)> = None;
    // Every role, for two joined by "and" ("police and residents").
    let mut roles: Vec<(usize, usize, u32)> = Vec::new();
    let mut i = span.0;
    while i < span.1 {
        match ex.lexicon.sources.longest_at(toks, i, span.1) {
            Some(m) => {
                let idx = *m.value;
                if ex.lexicon.source_is_role(idx) {
                    if role.is_none_or(|(a, b, _)| m.end - m.start > b - a) {
                        role = Some((m.start, m.end, idx));
                    }
                    roles.push((m.start, m.end, idx));
                } else if org.map(|(len, _)| m.end - m.start > len).unwrap_or(true) {
                    org = Some((m.end - m.start, idx));
                }
                i = m.end;
            }
            None => i += 1,
        }
    }
    if let Some((_, idx)) = org {
        return Some(ex.lexicon.source_names[idx as usize].clone());
    }
    let actors: Vec<&ActorMention> = info
        .actors
        .iter()
        .filter(|m| m.start >= span.0 && m.end <= span.1)
        .collect();
    // Before the verb the head comes last ("the al-Qaeda affiliate JNIM").
    let mut named = actors.iter().filter(|m| m.role == MentionRole::Named);
    if let Some(m) = if before_verb {
        named.next_back()
    } else {
        named.next()
    } {
        return m.name.clone();
    }
    let nationality = actors
        .iter()
        .find(|m| matches!(m.role, MentionRole::Nationality | MentionRole::Country))
        .and_then(|m| m.name.clone());
    if let Some((a, b, r)) = role {
        // A role word inside a name no list knows ("the Sudan Doctors
        // Network") is that organisation.
        if let Some(g) = group_name(doc, span).filter(|g| g.start <= a && b <= g.end) {
            return g.name;
        }
        let name = |r: u32| &ex.lexicon.source_names[r as usize];
        if let [(_, x_end, x), (y_start, _, y)] = roles[..] {
            if y_start == x_end + 1 && toks.norm(x_end) == "and" && x != y {
                return Some(format!("{} and {}", name(x), name(y).to_lowercase()));
            }
        }
        let r = name(r);
        return Some(match nationality {
            Some(n) => format!("{n} {}", r.to_lowercase()),
            None => r.clone(),
        });
    }
    // An organisation no list knows: "the Tehreek-e-Jihad Pakistan group".
    if let Some(g) = group_name(doc, span)
        .and_then(|g| g.name)
        .filter(|g| actors.iter().all(|m| m.name.as_deref() != Some(g.as_str())))
    {
        return Some(g);
    }
    if let Some(m) = actors.iter().find(|m| m.role == MentionRole::Country) {
        return m.name.clone();
    }
    if let Some(m) = actors
        .iter()
        .find(|m| m.role == MentionRole::Generic && m.kind != ActorKind::Civilians)
    {
        return m.name.clone();
    }
    // A person's name: the first run of capitalized words (not a date).
    let in_date = |i: usize| info.dates.iter().any(|d| d.start <= i && i < d.end);
    let mut a = span.0;
    while a < span.1 && !(toks.kind(a) == Kind::Word && toks.is_capitalized(a) && !in_date(a)) {
        a += 1;
    }
    let mut b = a;
    while b < span.1
        && ((toks.kind(b) == Kind::Word && toks.is_capitalized(b))
            || (toks.norm(b) == "." && b > a)
            || toks.norm(b) == "-")
    {
        b += 1;
    }
    if b > a && b - a <= 6 {
        return Some(doc.text(a, b).trim_end_matches('.').to_string());
    }
    let words: Vec<&str> = doc
        .text(span.0, span.1)
        .split_whitespace()
        .take(8)
        .collect();
    (!words.is_empty()).then(|| words.join(" "))
}
