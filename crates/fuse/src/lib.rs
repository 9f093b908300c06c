//! Cross-report fusion: one incident, one event.
//!
//! An incident is reported by a wire service, rewritten by other outlets,
//! updated as the toll rises and recounted for weeks. Each report yields a
//! [`Mention`] (one extracted event of one article); [`fuse`] groups the
//! mentions that tell one incident and merges each group into one
//! [`FusedEvent`] that keeps every claim with its article.
//!
//! Everything here is pure and deterministic: the result depends on the
//! set of mentions only — not on their order, not on what was stored
//! first — so re-ingesting, or ingesting in another order, gives the same
//! events with the same ids. The rules are stated in `FUSION.md`.
//!
//! A store fuses incrementally: for new mentions it gathers the stored
//! mentions they could join ([`neighbourhood`], which queries by
//! [`window`]), fuses that set, and replaces the fused events of every
//! gathered mention with the result.

mod actors;
mod cluster;
mod dates;
mod facts;
mod geo;
mod merge;
mod name;
mod pair;
mod toll;
mod types;

use std::collections::{BTreeMap, VecDeque};

use chrono::NaiveDate;
use dateline_model::{Event, EventType};

pub use pair::fusable;

/// One event as read from one article, before fusion.
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    /// Stable: article content hash + ":" + event ordinal. Mentions sharing
    /// the part before the last ':' come from one article and never fuse.
    pub key: String,
    pub event: Event,
    /// The outlet that published the article, when known; reports of one
    /// outlet are one source when counting the dead.
    pub outlet: Option<String>,
}

/// Which stored mentions could tell the same incident as an event: same
/// event type, a point inside `bbox`, a date range overlapping
/// `since..=until`. A superset of the compatible ones; `None` bounds are
/// unbounded.
#[derive(Debug, Clone, PartialEq)]
pub struct Window {
    /// West, south, east, north in degrees.
    pub bbox: Option<(f64, f64, f64, f64)>,
    /// Stored mentions whose date range ends on or after this day.
    pub since: Option<NaiveDate>,
    /// Stored mentions whose date range starts on or before this day.
    pub until: Option<NaiveDate>,
    pub event_type: EventType,
}

/// One incident after fusion.
#[derive(Debug, Clone, PartialEq)]
pub struct FusedEvent {
    /// Stable: derived from the smallest member key only.
    pub id: String,
    /// The merged event; `event.id` is `Some(id)`.
    pub event: Event,
    /// Mention keys, sorted.
    pub members: Vec<String>,
}

/// Which stored mentions could be the same incident as `event`. An event
/// without place or date never fuses ([`fusable`] is false); its window
/// only bounds what it has.
pub fn window(event: &Event) -> Window {
    Window {
        bbox: event
            .location
            .as_ref()
            .map(|l| geo::bbox_around(l, geo::REGION_KM)),
        since: event.date.as_ref().map(|d| dates::reach(d).0),
        until: event.date.as_ref().map(|d| dates::reach(d).1),
        event_type: event.event_type,
    }
}

/// Whether two mentions may tell one incident (the pairwise rule every
/// member of a fused event satisfies with every other).
pub fn compatible(a: &Mention, b: &Mention) -> bool {
    pair::similarity(a, b).is_some()
}

/// Groups mentions into incidents and merges each group, in the order of
/// their smallest member keys. The output depends on the set of mentions
/// only: a key given twice (a re-read article) counts once, and if the two
/// copies differ the one that sorts first by content is kept, whatever the
/// input order.
pub fn fuse(mentions: &[Mention]) -> Vec<FusedEvent> {
    let mut sorted: Vec<&Mention> = mentions.iter().collect();
    sorted.sort_by(|a, b| {
        a.key
            .cmp(&b.key)
            .then_with(|| format!("{a:?}").cmp(&format!("{b:?}")))
    });
    sorted.dedup_by(|a, b| a.key == b.key);
    cluster::groups(&sorted)
        .into_iter()
        .filter_map(|group| {
            let members: Vec<&Mention> = group.iter().map(|&i| sorted[i]).collect();
            let first = members.first()?;
            let id = event_id(&first.key);
            let event = merge::merge(&id, &members)?;
            Some(FusedEvent {
                id,
                event,
                members: members.iter().map(|m| m.key.clone()).collect(),
            })
        })
        .collect()
}

/// `seeds` and every mention connected to them through [`compatible`]
/// pairs, found by calling `lookup` (a store query) with the [`window`] of
/// each mention reached. Fusing this set gives, for these mentions, the
/// same events as fusing the whole store: fusion never looks beyond
/// compatible neighbours. Sorted by key, one mention per key (a seed wins
/// over a stored mention with its key).
pub fn neighbourhood<E>(
    seeds: &[Mention],
    mut lookup: impl FnMut(&Window) -> Result<Vec<Mention>, E>,
) -> Result<Vec<Mention>, E> {
    let mut reached: BTreeMap<String, Mention> = BTreeMap::new();
    let mut queue: VecDeque<String> = VecDeque::new();
    for m in seeds {
        if !reached.contains_key(&m.key) {
            reached.insert(m.key.clone(), m.clone());
            queue.push_back(m.key.clone());
        }
    }
    while let Some(k) = queue.pop_front() {
        let Some(m) = reached.get(&k).cloned() else {
            continue;
        };
        if !fusable(&m.event) {
            continue;
        }
        for candidate in lookup(&window(&m.event))? {
            if !reached.contains_key(&candidate.key) && compatible(&m, &candidate) {
                queue.push_back(candidate.key.clone());
                reached.insert(candidate.key.clone(), candidate);
            }
        }
    }
    Ok(reached.into_values().collect())
}

/// "ev" + 16 hex digits of the FNV-1a hash of the smallest member key:
/// fixed width, and the same on every platform and run (unlike std's
/// randomly seeded hasher).
fn event_id(smallest_key: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in smallest_key.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("ev{h:016x}")
}
