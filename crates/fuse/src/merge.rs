//! One event out of a group of mentions of one incident.
//!
//! Every field is decided from the members alone, with ties broken by
//! mention key, so the same group always gives the same event:
//! - type: the sub-type most outlets give; a tie goes to the more specific
//!   sub-type (later in ACLED's list: "retook the town" over "clashes").
//! - place and date: the most precise any member gives (lowest geo
//!   precision; shortest date range), and among equally precise ones the
//!   one most outlets give.
//! - actors: see [`crate::actors`]; fatalities: see [`crate::toll`].
//! - modality: disputed when attribution is disputed or any member is;
//!   else asserted when any outlet states it on its own authority.
//! - claims: all of them, each with the article it was read from.
//! - article: the earliest published report, the one that broke it.

use std::collections::{BTreeMap, BTreeSet};

use dateline_model::{Claim, DateRange, Event, Location, Modality, SubEventType};

use crate::name::{outlet_of, PlaceKey};
use crate::{actors, dates, toll, Mention};

/// The fused event for `members` (sorted by key, at least one).
pub fn merge(id: &str, members: &[&Mention]) -> Option<Event> {
    let first_report = members.iter().min_by_key(|m| {
        (
            m.event.article.published.is_none(),
            m.event.article.published,
        )
    })?;
    let sub_event_type = most_supported(
        members,
        |e| Some((e.sub_event_type, e.sub_event_type)),
        |&s| SubEventType::ALL.iter().position(|&x| x == s),
    )?;
    let actors = actors::merge(members);
    let location = pick_location(members);
    let date = pick_date(members);
    let modality = if actors.disputed
        || members
            .iter()
            .any(|m| m.event.modality == Modality::Disputed)
    {
        Modality::Disputed
    } else if members
        .iter()
        .any(|m| m.event.modality == Modality::Asserted)
    {
        Modality::Asserted
    } else {
        Modality::Claimed
    };
    Some(Event {
        id: Some(id.to_string()),
        article: first_report.event.article.clone(),
        event_type: sub_event_type.event_type(),
        sub_event_type,
        actor1: actors.actor1,
        actor2: actors.actor2,
        location,
        date,
        fatalities: toll::merge(members),
        claims: claims(members),
        modality,
        explain: None,
    })
}

/// The value most outlets give among `pick`ed ones (values compared by
/// their key), ties to the highest `rank`, then to the first member in key
/// order.
fn most_supported<K: Ord, T, R: Ord>(
    members: &[&Mention],
    pick: impl Fn(&Event) -> Option<(K, T)>,
    rank: impl Fn(&T) -> R,
) -> Option<T> {
    let mut tally: BTreeMap<K, (usize, T, BTreeSet<String>)> = BTreeMap::new();
    for (order, m) in members.iter().enumerate() {
        let Some((k, value)) = pick(&m.event) else {
            continue;
        };
        tally
            .entry(k)
            .or_insert_with(|| (order, value, BTreeSet::new()))
            .2
            .insert(outlet_of(m));
    }
    tally
        .into_values()
        .max_by(|(oa, a, sa), (ob, b, sb)| {
            (sa.len(), rank(a))
                .cmp(&(sb.len(), rank(b)))
                .then(ob.cmp(oa))
        })
        .map(|(_, value, _)| value)
}

fn pick_location(members: &[&Mention]) -> Option<Location> {
    let finest = members
        .iter()
        .filter_map(|m| m.event.location.as_ref().map(|l| l.geo_precision))
        .min()?;
    most_supported(
        members,
        |e| {
            let l = e.location.as_ref().filter(|l| l.geo_precision == finest)?;
            Some((PlaceKey::of(l), l.clone()))
        },
        |_| (),
    )
}

fn pick_date(members: &[&Mention]) -> Option<DateRange> {
    let shortest = members
        .iter()
        .filter_map(|m| m.event.date.as_ref().map(dates::span))
        .min()?;
    most_supported(
        members,
        |e| {
            let d = e.date.filter(|d| dates::span(d) == shortest)?;
            Some(((d.start, d.end), d))
        },
        |_| (),
    )
}

/// Every member's claims, each carrying its article, in publication order;
/// a claim repeated verbatim (same article, span and claimant) once.
fn claims(members: &[&Mention]) -> Vec<Claim> {
    let mut all: Vec<Claim> = members
        .iter()
        .flat_map(|m| {
            m.event.claims.iter().map(|c| Claim {
                article: c.article.clone().or_else(|| Some(m.event.article.clone())),
                ..c.clone()
            })
        })
        .collect();
    let order = |c: &Claim| {
        let a = c.article.as_ref();
        (
            a.and_then(|a| a.published),
            a.map(|a| a.source.clone()),
            a.map(|a| a.index),
            c.start,
            c.end,
            c.claimant.clone(),
        )
    };
    all.sort_by_key(order);
    all.dedup_by(|x, y| order(x) == order(y));
    all
}
