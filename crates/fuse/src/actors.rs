//! Whether two mentions' actors contradict, and who did it after fusion.
//!
//! A missing actor never contradicts: most reports simply do not say. Two
//! different perpetrators do, unless one report itself cites the other's
//! perpetrator as a claim ("the army blamed the Islamic State") — then the
//! reports disagree about one incident rather than describe two. In a
//! battle both sides fight, so naming the sides in the other order is the
//! same fight seen from the other side.
//!
//! An actor of an unknown kind ("gunmen" coded as ACLED's Unidentified
//! Armed Group, or an armed group extraction could not resolve) names
//! nobody: it is treated like a missing actor, and only stands as the fused
//! perpetrator when no report names one.

use std::collections::{BTreeMap, BTreeSet};

use dateline_model::{Actor, Event, EventType, Modality};

use crate::name::{key, outlet_of};
use crate::Mention;

/// How well two mentions' actors agree, in [0, 1], or `None` when their
/// perpetrators contradict.
pub fn fit(a: &Event, b: &Event) -> Option<f64> {
    let one = match (actor_key(&a.actor1), actor_key(&b.actor1)) {
        (Some(x), Some(y)) if x == y => 1.0,
        (Some(x), Some(y)) => {
            let cited = claimed(b).contains(&x) || claimed(a).contains(&y);
            let swapped = a.event_type == EventType::Battles
                && (actor_key(&b.actor2).as_ref() == Some(&x)
                    || actor_key(&a.actor2).as_ref() == Some(&y));
            if !(cited || swapped) {
                return None;
            }
            0.25
        }
        _ => 0.5,
    };
    let two = match (actor_key(&a.actor2), actor_key(&b.actor2)) {
        (Some(x), Some(y)) if x == y => 1.0,
        (Some(_), Some(_)) => 0.0,
        _ => 0.5,
    };
    Some((one + two) / 2.0)
}

/// The fused actors and whether attribution is disputed.
pub struct Merged {
    pub actor1: Option<Actor>,
    pub actor2: Option<Actor>,
    pub disputed: bool,
}

/// Decides the fused actors: one perpetrator only when every source that
/// names one names the same; otherwise `actor1` is null and the dispute is
/// kept (the candidates stay in the claims). A member already disputed
/// without a perpetrator keeps the fused event without one.
pub fn merge(members: &[&Mention]) -> Merged {
    let event_type = members.first().map(|m| m.event.event_type);
    let first = Names::collect(members, |e| e.actor1.as_ref().filter(|a| named(a)));
    let second = Names::collect(members, |e| e.actor2.as_ref());
    let unknown = Names::collect(members, |e| e.actor1.as_ref().filter(|a| !named(a)));
    let mut perpetrators: BTreeSet<String> = first.support.keys().cloned().collect();
    perpetrators.extend(members.iter().flat_map(|m| claimed(&m.event)));
    let already_disputed = members
        .iter()
        .any(|m| m.event.modality == Modality::Disputed && m.event.actor1.is_none());

    let sides: BTreeSet<&String> = first.support.keys().chain(second.support.keys()).collect();
    let two_sided = event_type == Some(EventType::Battles)
        && sides.len() <= 2
        && perpetrators.iter().all(|n| sides.contains(n));
    if two_sided && !already_disputed {
        let actor1 = first
            .most_supported(None)
            .or_else(|| unknown.most_supported(None));
        let actor2 = second
            .most_supported(actor1.as_ref())
            .or_else(|| first.most_supported(actor1.as_ref()));
        return Merged {
            actor1,
            actor2,
            disputed: false,
        };
    }
    let disputed = perpetrators.len() >= 2 || already_disputed;
    let actor1 = if disputed {
        None
    } else {
        first
            .most_supported(None)
            .or_else(|| unknown.most_supported(None))
    };
    let actor2 = second.most_supported(actor1.as_ref());
    Merged {
        actor1,
        actor2,
        disputed,
    }
}

/// Distinct actors by name key, each with the outlets naming it and the
/// spelling of the first member (in key order) that names it.
struct Names {
    support: BTreeMap<String, (Actor, BTreeSet<String>)>,
}

impl Names {
    fn collect(members: &[&Mention], pick: impl Fn(&Event) -> Option<&Actor>) -> Self {
        let mut support: BTreeMap<String, (Actor, BTreeSet<String>)> = BTreeMap::new();
        for m in members {
            if let Some(actor) = pick(&m.event) {
                let k = key(&actor.name);
                if k.is_empty() {
                    continue;
                }
                support
                    .entry(k)
                    .or_insert_with(|| (actor.clone(), BTreeSet::new()))
                    .1
                    .insert(outlet_of(m));
            }
        }
        Names { support }
    }

    /// The actor most outlets name, ties to the smallest name key;
    /// `except` is left out (actor2 is never actor1 again).
    fn most_supported(&self, except: Option<&Actor>) -> Option<Actor> {
        let except = except.map(|a| key(&a.name));
        self.support
            .iter()
            .filter(|(k, _)| Some(*k) != except.as_ref())
            .max_by(|(ka, (_, a)), (kb, (_, b))| a.len().cmp(&b.len()).then(kb.cmp(ka)))
            .map(|(_, (actor, _))| actor.clone())
    }
}

/// Interchange `actor.kind`s that say nobody was named: an unidentified
/// armed group, an armed group extraction could not resolve.
const UNKNOWN_KINDS: [&str; 2] = ["unidentified_armed_group", "armed_group"];

/// Whether an actor names somebody.
fn named(actor: &Actor) -> bool {
    actor
        .kind
        .as_deref()
        .is_none_or(|k| !UNKNOWN_KINDS.contains(&k))
}

/// The comparison key of a named actor; `None` for a missing or unknown one.
fn actor_key(actor: &Option<Actor>) -> Option<String> {
    actor
        .as_ref()
        .filter(|a| named(a))
        .map(|a| key(&a.name))
        .filter(|k| !k.is_empty())
}

/// Perpetrators named by an event's claims.
fn claimed(e: &Event) -> BTreeSet<String> {
    e.claims
        .iter()
        .filter_map(|c| c.actor1.as_deref().map(key))
        .filter(|k| !k.is_empty())
        .collect()
}
