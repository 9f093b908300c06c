//! When two date ranges can belong to one incident.
//!
//! Ranges must overlap, give or take [`SLACK_DAYS`]: a relative date
//! ("last night", "on Saturday") resolved against a publication date that
//! is itself a day off (time zones, stories filed after midnight) lands
//! one day from the absolute date another report gives.
//!
//! A long range is a different kind of claim: "strikes since May 22
//! killed 202" counts many incidents (spec §1). Overlap alone would let it
//! swallow every single day's strike in that span, so a long range only
//! matches a range of about the same extent (intersection over union at
//! least [`AGGREGATE_IOU`]). Week and month precision are vagueness about
//! one incident ("last month"), not aggregates, and match by overlap.

use chrono::{Duration, NaiveDate};
use dateline_model::{DatePrecision, DateRange};

pub const SLACK_DAYS: i64 = 1;
/// A `range` longer than this many days counts incidents, not one incident.
pub const AGGREGATE_DAYS: i64 = 3;
pub const AGGREGATE_IOU: f64 = 0.5;

/// How well two dates agree, in [0, 1], or `None` when they cannot be the
/// date of one incident. 1 is the same range; a day inside a month scores
/// low (1/30) so that exact matches are preferred when clustering.
pub fn fit(a: &DateRange, b: &DateRange) -> Option<f64> {
    let slack = Duration::days(SLACK_DAYS);
    if a.start > b.end + slack || b.start > a.end + slack {
        return None;
    }
    let iou = iou(a, b);
    if (is_aggregate(a) || is_aggregate(b)) && iou < AGGREGATE_IOU {
        return None;
    }
    Some(iou)
}

/// Whether two ranges share a day (without the slack).
pub fn overlap(a: &DateRange, b: &DateRange) -> bool {
    a.start.max(b.start) <= a.end.min(b.end)
}

/// Whether `d` counts several incidents rather than dating one.
pub fn is_aggregate(d: &DateRange) -> bool {
    d.precision == DatePrecision::Range && days(d.start, d.end) > AGGREGATE_DAYS
}

/// Days in a range, both ends included (at least 1 even if reversed).
pub fn span(d: &DateRange) -> i64 {
    days(d.start, d.end)
}

/// The window (with slack) in which another mention's range must overlap.
pub fn reach(d: &DateRange) -> (NaiveDate, NaiveDate) {
    let slack = Duration::days(SLACK_DAYS);
    (d.start - slack, d.end + slack)
}

fn days(start: NaiveDate, end: NaiveDate) -> i64 {
    ((end - start).num_days() + 1).max(1)
}

fn iou(a: &DateRange, b: &DateRange) -> f64 {
    if !overlap(a, b) {
        return 0.0;
    }
    let inter = days(a.start.max(b.start), a.end.min(b.end));
    let union = days(a.start.min(b.start), a.end.max(b.end));
    inter as f64 / union as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str, e: &str, p: DatePrecision) -> DateRange {
        DateRange {
            start: s.parse().unwrap(),
            end: e.parse().unwrap(),
            precision: p,
        }
    }

    #[test]
    fn one_day_slack_but_not_two() {
        let a = d("2021-03-04", "2021-03-04", DatePrecision::Day);
        assert_eq!(fit(&a, &a), Some(1.0));
        assert_eq!(
            fit(&a, &d("2021-03-05", "2021-03-05", DatePrecision::Day)),
            Some(0.0)
        );
        assert_eq!(
            fit(&a, &d("2021-03-06", "2021-03-06", DatePrecision::Day)),
            None
        );
    }

    #[test]
    fn aggregate_does_not_swallow_its_days() {
        let agg = d("2021-05-22", "2021-06-17", DatePrecision::Range);
        let day = d("2021-06-01", "2021-06-01", DatePrecision::Day);
        assert_eq!(fit(&agg, &day), None);
        let agg2 = d("2021-05-22", "2021-06-16", DatePrecision::Range);
        assert!(fit(&agg, &agg2).is_some());
        let month = d("2021-06-01", "2021-06-30", DatePrecision::Month);
        assert!(fit(&month, &day).is_some());
    }
}
