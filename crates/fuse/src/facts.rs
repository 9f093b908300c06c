//! What two or more outlets agree on inside a group of mentions, and when
//! two groups' agreed facts forbid merging them.
//!
//! The pairwise rules allow slack — a day, a neighbouring village, any
//! toll — because one report can be off. Two incidents each reported by
//! several outlets are not "off" from each other: if two outlets say
//! Monday and two others say Tuesday, those are two strikes. A fact is
//! *established* in a group when two outlets give it; groups whose
//! established facts disagree stay apart, while a single report can still
//! join through the slack.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use dateline_model::DatePrecision;

use crate::name::{outlet_of, PlaceKey};
use crate::{toll, Mention};

pub struct Facts {
    /// Days (day precision) two outlets give.
    days: BTreeSet<NaiveDate>,
    /// Precise places (precision 1) two outlets give.
    places: BTreeSet<PlaceKey>,
    /// The outlets' current figures, when two or more give one, and when
    /// the reports giving figures were published.
    toll: Option<Toll>,
}

struct Toll {
    min: u32,
    max: u32,
    first_published: Option<NaiveDate>,
    last_published: Option<NaiveDate>,
}

impl Facts {
    pub fn of(members: &[&Mention]) -> Facts {
        let mut days: BTreeMap<NaiveDate, BTreeSet<String>> = BTreeMap::new();
        let mut places: BTreeMap<PlaceKey, BTreeSet<String>> = BTreeMap::new();
        for m in members {
            if let Some(d) = m.event.date.filter(|d| d.precision == DatePrecision::Day) {
                days.entry(d.start).or_default().insert(outlet_of(m));
            }
            if let Some(loc) = m.event.location.as_ref().filter(|l| l.geo_precision <= 1) {
                places
                    .entry(PlaceKey::of(loc))
                    .or_default()
                    .insert(outlet_of(m));
            }
        }
        let figures = toll::current(members);
        let published = || {
            members
                .iter()
                .filter(|m| toll::gives_number(m))
                .map(|m| m.event.article.published)
        };
        let toll = (figures.len() >= 2).then(|| Toll {
            min: figures.iter().copied().min().unwrap_or(0),
            max: figures.iter().copied().max().unwrap_or(0),
            first_published: published().min().flatten(),
            last_published: published().max().flatten(),
        });
        Facts {
            days: established(days),
            places: established(places),
            toll,
        }
    }

    /// Whether the two groups agree-within-themselves on a day, a place
    /// or a toll, and disagree with each other on it.
    pub fn conflict(&self, other: &Facts) -> bool {
        disjoint(&self.days, &other.days)
            || disjoint(&self.places, &other.places)
            || match (&self.toll, &other.toll) {
                (Some(a), Some(b)) => tolls_disagree(a, b) || tolls_disagree(b, a),
                _ => false,
            }
    }
}

/// `high` counts far more dead than `low`, and is not simply the later
/// news: a toll rising as outlets report later is one incident.
fn tolls_disagree(low: &Toll, high: &Toll) -> bool {
    let rising = matches!(
        (low.last_published, high.first_published),
        (Some(l), Some(h)) if l < h
    );
    high.min > low.max && !toll::agree(low.max, high.min) && !rising
}

/// The values at least two outlets give.
fn established<T: Ord>(support: BTreeMap<T, BTreeSet<String>>) -> BTreeSet<T> {
    support
        .into_iter()
        .filter(|(_, outlets)| outlets.len() >= 2)
        .map(|(k, _)| k)
        .collect()
}

fn disjoint<T: Ord>(a: &BTreeSet<T>, b: &BTreeSet<T>) -> bool {
    !a.is_empty() && !b.is_empty() && a.is_disjoint(b)
}
