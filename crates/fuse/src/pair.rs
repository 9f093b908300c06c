//! Whether two mentions can tell one incident, and how alike they are.
//!
//! Compatibility is the hard rule (every pair inside a fused event must
//! pass it); similarity only orders the merges among compatible mentions,
//! so that exact matches join before loose ones.

use crate::{actors, dates, geo, name, toll, types, Mention};

/// Weights of the similarity parts; they sum to 1.
const PLACE: f64 = 0.3;
const DATE: f64 = 0.3;
const ACTORS: f64 = 0.2;
const SUB_TYPE: f64 = 0.1;
const TOLL: f64 = 0.1;

/// Similarity in [0, 1] of two mentions that may tell one incident, or
/// `None` when they cannot: two events of one article (extraction already
/// merged what that article tells twice), incompatible types, no place or
/// no date on either side (nothing to confirm the match), places too far
/// apart, dates that do not overlap, contradicting perpetrators, or dates
/// a day apart with different sub-types or disagreeing tolls.
pub fn similarity(a: &Mention, b: &Mention) -> Option<f64> {
    if name::article_of(&a.key) == name::article_of(&b.key) {
        return None;
    }
    let (ea, eb) = (&a.event, &b.event);
    if ea.event_type != eb.event_type || !types::compatible(ea.sub_event_type, eb.sub_event_type) {
        return None;
    }
    let place = geo::closeness(ea.location.as_ref()?, eb.location.as_ref()?)?;
    let (da, db) = (ea.date.as_ref()?, eb.date.as_ref()?);
    let date = dates::fit(da, db)?;
    let actors = actors::fit(ea, eb)?;
    let same_sub_type = ea.sub_event_type == eb.sub_event_type;
    let dead = (number(a), number(b));
    // A day off is a resolution error only when nothing else disagrees;
    // otherwise it is the next day's incident.
    if !dates::overlap(da, db) {
        let tolls_agree = match dead {
            (Some(x), Some(y)) => toll::agree(x, y),
            _ => true,
        };
        if !(same_sub_type && tolls_agree) {
            return None;
        }
    }
    let sub_type = if same_sub_type { 1.0 } else { 0.5 };
    let toll = match dead {
        (Some(x), Some(y)) => f64::from(x.min(y) + 1) / f64::from(x.max(y) + 1),
        _ => 0.5,
    };
    Some(PLACE * place + DATE * date + ACTORS * actors + SUB_TYPE * sub_type + TOLL * toll)
}

/// A mention's number of dead, unless only a vague word gives it.
fn number(m: &Mention) -> Option<u32> {
    let f = m.event.fatalities.as_ref().filter(|f| !f.vague)?;
    f.best
}

/// Whether `event` can fuse with anything: it needs a place and a date.
pub fn fusable(event: &dateline_model::Event) -> bool {
    event.location.is_some() && event.date.is_some()
}
