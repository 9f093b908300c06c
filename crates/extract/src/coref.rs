//! Within one article, mentions of the same incident become one event
//! (spec §1), with every claim (spec §7).
//!
//! Two mentions are one incident when they have the same event type (the
//! same sub-type for strategic developments), places that agree (the same
//! place, places within a few kilometres, or a region and a place inside
//! it), dates that overlap (an undated mention agrees with any date), and
//! no two different perpetrators. A mention with no place of its own joins
//! the nearest such incident a few sentences around it, or is dropped.
//!
//! The event keeps the most specific place; the date of its main mention
//! (the one with the largest exact death count, else the first dated one;
//! a set of incidents with a joint figure keeps that figure's range); and
//! for deaths, a joint figure over the parts it contains, or the lowest of
//! conflicting figures with `low`/`high` when sources disagree. Perpetrators
//! named by different sources leave `actor1` empty: the event is disputed.

use chrono::Duration;
use dateline_annotate::ActorKind;
use dateline_model::{
    Actor, ArticleRef, Claim, DatePrecision, DateRange, Event, EventType, Fatalities, Modality,
    SubEventType,
};
use serde_json::{Map, Value};

use crate::doc::{Doc, Level};
use crate::lexicon::Class;
use crate::mention::{default_window, ActorRef, Deaths, Mention};
use crate::Extractor;
use dateline_geo::RelationKind;

/// Places closer than this are one place for one incident.
const SAME_PLACE_KM: f64 = 12.0;
/// How far "near X" or "the outskirts of X" may lie from X.
const NEAR_KM: f64 = 30.0;
/// How far "north of X" may lie from X ("50 km north of the capital").
const DIRECTION_KM: f64 = 60.0;
/// Events further back than this are background (spec §1).
pub(crate) const BACKGROUND_DAYS: i64 = 90;
/// A range starting further back than this is background too ("last year").
const BACKGROUND_START_DAYS: i64 = 120;
/// A range longer than this is no bounded incident.
const MAX_RANGE_DAYS: i64 = 366;
/// How far (in sentences) a mention without a place looks for its incident.
const PLACELESS_REACH: usize = 3;

fn km(a: (f64, f64), b: (f64, f64)) -> f64 {
    let (la1, lo1, la2, lo2) = (
        a.0.to_radians(),
        a.1.to_radians(),
        b.0.to_radians(),
        b.1.to_radians(),
    );
    let h = ((la2 - la1) / 2.0).sin().powi(2)
        + la1.cos() * la2.cos() * ((lo2 - lo1) / 2.0).sin().powi(2);
    6371.0 * 2.0 * h.sqrt().min(1.0).asin()
}

fn places_agree(doc: &Doc, a: Option<usize>, b: Option<usize>) -> bool {
    let (Some(a), Some(b)) = (a, b) else {
        return true;
    };
    let (pa, pb) = (&doc.places[a], &doc.places[b]);
    let (x, y) = (&pa.mention.place, &pb.mention.place);
    if x.geonames_id.is_some() && x.geonames_id == y.geonames_id {
        return true;
    }
    if x.name == y.name && x.country == y.country {
        return true;
    }
    if pa.level == Level::Point && pb.level == Level::Point {
        // "North of Baghdad" and the town 50 km north of it: a direction
        // from an anchor reaches further than one town's extent.
        let reach = |p: &crate::doc::Place| match p.mention.relation.as_ref().map(|r| r.kind) {
            Some(RelationKind::Direction) => DIRECTION_KM,
            Some(RelationKind::Near | RelationKind::Outskirts) => NEAR_KM,
            _ => SAME_PLACE_KM,
        };
        return km((x.lat, x.lon), (y.lat, y.lon)) <= reach(pa).max(reach(pb));
    }
    // A region and a place inside it.
    let (region, point) = if pa.level > pb.level { (x, y) } else { (y, x) };
    region.country == point.country && region.admin1.is_some() && region.admin1 == point.admin1
}

fn dates_agree(a: &Mention, b: &Mention) -> bool {
    if !a.date_explicit || !b.date_explicit {
        return true;
    }
    match (a.date, b.date) {
        (Some(x), Some(y)) => {
            x.start <= y.end + Duration::days(1) && y.start <= x.end + Duration::days(1)
        }
        _ => true,
    }
}

fn actors_agree(a: &Mention, b: &Mention) -> bool {
    // The same crowd may be told as protesters and as rioters.
    let crowd = |x: &ActorRef| matches!(x.kind, ActorKind::Protesters | ActorKind::Rioters);
    match (&a.actor1, &b.actor1) {
        (Some(x), Some(y)) => x.name == y.name || (crowd(x) && crowd(y)) || opposite_sides(a, b),
        _ => true,
    }
}

/// Two tellings of one battle from either side: "ISWAP stormed the base"
/// and "troops repelled the assault"; or of one protest, by the crowd
/// ("protesters marched") and by the force that fired on it.
fn opposite_sides(a: &Mention, b: &Mention) -> bool {
    let name = |m: &Option<ActorRef>| m.as_ref().map(|x| x.name.clone());
    two_sided(a.sub)
        && family(a.sub) == family(b.sub)
        && (name(&a.actor1) == name(&b.actor2) || name(&a.actor2) == name(&b.actor1))
}

/// Event types whose tellings may name either side as the one acting.
fn two_sided(sub: SubEventType) -> bool {
    matches!(
        sub.event_type(),
        EventType::Battles | EventType::Protests | EventType::Riots
    )
}

/// The event type, with protests and riots as one family: "protesters
/// hurled stones" and "officers fired tear gas" tell one crowd incident.
fn family(sub: SubEventType) -> EventType {
    match sub.event_type() {
        EventType::Riots => EventType::Protests,
        t => t,
    }
}

fn types_agree(a: SubEventType, b: SubEventType) -> bool {
    let t = family(a);
    t == family(b) && (t != EventType::StrategicDevelopments || a == b)
}

fn agree(doc: &Doc, a: &Mention, b: &Mention) -> bool {
    types_agree(a.sub, b.sub)
        && places_agree(doc, a.place, b.place)
        && dates_agree(a, b)
        && actors_agree(a, b)
}

/// "The assault" with no date or count of its own: it refers back, and an
/// attack may have been typed as a battle or as violence against civilians.
fn anaphoric(m: &Mention) -> bool {
    m.definite && (!m.date_explicit || m.date_carried) && m.deaths.is_none()
}

/// "The attackers hurled grenades near X": done by the perpetrators of an
/// incident told before, with no day or toll of its own. It adds detail
/// (perhaps a finer place); the telling before says what happened.
fn retelling(m: &Mention) -> bool {
    (m.actor_refers_back || self_told(m))
        && (!m.date_explicit || m.date_carried)
        && m.deaths.is_none()
}

/// "The RSF said it had attacked army positions in the area": the
/// perpetrator's own telling of an incident, which says who acted but not
/// what happened.
fn self_told(m: &Mention) -> bool {
    m.actor1.is_none()
        && m.said
            .iter()
            .any(|s| s.claimant.is_some() && s.accused == s.claimant)
}

/// A battle, a remote attack or violence against civilians.
fn violent(t: EventType) -> bool {
    matches!(
        t,
        EventType::Battles
            | EventType::ExplosionsRemoteViolence
            | EventType::ViolenceAgainstCivilians
    )
}

fn refers_to(doc: &Doc, m: &Mention, o: &Mention) -> bool {
    // "the attack" may refer to a battle, a bombing or a massacre.
    let loose = matches!(m.class, Class::Attack | Class::Kill)
        && violent(o.sub.event_type())
        && violent(m.sub.event_type());
    (loose || types_agree(m.sub, o.sub))
        && places_agree(doc, m.place, o.place)
        && actors_agree(m, o)
}

/// Whether `m` may join cluster `c`: a mention opened by "in a separate
/// incident" or "elsewhere" tells none of the incidents before it.
fn may_join(c: &[Mention], m: &Mention) -> bool {
    !m.separate || c.iter().all(|o| o.sentence >= m.sentence)
}

/// A placeless telling right after a battle, by the other side, naming no
/// target: "ISWAP attacked a base in Marte. The troops fought back, killing
/// 15 insurgents." One side is a state's force, the other not.
fn answers(o: &Mention, m: &Mention) -> bool {
    let state = |a: &Option<ActorRef>| {
        a.as_ref().is_some_and(|x| {
            matches!(
                x.kind,
                ActorKind::StateForces | ActorKind::Police | ActorKind::Country
            )
        })
    };
    two_sided(o.sub)
        && o.sub.event_type() == m.sub.event_type()
        && m.sentence == o.sentence + 1
        && m.actor2.is_none()
        && o.actor1.is_some()
        && m.actor1.is_some()
        && state(&o.actor1) != state(&m.actor1)
        && dates_agree(o, m)
}

/// A mention without a place, with a date of its own other than `o`'s and
/// another sub-type, tells another incident whose place was not found.
fn other_incident(o: &Mention, m: &Mention) -> bool {
    m.date_explicit && !m.date_carried && o.date_explicit && o.date != m.date && o.sub != m.sub
}

/// The cluster a few sentences around `m` whose every member `fits`, nearest first.
fn nearest(
    clusters: &[Vec<Mention>],
    m: &Mention,
    fits: impl Fn(&Mention) -> bool,
) -> Option<usize> {
    clusters
        .iter()
        .enumerate()
        .filter(|(_, c)| may_join(c, m) && c.iter().all(&fits))
        .map(|(i, c)| {
            let d = c
                .iter()
                .map(|o| o.sentence.abs_diff(m.sentence))
                .min()
                .unwrap_or(usize::MAX);
            (d, i)
        })
        .filter(|(d, _)| *d <= PLACELESS_REACH)
        .min_by_key(|(d, _)| *d)
        .map(|(_, i)| i)
}

/// Groups mentions into incidents and writes one event per incident.
pub fn events(ex: &Extractor, doc: &Doc, mentions: Vec<Mention>, explain: bool) -> Vec<Event> {
    let (located, placeless): (Vec<Mention>, Vec<Mention>) = mentions
        .into_iter()
        .partition(|m| m.place.is_some() && !anaphoric(m));
    let mut clusters: Vec<Vec<Mention>> = Vec::new();
    for m in located {
        if let Some(i) = clusters
            .iter()
            .rposition(|c| may_join(c, &m) && c.iter().all(|o| agree(doc, o, &m)))
        {
            clusters[i].push(m);
            continue;
        }
        // "Twelve people died in the raid": a definite attack noun with a
        // count of its own still refers back, whatever type it guessed.
        // "The attackers hurled grenades near X", with no day or toll of
        // its own: the incident before, told in more detail.
        let retold = retelling(&m) && violent(m.sub.event_type());
        match nearest(&clusters, &m, |o| {
            (m.definite && matches!(m.class, Class::Attack | Class::Kill) && refers_to(doc, &m, o))
                || (retold && violent(o.sub.event_type()) && actors_agree(&m, o))
        }) {
            Some(i) => clusters[i].push(m),
            None => clusters.push(vec![m]),
        }
    }
    for m in placeless {
        let fits = |o: &Mention| {
            if anaphoric(&m) {
                refers_to(doc, &m, o)
            } else {
                (agree(doc, o, &m) || answers(o, &m)) && !other_incident(o, &m)
            }
        };
        if let Some(i) = nearest(&clusters, &m, fits) {
            clusters[i].push(m);
        }
    }
    let mut out: Vec<(usize, Event)> = clusters
        .into_iter()
        .filter_map(|c| {
            let first = c.iter().map(|m| m.sentence).min().unwrap_or(0);
            finish(ex, doc, c, explain).map(|e| (first, e))
        })
        .collect();
    out.sort_by_key(|(s, _)| *s);
    out.into_iter().map(|(_, e)| e).collect()
}

/// The name an actor takes in an event of type `sub`: a state acting
/// violently is its military; a state signing or arresting is its government.
fn final_actor(ex: &Extractor, a: &ActorRef, sub: SubEventType) -> Actor {
    let violent = !matches!(sub.event_type(), EventType::StrategicDevelopments)
        || sub == SubEventType::LootingPropertyDestruction;
    let name = match (a.kind, &a.country) {
        (ActorKind::Country, Some(code)) => {
            let template = if violent {
                "Military Forces of {of_country}"
            } else {
                "Government of {of_country}"
            };
            ex.actors
                .fill(template, code)
                .unwrap_or_else(|| a.name.clone())
        }
        (ActorKind::Government, _) if violent => {
            a.name.replacen("Government of", "Military Forces of", 1)
        }
        _ => a.name.clone(),
    };
    // A crowd told as protesters in one sentence and as rioters in another
    // takes the name the incident's type gives it.
    let recast = match (a.kind, crate::mention::crowd_kind(sub), &a.country) {
        (ActorKind::Protesters | ActorKind::Rioters, Some(crowd), Some(code))
            if crowd != a.kind && sub != SubEventType::MobViolence =>
        {
            ex.actors
                .generic_name(crowd, code)
                .map(|name| (name, crowd))
        }
        _ => None,
    };
    let (name, kind) = recast.unwrap_or((name, a.kind));
    let kind = match kind {
        ActorKind::Country if violent => ActorKind::StateForces,
        ActorKind::Country => ActorKind::Government,
        k => k,
    };
    Actor {
        name,
        kind: Some(kind.as_str().to_string()),
    }
}

/// Civilians, crowds and unnamed gunmen take the country where the event
/// happened (ACLED's "Civilians (Mali)" for a massacre in Mali), whatever
/// stray place name set the sentence's context.
fn local_generic(ex: &Extractor, a: &ActorRef, here: Option<&str>) -> ActorRef {
    let generic = matches!(
        a.kind,
        ActorKind::Civilians | ActorKind::Protesters | ActorKind::Rioters | ActorKind::Unidentified
    );
    match here {
        Some(code) if generic && a.country.as_deref() != Some(code) => ex
            .actors
            .generic_name(a.kind, code)
            .map(|name| ActorRef {
                name,
                kind: a.kind,
                country: Some(code.to_string()),
            })
            .unwrap_or_else(|| a.clone()),
        _ => a.clone(),
    }
}

/// An accused named only by country ("@RU") as an actor.
fn accused_actor(ex: &Extractor, accused: &str, sub: SubEventType) -> Actor {
    match accused.strip_prefix('@') {
        Some(code) => final_actor(
            ex,
            &ActorRef {
                name: code.to_string(),
                kind: ActorKind::Country,
                country: Some(code.to_string()),
            },
            sub,
        ),
        None => Actor {
            name: accused.to_string(),
            kind: None,
        },
    }
}

fn finish(ex: &Extractor, doc: &Doc, members: Vec<Mention>, explain: bool) -> Option<Event> {
    let article = doc.article;
    // What happened comes from the tellings that are no retelling, nor a
    // bare "the protests" that names the incident again with nothing of its
    // own; a retelling may still say more precisely where.
    let names_again = |m: &Mention| {
        retelling(m)
            || (m.definite
                && (!m.date_explicit || m.date_carried)
                && m.deaths.is_none()
                && m.place.is_none_or(|p| {
                    crate::mention::doc_sentence_of(doc, doc.places[p].start) != m.sentence
                }))
    };
    let told = |m: &&Mention| !names_again(m) || members.iter().all(names_again);
    let deadly = members
        .iter()
        .any(|m| m.deaths.as_ref().is_some_and(|d| d.best > 0));
    let sub = members
        .iter()
        .filter(told)
        .map(|m| m.sub)
        .min_by_key(|s| crate::mention::rank(*s, deadly))?;
    // Place: the most specific.
    let place_m = members
        .iter()
        .filter(|m| m.place.is_some())
        .min_by_key(|m| {
            m.place
                .map(|p| (doc.places[p].level, doc.places[p].mention.precision))
        })?;
    let pi = place_m.place?;
    let place = &doc.places[pi];
    if place.level == Level::Unusable {
        return None;
    }
    let location = place.mention.to_location();
    let here = place.mention.place.country.as_deref();
    let final_actor = |ex: &Extractor, a: &ActorRef, sub: SubEventType| {
        final_actor(ex, &local_generic(ex, a, here), sub)
    };
    // Deaths and the main mention.
    let totals: Vec<&Mention> = members
        .iter()
        .filter(|m| m.deaths.as_ref().is_some_and(|d| !d.partial))
        .collect();
    let primary = totals
        .iter()
        .copied()
        .max_by_key(|m| m.deaths.as_ref().map(|d| (!d.vague, d.best)))
        .or_else(|| members.iter().find(|m| m.date_explicit))
        .unwrap_or(&members[0]);
    let date = if primary.date_explicit {
        primary.date
    } else {
        match members.iter().find(|m| m.date_explicit) {
            Some(m) => m.date,
            None => default_window(doc.published),
        }
    };
    let date_cue = members
        .iter()
        .find(|m| m.date_explicit && m.date == date)
        .map(|m| m.date_cue.clone())
        .unwrap_or_else(|| {
            if date.is_some() {
                "no date in the text: the week up to publication".to_string()
            } else {
                "no date".to_string()
            }
        });
    if let (Some(d), Some(p)) = (date, doc.published) {
        if d.end < p - Duration::days(BACKGROUND_DAYS)
            || d.start < p - Duration::days(BACKGROUND_START_DAYS)
        {
            return None;
        }
    }
    if let Some(d) = date {
        if d.end - d.start > Duration::days(MAX_RANGE_DAYS) {
            return None;
        }
    }
    let (fatalities, figures_disputed) = merge_deaths(&members, primary);
    // Actors: every perpetrator anyone names.
    let mut named: Vec<Actor> = Vec::new();
    for m in &members {
        if let Some(a) = &m.actor1 {
            named.push(final_actor(ex, a, sub));
        }
        for s in &m.said {
            if let Some(acc) = &s.accused {
                named.push(accused_actor(ex, acc, sub));
            }
        }
    }
    let mut distinct: Vec<&Actor> = Vec::new();
    for a in &named {
        if !distinct.iter().any(|d| d.name == a.name) {
            distinct.push(a);
        }
    }
    // In a battle or a protest, the side another telling names as the
    // target is no rival perpetrator.
    if two_sided(sub) {
        let targets: Vec<String> = members
            .iter()
            .filter_map(|m| m.actor2.as_ref().map(|a| final_actor(ex, a, sub).name))
            .collect();
        if distinct.iter().any(|a| !targets.contains(&a.name)) {
            distinct.retain(|a| !targets.contains(&a.name));
        }
    }
    // "Gunmen" is no rival to the group that claims the attack.
    let unidentified = ActorKind::Unidentified.as_str();
    if distinct
        .iter()
        .any(|a| a.kind.as_deref() != Some(unidentified))
    {
        distinct.retain(|a| a.kind.as_deref() != Some(unidentified));
    }
    // "Rebels attacked ...; JNIM claimed the attack": a generic description
    // of an armed group ("Opposition Rebels (Mali)") is no rival to the
    // group named.
    let described: Vec<String> = members
        .iter()
        .filter_map(|m| m.actor1.as_ref())
        .filter(|a| {
            a.kind.is_armed()
                && !a.kind.is_state()
                && a.country
                    .as_deref()
                    .and_then(|c| ex.actors.generic_name(a.kind, c))
                    .is_some_and(|g| g == a.name)
        })
        .map(|a| final_actor(ex, a, sub).name)
        .collect();
    if distinct.iter().any(|a| !described.contains(&a.name)) {
        distinct.retain(|a| !described.contains(&a.name));
    }
    // A battle told by each side, neither naming a target ("ISWAP attacked
    // a base ... the troops fought back"): both fight; the first told is
    // actor1, the other actor2.
    let state = |a: &Actor| {
        a.kind.as_deref() == Some(ActorKind::StateForces.as_str())
            || a.kind.as_deref() == Some(ActorKind::Police.as_str())
    };
    let other_side = (sub.event_type() == EventType::Battles
        && distinct.len() == 2
        && state(distinct[0]) != state(distinct[1])
        && members.iter().all(|m| m.actor2.is_none()))
    .then(|| distinct.pop())
    .flatten()
    .cloned();
    let actor_disputed = distinct.len() > 1;
    let actor1 = if actor_disputed {
        None
    } else {
        distinct.first().map(|a| (*a).clone())
    };
    // The target as the tellings that say what happened name it.
    let actor2 = members
        .iter()
        .filter(told)
        .find_map(|m| m.actor2.as_ref())
        .map(|a| final_actor(ex, a, sub))
        .or(other_side)
        .filter(|a| actor1.as_ref().is_none_or(|b| b.name != a.name));
    // Excessive force told only by the crowd's side: the crowd is its target.
    let protesters = ActorKind::Protesters.as_str();
    let (actor1, actor2) = match actor1 {
        Some(a)
            if sub == SubEventType::ExcessiveForceAgainstProtesters
                && a.kind.as_deref() == Some(protesters) =>
        {
            (actor2, Some(a))
        }
        a1 => (a1, actor2),
    };
    // Violence against civilians has civilians for its target, named or
    // not ("gunmen killed 14 people"): those of the country it happened in.
    let actor2 = actor2.or_else(|| {
        let unnamed_victims = matches!(
            sub,
            SubEventType::Attack | SubEventType::AbductionForcedDisappearance
        );
        let code = here.filter(|_| unnamed_victims)?;
        let name = ex.actors.generic_name(ActorKind::Civilians, code)?;
        Some(Actor {
            name,
            kind: Some(ActorKind::Civilians.as_str().to_string()),
        })
    });
    // Claims.
    let outlet = article
        .outlet
        .clone()
        .unwrap_or_else(|| article.source.clone());
    let mut claims: Vec<Claim> = Vec::new();
    let mut attributed = false;
    let mut denied = false;
    for m in &members {
        let own_toll = m.deaths.as_ref().and_then(Deaths::total);
        // (claimant, accused, sentence, toll): a claimant of a later
        // sentence is quoted there, with the figure it gives.
        type Told = (Option<String>, Option<String>, usize, Option<u64>);
        let said: Vec<Told> = if m.said.is_empty() {
            vec![(None, None, m.sentence, own_toll)]
        } else {
            m.said
                .iter()
                .map(|s| {
                    let toll = if s.sentence == m.sentence {
                        own_toll
                    } else {
                        s.deaths
                    };
                    (s.claimant.clone(), s.accused.clone(), s.sentence, toll)
                })
                .collect()
        };
        // A denial disputes the event only from the side it is pinned on.
        denied |= m.said.iter().any(|s| {
            s.disputes
                && s.claimant
                    .as_ref()
                    .is_some_and(|c| distinct.iter().any(|a| a.name.contains(c.as_str())))
        });
        for (claimant, accused, sentence, toll) in said {
            let sent = doc.sents[sentence];
            attributed |= claimant.is_some();
            let claimant = claimant.unwrap_or_else(|| outlet.clone());
            let accused_name = accused.map(|a| accused_actor(ex, &a, sub).name);
            // One claim per claimant and sentence, with whoever it blames.
            if let Some(c) = claims.iter_mut().find(|c| {
                c.claimant == claimant && c.start == char_offset(&article.text, sent.byte_start)
            }) {
                if c.actor1.is_none() {
                    c.actor1 = accused_name;
                }
                continue;
            }
            claims.push(Claim {
                claimant,
                start: char_offset(&article.text, sent.byte_start),
                end: char_offset(&article.text, sent.byte_end),
                text: Some(article.text[sent.byte_start..sent.byte_end].to_string()),
                fatalities: toll.map(to_u32),
                actor1: accused_name
                    .or_else(|| m.actor1.as_ref().map(|a| final_actor(ex, a, sub).name)),
                article: None,
            });
        }
    }
    let modality = if actor_disputed || figures_disputed || denied {
        Modality::Disputed
    } else if attributed {
        Modality::Claimed
    } else {
        Modality::Asserted
    };
    let explain = explain.then(|| {
        let mut map = Map::new();
        let triggers: Vec<String> = members
            .iter()
            .map(|m| format!("{} → {}", m.trigger_text, m.sub.as_str()))
            .collect();
        map.insert("trigger".into(), Value::from(triggers.join("; ")));
        map.insert(
            "actor1".into(),
            Value::from(if actor_disputed {
                format!(
                    "disputed between {}",
                    distinct
                        .iter()
                        .map(|a| a.name.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            } else {
                members
                    .iter()
                    .find(|m| !m.actor_cue.is_empty())
                    .map(|m| m.actor_cue.clone())
                    .unwrap_or_else(|| "named by a claimant or none".into())
            }),
        );
        map.insert("location".into(), Value::from(place_m.place_cue.clone()));
        map.insert("date".into(), Value::from(date_cue.clone()));
        if let Some(m) = members.iter().find(|m| !m.deaths_cue.is_empty()) {
            map.insert("fatalities".into(), Value::from(m.deaths_cue.clone()));
        }
        let why = if actor_disputed {
            "sources name different perpetrators"
        } else if figures_disputed {
            "sources give different death tolls"
        } else if denied {
            "the named perpetrator denies it"
        } else if attributed {
            "attributed to a claimant"
        } else {
            "stated by the outlet"
        };
        map.insert("modality".into(), Value::from(why));
        map.insert("mentions".into(), Value::from(members.len()));
        map
    });
    Some(Event {
        id: None,
        article: ArticleRef {
            source: article.source.clone(),
            index: article.index,
            title: article.title.clone(),
            published: article.published,
        },
        event_type: sub.event_type(),
        sub_event_type: sub,
        // A perpetrator who denies it is disputed (spec §3): the claims
        // keep who named whom. One that tells it acted and denies only
        // what others say of it ("said it had attacked army positions and
        // denied targeting civilians") is no disputed perpetrator.
        actor1: actor1.filter(|_| !denied || members.iter().any(self_told)),
        actor2,
        location: Some(location),
        date: date.map(|d| DateRange {
            precision: if d.start == d.end {
                DatePrecision::Day
            } else {
                d.precision
            },
            ..d
        }),
        fatalities,
        claims,
        modality,
        explain,
    })
}

/// Deaths of an incident from its mentions, and whether figures conflict.
fn merge_deaths(members: &[Mention], primary: &Mention) -> (Option<Fatalities>, bool) {
    let with: Vec<(&Mention, &Deaths)> = members
        .iter()
        .filter_map(|m| m.deaths.as_ref().map(|d| (m, d)))
        .collect();
    if with.is_empty() {
        return (None, false);
    }
    let totals: Vec<(&Mention, &Deaths)> =
        with.iter().copied().filter(|(_, d)| !d.partial).collect();
    let mut f = Fatalities::default();
    let mut disputed = false;
    match primary.deaths.as_ref().filter(|d| !d.partial) {
        Some(p) => {
            // The other side's dead in the same battle ("11 soldiers", then
            // "20 attackers") add to the toll; they are no rival figure.
            let opposite = |d: &Deaths| p.opposite_side(d);
            let other_side = totals
                .iter()
                .filter(|(_, d)| opposite(d))
                .map(|(_, d)| *d)
                .max_by_key(|d| d.best);
            let mut p = p.clone();
            if let Some(other) = other_side {
                p.add_other_side(other);
            }
            let p = &p;
            f.best = Some(to_u32(p.best));
            f.combatants = p.combatants.map(to_u32);
            f.low = p.low.map(to_u32);
            f.high = p.high.map(to_u32);
            f.vague = p.vague;
            disputed = p.disputed;
            // Exact figures for the same scope that differ: sources disagree.
            let same_scope: Vec<u64> = totals
                .iter()
                .filter(|(m, d)| {
                    !d.vague
                        && !opposite(d)
                        && m.date == primary.date
                        && m.said.first().map(|s| &s.claimant)
                            != primary.said.first().map(|s| &s.claimant)
                })
                .map(|(_, d)| d.best)
                .collect();
            if !p.vague && same_scope.iter().any(|b| *b != p.best) {
                let lo = same_scope
                    .iter()
                    .copied()
                    .chain([p.best])
                    .min()
                    .unwrap_or(p.best);
                let hi = same_scope
                    .iter()
                    .copied()
                    .chain([p.best])
                    .max()
                    .unwrap_or(p.best);
                f.best = Some(to_u32(lo));
                f.low = Some(to_u32(lo));
                f.high = Some(to_u32(hi));
                disputed = true;
            }
        }
        None => {
            // Only a breakdown ("68 children and 57 women killed"): its sum.
            let (_, d) = with[0];
            f.best = Some(to_u32(d.best));
            f.vague = d.vague;
        }
    }
    for (_, d) in &with {
        let up = |slot: &mut Option<u32>, v: Option<u64>| {
            if let Some(v) = v {
                *slot = Some(slot.unwrap_or(0).max(to_u32(v)));
            }
        };
        up(&mut f.civilians, d.civilians);
        up(&mut f.children, d.children);
        up(&mut f.women, d.women);
        up(&mut f.combatants, d.combatants);
    }
    (Some(f), disputed)
}

/// A count as the interchange format stores it (capped, never wrapped).
fn to_u32(v: u64) -> u32 {
    u32::try_from(v).unwrap_or(u32::MAX)
}

/// The Unicode character offset of byte offset `byte` in `text`.
pub fn char_offset(text: &str, byte: usize) -> usize {
    text.get(..byte).map(|s| s.chars().count()).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_offsets_count_characters() {
        assert_eq!(char_offset("ab", 1), 1);
        assert_eq!(char_offset("é x", 3), 2);
    }

    #[test]
    fn range_checks() {
        let d = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let r = DateRange {
            start: d("2017-01-01"),
            end: d("2017-01-02"),
            precision: DatePrecision::Range,
        };
        assert!(r.end - r.start < Duration::days(MAX_RANGE_DAYS));
    }
}
