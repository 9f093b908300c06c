//! Fatalities across reports: low, best, high.
//!
//! Each outlet is one source and counts once, with its latest figure: an
//! outlet that reports 12 dead on Sunday and 19 on Monday has one figure,
//! 19. Between two reports of one outlet published the same day the
//! higher figure wins: tolls are revised upwards as the dead are found,
//! rarely downwards within a day. A report's figure is its own `best`
//! (extraction already chose the conservative figure within the article),
//! or, when it has none, what its claims give.
//!
//! `best` is the largest figure that a majority of outlets support, an
//! outlet supporting every figure up to its own: with 10, 12 and 40 it is
//! 12 (two of three say at least 12), with 10 and 40 it is 10. That is the
//! conservative count ACLED asks for, and one outlier cannot move it.
//! Conventional values for vague words ("dozens" = 12) only count when no
//! outlet gives a number. `low` and `high` span every current figure,
//! including those individual claimants give inside the reports; a figure
//! an outlet has since updated no longer counts.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use dateline_model::Fatalities;

use crate::name::outlet_of;
use crate::Mention;

/// One outlet's figure as one report gives it.
#[derive(Clone, Copy)]
struct Figure<'a> {
    published: Option<NaiveDate>,
    value: u32,
    vague: bool,
    report: &'a Mention,
}

impl Figure<'_> {
    /// Later publication first, then a number over a vague word, then higher.
    fn rank(&self) -> (Option<NaiveDate>, bool, u32) {
        (self.published, !self.vague, self.value)
    }
}

/// The fused fatalities, or `None` when no member mentions deaths at all.
pub fn merge(members: &[&Mention]) -> Option<Fatalities> {
    if members.iter().all(|m| m.event.fatalities.is_none()) {
        return None;
    }
    let current = latest_by_outlet(members, own_figure);
    let precise: Vec<&Figure> = current.iter().filter(|f| !f.vague).collect();
    let (counted, vague) = if precise.is_empty() {
        (current.iter().collect(), !current.is_empty())
    } else {
        (precise, false)
    };
    let best = majority_floor(counted.iter().map(|f| f.value).collect());
    // Claimants' own figures inside the counted reports widen the range.
    let every: Vec<u32> = counted
        .iter()
        .flat_map(|f| {
            let claims = f.report.event.claims.iter().filter_map(|c| c.fatalities);
            std::iter::once(f.value).chain(claims.filter(|_| !f.vague))
        })
        .collect();
    let (low, high) = match (every.iter().min(), every.iter().max()) {
        (Some(&lo), Some(&hi)) if lo != hi => (Some(lo), Some(hi)),
        _ => (None, None),
    };
    let part = |pick: fn(&Fatalities) -> Option<u32>| {
        let figures = latest_by_outlet(members, |m| {
            Some((pick(m.event.fatalities.as_ref()?)?, false))
        });
        let value = majority_floor(figures.iter().map(|f| f.value).collect());
        // A part of the dead is never more than the dead.
        match (value, best) {
            (Some(v), Some(b)) => Some(v.min(b)),
            (v, _) => v,
        }
    };
    Some(Fatalities {
        best,
        low,
        high,
        civilians: part(|f| f.civilians),
        children: part(|f| f.children),
        women: part(|f| f.women),
        combatants: part(|f| f.combatants),
        vague,
    })
}

/// Each outlet's current figure, when it is a number rather than a vague
/// word.
pub fn current(members: &[&Mention]) -> Vec<u32> {
    latest_by_outlet(members, own_figure)
        .into_iter()
        .filter(|f| !f.vague)
        .map(|f| f.value)
        .collect()
}

/// Two death figures are within what reports of one incident differ by:
/// the higher is at most twice the lower plus [`AGREE_MARGIN`] (1 and 4
/// agree, 6 and 20 do not).
pub fn agree(a: u32, b: u32) -> bool {
    a.max(b) <= 2 * a.min(b) + AGREE_MARGIN
}

const AGREE_MARGIN: u32 = 2;

/// Whether a report gives a number of dead (not a vague word).
pub fn gives_number(m: &Mention) -> bool {
    own_figure(m).is_some_and(|(_, vague)| !vague)
}

/// A report's figure (value, vague): its own `best`, else what a majority
/// of its claims support.
fn own_figure(m: &Mention) -> Option<(u32, bool)> {
    let own = m.event.fatalities.as_ref();
    let value = own
        .and_then(|f| f.best)
        .or_else(|| majority_floor(m.event.claims.iter().filter_map(|c| c.fatalities).collect()))?;
    Some((value, own.is_some_and(|f| f.vague)))
}

/// Each outlet's current figure: `figure` (value, vague) of its latest
/// report that gives one.
fn latest_by_outlet<'a>(
    members: &[&'a Mention],
    figure: impl Fn(&Mention) -> Option<(u32, bool)>,
) -> Vec<Figure<'a>> {
    let mut latest: BTreeMap<String, Figure<'a>> = BTreeMap::new();
    for &m in members {
        let Some((value, vague)) = figure(m) else {
            continue;
        };
        let f = Figure {
            published: m.event.article.published,
            value,
            vague,
            report: m,
        };
        let outlet = outlet_of(m);
        if latest
            .get(&outlet)
            .is_none_or(|kept| f.rank() > kept.rank())
        {
            latest.insert(outlet, f);
        }
    }
    latest.into_values().collect()
}

/// The largest value that more than half of the values are at least: the
/// lower median.
fn majority_floor(mut values: Vec<u32>) -> Option<u32> {
    values.sort_unstable();
    let n = values.len();
    (n > 0).then(|| values[n.div_ceil(2) - 1])
}

#[cfg(test)]
mod tests {
    use super::majority_floor;

    #[test]
    fn best_is_what_a_majority_supports() {
        assert_eq!(majority_floor(vec![40, 10, 12]), Some(12));
        assert_eq!(majority_floor(vec![10, 40]), Some(10));
        assert_eq!(majority_floor(vec![5, 20, 10, 12]), Some(10));
        assert_eq!(majority_floor(vec![7]), Some(7));
        assert_eq!(majority_floor(vec![]), None);
    }
}
