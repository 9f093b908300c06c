//! Calendar arithmetic for resolving dates against the publication date
//! (spec §5). Weeks run Monday to Sunday; every range ends on or before
//! publication, because what comes after it has not happened.

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use dateline_model::{DatePrecision, DateRange};

/// A period a relative phrase names, resolved against publication `p`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    /// N days before publication ("yesterday" = 1).
    DaysAgo(i64),
    /// Monday of the publication week to publication ("earlier this week").
    WeekToDate,
    /// The whole previous Monday-Sunday week ("last week").
    PreviousWeek,
    /// The first of the publication month to publication ("this month").
    MonthToDate,
    /// The whole previous calendar month ("last month").
    PreviousMonth,
    /// N days before publication to publication ("in recent weeks" = 28).
    Recent(i64),
    /// January 1 to publication ("this year").
    YearToDate,
    /// The whole previous calendar year ("last year").
    PreviousYear,
    /// The last Saturday and Sunday on or before publication.
    Weekend,
}

impl Period {
    /// The dates this period covers for an article published on `p`.
    pub fn resolve(self, p: NaiveDate) -> Option<DateRange> {
        Some(match self {
            Period::DaysAgo(n) => day(days_before(p, n)?),
            Period::WeekToDate => range(monday_of(p), p, DatePrecision::Week),
            Period::PreviousWeek => {
                let m = monday_of(p) - Duration::days(7);
                range(m, m + Duration::days(6), DatePrecision::Week)
            }
            Period::MonthToDate => range(p.with_day(1)?, p, DatePrecision::Month),
            Period::PreviousMonth => {
                let last = p.with_day(1)?.pred_opt()?;
                month_range(last.year(), last.month())?
            }
            Period::Recent(n) => range(days_before(p, n)?, p, DatePrecision::Range),
            Period::YearToDate => range(
                NaiveDate::from_ymd_opt(p.year(), 1, 1)?,
                p,
                DatePrecision::Range,
            ),
            Period::PreviousYear => range(
                NaiveDate::from_ymd_opt(p.year() - 1, 1, 1)?,
                NaiveDate::from_ymd_opt(p.year() - 1, 12, 31)?,
                DatePrecision::Range,
            ),
            Period::Weekend => {
                // Published on a Saturday: that Saturday alone.
                let sat = latest_weekday(p, Weekday::Sat.num_days_from_monday());
                if sat == p {
                    day(p)
                } else {
                    range(sat, sat + Duration::days(1), DatePrecision::Range)
                }
            }
        })
    }
}

pub fn range(start: NaiveDate, end: NaiveDate, precision: DatePrecision) -> DateRange {
    DateRange {
        start,
        end,
        precision,
    }
}

/// One day.
pub fn day(d: NaiveDate) -> DateRange {
    range(d, d, DatePrecision::Day)
}

/// `n` days before `p`, if that is a date at all ("99999999 days ago" is not).
pub fn days_before(p: NaiveDate, n: i64) -> Option<NaiveDate> {
    if !(0..=100_000).contains(&n) {
        return None;
    }
    p.checked_sub_signed(Duration::days(n))
}

/// `d`, or publication when `d` comes after it.
pub fn clamp(d: NaiveDate, published: Option<NaiveDate>) -> NaiveDate {
    match published {
        Some(p) if d > p => p,
        _ => d,
    }
}

pub fn days_in_month(y: i32, m: u32) -> u32 {
    let next = if m == 12 {
        NaiveDate::from_ymd_opt(y + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(y, m + 1, 1)
    };
    next.and_then(|n| n.pred_opt())
        .map(|d| d.day())
        .unwrap_or(28)
}

/// The whole month `m` of year `y`.
pub fn month_range(y: i32, m: u32) -> Option<DateRange> {
    let a = NaiveDate::from_ymd_opt(y, m, 1)?;
    let b = NaiveDate::from_ymd_opt(y, m, days_in_month(y, m))?;
    Some(range(a, b, DatePrecision::Month))
}

/// The year that puts month `m` (its first day) on or before publication.
pub fn year_for_month(p: NaiveDate, m: u32) -> i32 {
    if m <= p.month() {
        p.year()
    } else {
        p.year() - 1
    }
}

/// The year that puts day `d` of month `m` on or before publication.
pub fn year_for_day(p: NaiveDate, m: u32, d: u32) -> i32 {
    if (m, d) <= (p.month(), p.day()) {
        p.year()
    } else {
        p.year() - 1
    }
}

/// The latest month `m` strictly before publication's month ("last May").
pub fn month_before(p: NaiveDate, m: u32) -> Option<DateRange> {
    let y = if m < p.month() {
        p.year()
    } else {
        p.year() - 1
    };
    month_range(y, m)
}

/// The latest weekday `w` (0 = Monday) on or before `p`.
pub fn latest_weekday(p: NaiveDate, w: u32) -> NaiveDate {
    let back = (p.weekday().num_days_from_monday() + 7 - w) % 7;
    p - Duration::days(back as i64)
}

/// The Monday of `p`'s week.
pub fn monday_of(p: NaiveDate) -> NaiveDate {
    p - Duration::days(p.weekday().num_days_from_monday() as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn span(r: Option<DateRange>) -> Option<(String, String, DatePrecision)> {
        r.map(|r| (r.start.to_string(), r.end.to_string(), r.precision))
    }

    fn is(period: Period, published: &str, start: &str, end: &str, precision: DatePrecision) {
        assert_eq!(
            span(period.resolve(d(published))),
            Some((start.to_string(), end.to_string(), precision)),
            "{period:?} published {published}"
        );
    }

    // 2017-10-16 is a Monday, 2017-01-20 a Friday, 2017-10-14 a Saturday.
    #[test]
    fn periods_resolve_against_publication() {
        use DatePrecision::*;
        is(
            Period::DaysAgo(1),
            "2017-10-16",
            "2017-10-15",
            "2017-10-15",
            Day,
        );
        is(
            Period::WeekToDate,
            "2017-01-20",
            "2017-01-16",
            "2017-01-20",
            Week,
        );
        is(
            Period::WeekToDate,
            "2017-10-16",
            "2017-10-16",
            "2017-10-16",
            Week,
        );
        is(
            Period::PreviousWeek,
            "2017-01-20",
            "2017-01-09",
            "2017-01-15",
            Week,
        );
        is(
            Period::MonthToDate,
            "2017-10-16",
            "2017-10-01",
            "2017-10-16",
            Month,
        );
        is(
            Period::PreviousMonth,
            "2017-03-05",
            "2017-02-01",
            "2017-02-28",
            Month,
        );
        is(
            Period::PreviousMonth,
            "2018-01-10",
            "2017-12-01",
            "2017-12-31",
            Month,
        );
        is(
            Period::Recent(28),
            "2017-06-17",
            "2017-05-20",
            "2017-06-17",
            Range,
        );
        is(
            Period::Recent(90),
            "2017-06-17",
            "2017-03-19",
            "2017-06-17",
            Range,
        );
        is(
            Period::YearToDate,
            "2017-06-17",
            "2017-01-01",
            "2017-06-17",
            Range,
        );
        is(
            Period::PreviousYear,
            "2017-06-17",
            "2016-01-01",
            "2016-12-31",
            Range,
        );
        is(
            Period::Weekend,
            "2017-10-16",
            "2017-10-14",
            "2017-10-15",
            Range,
        );
        is(
            Period::Weekend,
            "2017-10-14",
            "2017-10-14",
            "2017-10-14",
            Day,
        );
        is(
            Period::Weekend,
            "2017-10-15",
            "2017-10-14",
            "2017-10-15",
            Range,
        );
        assert_eq!(Period::DaysAgo(-1).resolve(d("2017-10-16")), None);
    }

    #[test]
    fn years_put_dates_on_or_before_publication() {
        let p = d("2017-10-16");
        assert_eq!(year_for_day(p, 10, 16), 2017);
        assert_eq!(year_for_day(p, 10, 17), 2016);
        assert_eq!(year_for_month(p, 12), 2016);
        assert_eq!(month_before(p, 10).map(|r| r.start), Some(d("2016-10-01")));
        assert_eq!(latest_weekday(p, 5), d("2017-10-14"));
        assert_eq!(latest_weekday(p, 0), p);
        assert_eq!(days_in_month(2016, 2), 29);
    }
}
