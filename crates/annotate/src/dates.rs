//! Date expressions and their resolution against the publication date
//! (spec §5).
//!
//! Explicit dates ("October 5", "14 October 2017", "June 17, 2017", "in
//! September", "in late May", "June 2014") and relative ones ("on
//! Saturday", "earlier this week", "last month", "in recent weeks", "since
//! late April", "two days ago") become a [`DateRange`] with a precision.
//! The vocabulary (month and weekday names, relative phrases and the rule
//! each follows) is `data/extract/dates.tsv`; the arithmetic is here.
//! Without a publication date only expressions that state their year
//! resolve: a date is never guessed.

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use dateline_model::{DatePrecision, DateRange};

use crate::phrases::PhraseSet;
use crate::table::{self, rows};
use crate::tokens::{Kind, Tokens};
use crate::AnnotateError;

const FILE: &str = "extract/dates.tsv";

/// How a phrase of `dates.tsv` resolves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Rule {
    /// A month name, 1-12. Ambiguous names ("May", "March") need a capital.
    Month(u32, bool),
    /// A weekday, 0 = Monday.
    Weekday(u32),
    /// Part of a month: first and last day ("late" = 21-31).
    Part(u32, u32),
    /// N days before publication ("yesterday" = 1).
    DaysAgo(i64),
    /// Monday of the publication week to publication.
    WeekToDate,
    /// The whole previous Monday-Sunday week.
    PreviousWeek,
    MonthToDate,
    PreviousMonth,
    /// N days before publication to publication ("in recent weeks" = 28).
    Recent(i64),
    YearToDate,
    PreviousYear,
    /// The last Saturday and Sunday on or before publication.
    Weekend,
    /// The date of the previous date expression ("that same day").
    Same,
    /// The day after the previous date expression ("the next day").
    NextDay,
    /// A unit for "N days ago": its length in days.
    Unit(i64),
    /// A count written as a word, for "two days ago".
    Count(i64),
    /// Marks the following date as the start of a range to publication.
    Since,
    /// A time after publication ("next week", "tomorrow").
    Future,
    /// Marks the following weekday or month as the one before the latest.
    Last,
}

/// What a date expression is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateKind {
    /// States its own day, month or year.
    Absolute,
    /// Resolved against the publication date.
    Relative,
    /// Refers to the previous date expression ("the same day").
    Anaphoric,
    /// After publication: whatever happens then has not happened.
    Future,
}

/// One date expression: tokens `start..end` and its resolution, if any.
#[derive(Debug, Clone, PartialEq)]
pub struct DateMention {
    pub start: usize,
    pub end: usize,
    pub kind: DateKind,
    /// `None` when the expression needs a publication date and has none,
    /// and for anaphoric expressions (resolved by the caller).
    pub range: Option<DateRange>,
    /// For [`DateKind::Anaphoric`]: days after the antecedent (0 or 1).
    pub offset_days: i64,
}

/// Finds and resolves date expressions.
#[derive(Debug, Clone)]
pub struct DateReader {
    phrases: PhraseSet<Rule>,
}

impl DateReader {
    pub fn load() -> Result<Self, AnnotateError> {
        let text = table::load(FILE)?;
        let mut phrases = PhraseSet::new();
        for row in rows(&text) {
            let phrase = row.need(0, FILE, "phrase")?;
            let rule_name = row.need(1, FILE, "rule")?;
            let arg = row.get(2);
            let num = |what: &str| -> Result<i64, AnnotateError> {
                arg.parse().map_err(|_| {
                    AnnotateError::data(
                        FILE,
                        row.line,
                        format!("{what} needs a number, got {arg:?}"),
                    )
                })
            };
            let rule = match rule_name {
                "month" => Rule::Month(num("month")? as u32, row.get(3) == "ambiguous"),
                "weekday" => Rule::Weekday(num("weekday")? as u32),
                "part" => {
                    let (a, b) = arg
                        .split_once('-')
                        .and_then(|(a, b)| Some((a.parse().ok()?, b.parse().ok()?)))
                        .ok_or_else(|| {
                            AnnotateError::data(FILE, row.line, "part needs FIRST-LAST")
                        })?;
                    Rule::Part(a, b)
                }
                "days_ago" => Rule::DaysAgo(num("days_ago")?),
                "week_to_date" => Rule::WeekToDate,
                "previous_week" => Rule::PreviousWeek,
                "month_to_date" => Rule::MonthToDate,
                "previous_month" => Rule::PreviousMonth,
                "recent" => Rule::Recent(num("recent")?),
                "year_to_date" => Rule::YearToDate,
                "previous_year" => Rule::PreviousYear,
                "weekend" => Rule::Weekend,
                "same" => Rule::Same,
                "next_day" => Rule::NextDay,
                "unit" => Rule::Unit(num("unit")?),
                "count" => Rule::Count(num("count")?),
                "since" => Rule::Since,
                "future" => Rule::Future,
                "last" => Rule::Last,
                other => {
                    return Err(AnnotateError::data(
                        FILE,
                        row.line,
                        format!("unknown rule {other:?}"),
                    ))
                }
            };
            phrases.add(phrase, rule);
        }
        Ok(DateReader { phrases })
    }

    /// The date expressions in tokens `from..to`, left to right.
    pub fn find(
        &self,
        toks: &Tokens,
        from: usize,
        to: usize,
        published: Option<NaiveDate>,
    ) -> Vec<DateMention> {
        let mut out: Vec<DateMention> = Vec::new();
        let mut i = from;
        while i < to {
            match self.read_at(toks, i, to, published) {
                Some(m) => {
                    i = m.end;
                    out.push(m);
                }
                None => i += 1,
            }
        }
        join_ranges(toks, &mut out, published);
        out
    }

    fn rule_at(&self, toks: &Tokens, i: usize, to: usize) -> Option<(Rule, usize)> {
        let m = self.phrases.longest_at(toks, i, to)?;
        if let Rule::Month(_, ambiguous) = *m.value {
            // "may", "march": only as a capitalized name; a lone "Jan."
            // style abbreviation is fine.
            if (ambiguous || toks.norm(i).len() <= 3) && !toks.is_capitalized(i) {
                return None;
            }
        }
        if let Rule::Weekday(_) = *m.value {
            if !toks.is_capitalized(i) {
                return None;
            }
        }
        Some((*m.value, m.end))
    }

    fn read_at(
        &self,
        toks: &Tokens,
        i: usize,
        to: usize,
        pubd: Option<NaiveDate>,
    ) -> Option<DateMention> {
        // Numeric forms first: "14 October 2017", "2017-10-14", "N days ago".
        if toks.kind(i) == Kind::Number {
            return self.read_number_first(toks, i, to, pubd);
        }
        let (rule, end) = self.rule_at(toks, i, to)?;
        match rule {
            Rule::Since => {
                let inner = self.read_at(toks, end, to, pubd)?;
                if matches!(inner.kind, DateKind::Future | DateKind::Anaphoric) {
                    return None;
                }
                // The end is publication: unknown without a publication date.
                let range = match (inner.range, pubd) {
                    (Some(r), Some(p)) if r.start <= p => {
                        Some(range(r.start, p, DatePrecision::Range))
                    }
                    _ => None,
                };
                Some(DateMention {
                    start: i,
                    end: inner.end,
                    kind: inner.kind,
                    range,
                    offset_days: 0,
                })
            }
            Rule::Last => {
                // "last Saturday", "last May": the latest one strictly
                // before publication.
                let (inner, iend) = self.rule_at(toks, end, to)?;
                let r = match inner {
                    Rule::Weekday(w) => pubd.map(|p| {
                        let d = latest_weekday(p - Duration::days(1), w);
                        range(d, d, DatePrecision::Day)
                    }),
                    Rule::Month(m, _) => pubd.and_then(|p| month_before(p, m)),
                    _ => return None,
                };
                Some(mention(i, iend, DateKind::Relative, r))
            }
            Rule::Part(a, b) => {
                let (mrule, mend) = self.rule_at(toks, end, to)?;
                let Rule::Month(m, _) = mrule else {
                    return None;
                };
                let (year, yend, kind) = match year_at(toks, mend, to) {
                    Some(y) => (Some(y), mend + 1, DateKind::Absolute),
                    None => (pubd.map(|p| year_for_month(p, m)), mend, DateKind::Relative),
                };
                let r = year.and_then(|y| {
                    let first = NaiveDate::from_ymd_opt(y, m, a)?;
                    let last = NaiveDate::from_ymd_opt(y, m, b.min(days_in_month(y, m)))?;
                    Some(range(first, clamp(last, pubd), DatePrecision::Range))
                });
                Some(mention(i, yend, kind, r))
            }
            Rule::Month(m, _) => self.read_month(toks, i, end, to, m, pubd),
            Rule::Weekday(w) => {
                let r = pubd.map(|p| {
                    let d = latest_weekday(p, w);
                    range(d, d, DatePrecision::Day)
                });
                Some(mention(i, end, DateKind::Relative, r))
            }
            Rule::Future => Some(mention(i, end, DateKind::Future, None)),
            Rule::Same | Rule::NextDay => Some(DateMention {
                start: i,
                end,
                kind: DateKind::Anaphoric,
                range: None,
                offset_days: if rule == Rule::NextDay { 1 } else { 0 },
            }),
            Rule::Count(n) => {
                let (Rule::Unit(len), uend) = self.rule_at(toks, end, to)? else {
                    return None;
                };
                if uend < to && toks.norm(uend) == "ago" {
                    let r = pubd.and_then(|p| days_before(p, n * len)).map(|d| {
                        range(
                            d,
                            d,
                            if len == 1 {
                                DatePrecision::Day
                            } else {
                                DatePrecision::Range
                            },
                        )
                    });
                    return Some(mention(i, uend + 1, DateKind::Relative, r));
                }
                None
            }
            Rule::Unit(_) => None,
            rel => Some(mention(
                i,
                end,
                DateKind::Relative,
                pubd.and_then(|p| relative(rel, p)),
            )),
        }
    }

    /// "October 5", "Oct. 5, 2017", "October 2017", "October".
    fn read_month(
        &self,
        toks: &Tokens,
        i: usize,
        mut end: usize,
        to: usize,
        m: u32,
        pubd: Option<NaiveDate>,
    ) -> Option<DateMention> {
        if end < to && toks.norm(end) == "." && !toks.toks[end].space_before {
            end += 1; // "Oct."
        }
        if let Some(day) = day_at(toks, end, to) {
            let mut dend = end + 1;
            // "May 5-7": a range of days.
            let mut last_day = day;
            if dend + 1 < to && toks.norm(dend) == "-" {
                if let Some(d2) = day_at(toks, dend + 1, to).filter(|d| *d > day) {
                    last_day = d2;
                    dend += 2;
                }
            }
            let comma = dend < to && toks.norm(dend) == ",";
            let yi = if comma { dend + 1 } else { dend };
            let (year, yend, kind) = match year_at(toks, yi, to) {
                Some(y) => (Some(y), yi + 1, DateKind::Absolute),
                None => (
                    pubd.map(|p| year_for_day(p, m, day)),
                    dend,
                    DateKind::Relative,
                ),
            };
            let r = year.and_then(|y| {
                let a = NaiveDate::from_ymd_opt(y, m, day)?;
                let b = NaiveDate::from_ymd_opt(y, m, last_day)?;
                Some(range(
                    a,
                    b,
                    if a == b {
                        DatePrecision::Day
                    } else {
                        DatePrecision::Range
                    },
                ))
            });
            return Some(mention(i, yend, kind, r));
        }
        let (year, yend, kind) = match year_at(toks, end, to) {
            Some(y) => (Some(y), end + 1, DateKind::Absolute),
            None => {
                // A bare month name needs a preposition or a capital
                // context to be a date: "in September", "since June".
                let prev = i.checked_sub(1).map(|p| toks.norm(p));
                if !matches!(
                    prev,
                    Some(
                        "in" | "since"
                            | "during"
                            | "until"
                            | "by"
                            | "of"
                            | "from"
                            | "through"
                            | "throughout"
                            | "early"
                            | "mid"
                            | "late"
                            | "between"
                            | "and"
                            | "to"
                    )
                ) {
                    return None;
                }
                (pubd.map(|p| year_for_month(p, m)), end, DateKind::Relative)
            }
        };
        let r = year.and_then(|y| month_range(y, m)).map(|r| DateRange {
            end: clamp(r.end, pubd),
            ..r
        });
        Some(mention(i, yend, kind, r))
    }

    /// "14 October 2017", "5th of March", "2017-10-14", "three days ago", "in 2014".
    fn read_number_first(
        &self,
        toks: &Tokens,
        i: usize,
        to: usize,
        pubd: Option<NaiveDate>,
    ) -> Option<DateMention> {
        if let Some(m) = iso_at(toks, i, to) {
            return Some(m);
        }
        if let Some(day) = day_at(toks, i, to) {
            let mut j = i + 1;
            if j < to && toks.norm(j) == "of" {
                j += 1;
            }
            if let Some((Rule::Month(m, _), mut end)) = self.rule_at(toks, j, to) {
                if end < to && toks.norm(end) == "." {
                    end += 1;
                }
                let (year, yend, kind) = match year_at(toks, end, to) {
                    Some(y) => (Some(y), end + 1, DateKind::Absolute),
                    None => (
                        pubd.map(|p| year_for_day(p, m, day)),
                        end,
                        DateKind::Relative,
                    ),
                };
                let r = year
                    .and_then(|y| NaiveDate::from_ymd_opt(y, m, day))
                    .map(|d| range(d, d, DatePrecision::Day));
                return Some(mention(i, yend, kind, r));
            }
        }
        // "3 days ago" (number words are `count` rows of the data file).
        if let Ok(n) = toks.norm(i).parse::<i64>() {
            if let Some((Rule::Unit(len), end)) = self.rule_at(toks, i + 1, to) {
                if end < to && toks.norm(end) == "ago" {
                    let r = pubd
                        .and_then(|p| days_before(p, n.saturating_mul(len)))
                        .map(|d| {
                            range(
                                d,
                                d,
                                if len == 1 {
                                    DatePrecision::Day
                                } else {
                                    DatePrecision::Range
                                },
                            )
                        });
                    return Some(mention(i, end + 1, DateKind::Relative, r));
                }
            }
        }
        // A bare year after a preposition: "in 2014", "since 2003".
        let prev = i.checked_sub(1).map(|p| toks.norm(p));
        if let Some(y) = year_at(toks, i, to) {
            if matches!(
                prev,
                Some("in" | "since" | "during" | "of" | "until" | "by")
            ) {
                let a = NaiveDate::from_ymd_opt(y, 1, 1)?;
                let b = NaiveDate::from_ymd_opt(y, 12, 31)?;
                return Some(mention(
                    i,
                    i + 1,
                    DateKind::Absolute,
                    Some(range(a, clamp(b, pubd), DatePrecision::Range)),
                ));
            }
        }
        None
    }
}

/// `n` days before `p`, if that is a date at all ("99999999 days ago" is not).
fn days_before(p: NaiveDate, n: i64) -> Option<NaiveDate> {
    if !(0..=100_000).contains(&n) {
        return None;
    }
    p.checked_sub_signed(Duration::days(n))
}

fn mention(start: usize, end: usize, kind: DateKind, range: Option<DateRange>) -> DateMention {
    DateMention {
        start,
        end,
        kind,
        range,
        offset_days: 0,
    }
}

fn range(start: NaiveDate, end: NaiveDate, precision: DatePrecision) -> DateRange {
    DateRange {
        start,
        end,
        precision,
    }
}

/// "between May 3 and May 9", "from May 3 to 9", "May 3 - May 9": two
/// adjacent mentions joined by a range word become one range.
fn join_ranges(toks: &Tokens, out: &mut Vec<DateMention>, pubd: Option<NaiveDate>) {
    let mut k = 0;
    while k + 1 < out.len() {
        let (a, b) = (&out[k], &out[k + 1]);
        let gap_ok = b.start == a.end + 1
            && matches!(toks.norm(a.end), "to" | "and" | "until" | "through" | "-");
        let opener = a.start.checked_sub(1).map(|p| toks.norm(p));
        let opened = matches!(opener, Some("from" | "between")) || toks.norm(a.end) == "-";
        if gap_ok && opened {
            if let (Some(ra), Some(rb)) = (a.range, b.range) {
                if ra.start <= rb.end {
                    let end = clamp(rb.end, pubd);
                    let kind = if a.kind == DateKind::Absolute || b.kind == DateKind::Absolute {
                        DateKind::Absolute
                    } else {
                        DateKind::Relative
                    };
                    out[k] = mention(
                        a.start,
                        b.end,
                        kind,
                        Some(range(ra.start, end, DatePrecision::Range)),
                    );
                    out.remove(k + 1);
                    continue;
                }
            }
        }
        k += 1;
    }
}

/// A day-of-month number token (1-31, optionally "5th").
fn day_at(toks: &Tokens, i: usize, to: usize) -> Option<u32> {
    if i >= to || toks.kind(i) != Kind::Number {
        return None;
    }
    let s = toks
        .norm(i)
        .trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let d: u32 = s.parse().ok()?;
    (1..=31).contains(&d).then_some(d)
}

/// A four-digit year token between 1900 and 2100.
fn year_at(toks: &Tokens, i: usize, to: usize) -> Option<i32> {
    if i >= to || toks.kind(i) != Kind::Number || toks.norm(i).len() != 4 {
        return None;
    }
    let y: i32 = toks.norm(i).parse().ok()?;
    (1900..=2100).contains(&y).then_some(y)
}

/// "2017-10-14" as five tokens.
fn iso_at(toks: &Tokens, i: usize, to: usize) -> Option<DateMention> {
    let y = year_at(toks, i, to)?;
    if i + 4 >= to || toks.norm(i + 1) != "-" || toks.norm(i + 3) != "-" {
        return None;
    }
    let m: u32 = toks.norm(i + 2).parse().ok()?;
    let d: u32 = toks.norm(i + 4).parse().ok()?;
    let date = NaiveDate::from_ymd_opt(y, m, d)?;
    Some(mention(
        i,
        i + 5,
        DateKind::Absolute,
        Some(range(date, date, DatePrecision::Day)),
    ))
}

fn clamp(d: NaiveDate, pubd: Option<NaiveDate>) -> NaiveDate {
    match pubd {
        Some(p) if d > p => p,
        _ => d,
    }
}

fn days_in_month(y: i32, m: u32) -> u32 {
    let next = if m == 12 {
        NaiveDate::from_ymd_opt(y + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(y, m + 1, 1)
    };
    next.and_then(|n| n.pred_opt())
        .map(|d| d.day())
        .unwrap_or(28)
}

fn month_range(y: i32, m: u32) -> Option<DateRange> {
    let a = NaiveDate::from_ymd_opt(y, m, 1)?;
    let b = NaiveDate::from_ymd_opt(y, m, days_in_month(y, m))?;
    Some(range(a, b, DatePrecision::Month))
}

/// The year that puts month `m` (its first day) on or before publication.
fn year_for_month(p: NaiveDate, m: u32) -> i32 {
    if m <= p.month() {
        p.year()
    } else {
        p.year() - 1
    }
}

/// The year that puts day `d` of month `m` on or before publication.
fn year_for_day(p: NaiveDate, m: u32, d: u32) -> i32 {
    if (m, d) <= (p.month(), p.day()) {
        p.year()
    } else {
        p.year() - 1
    }
}

/// The latest month `m` strictly before publication's month.
fn month_before(p: NaiveDate, m: u32) -> Option<DateRange> {
    let y = if m < p.month() {
        p.year()
    } else {
        p.year() - 1
    };
    month_range(y, m)
}

fn latest_weekday(p: NaiveDate, w: u32) -> NaiveDate {
    let back = (p.weekday().num_days_from_monday() + 7 - w) % 7;
    p - Duration::days(back as i64)
}

fn monday_of(p: NaiveDate) -> NaiveDate {
    p - Duration::days(p.weekday().num_days_from_monday() as i64)
}

fn relative(rule: Rule, p: NaiveDate) -> Option<DateRange> {
    Some(match rule {
        Rule::DaysAgo(n) => {
            let d = days_before(p, n)?;
            range(d, d, DatePrecision::Day)
        }
        Rule::WeekToDate => range(monday_of(p), p, DatePrecision::Week),
        Rule::PreviousWeek => {
            let m = monday_of(p) - Duration::days(7);
            range(m, m + Duration::days(6), DatePrecision::Week)
        }
        Rule::MonthToDate => range(p.with_day(1)?, p, DatePrecision::Month),
        Rule::PreviousMonth => {
            let last = p.with_day(1)?.pred_opt()?;
            range(last.with_day(1)?, last, DatePrecision::Month)
        }
        Rule::Recent(n) => range(p - Duration::days(n), p, DatePrecision::Range),
        Rule::YearToDate => range(
            NaiveDate::from_ymd_opt(p.year(), 1, 1)?,
            p,
            DatePrecision::Range,
        ),
        Rule::PreviousYear => range(
            NaiveDate::from_ymd_opt(p.year() - 1, 1, 1)?,
            NaiveDate::from_ymd_opt(p.year() - 1, 12, 31)?,
            DatePrecision::Range,
        ),
        Rule::Weekend => {
            let sun = latest_weekday(p, Weekday::Sun.num_days_from_monday());
            let sat = sun - Duration::days(1);
            // Published on a Saturday: that Saturday alone.
            if sat > p {
                range(p, p, DatePrecision::Day)
            } else {
                range(sat, sun.min(p), DatePrecision::Range)
            }
        }
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    /// The first date of `text` resolved against `published`, as
    /// (start, end, precision).
    fn first(text: &str, published: &str) -> Option<(String, String, DatePrecision)> {
        let reader = DateReader::load().unwrap();
        let toks = Tokens::new(text);
        let found = reader.find(&toks, 0, toks.len(), Some(d(published)));
        let r = found.first()?.range?;
        Some((r.start.to_string(), r.end.to_string(), r.precision))
    }

    fn is(text: &str, published: &str, start: &str, end: &str) {
        let got = first(text, published).unwrap_or_else(|| panic!("no date in {text:?}"));
        assert_eq!((got.0.as_str(), got.1.as_str()), (start, end), "{text:?}");
    }

    // Invented sentences; 2017-10-16 is a Monday.
    #[test]
    fn weekdays_are_the_latest_on_or_before_publication() {
        is(
            "Rebels attacked on Saturday.",
            "2017-10-16",
            "2017-10-14",
            "2017-10-14",
        );
        is(
            "The town fell on Monday.",
            "2017-10-16",
            "2017-10-16",
            "2017-10-16",
        );
        is(
            "Shelling resumed last Monday.",
            "2017-10-16",
            "2017-10-09",
            "2017-10-09",
        );
    }

    #[test]
    fn weeks_months_and_recent_periods() {
        is(
            "It happened earlier this week.",
            "2017-01-20",
            "2017-01-16",
            "2017-01-20",
        );
        is(
            "It happened last month.",
            "2017-10-16",
            "2017-09-01",
            "2017-09-30",
        );
        is(
            "Raids grew in recent weeks.",
            "2017-06-17",
            "2017-05-20",
            "2017-06-17",
        );
        is(
            "Raids grew in recent months.",
            "2017-06-17",
            "2017-03-19",
            "2017-06-17",
        );
        is(
            "Strikes since late April.",
            "2017-06-17",
            "2017-04-21",
            "2017-06-17",
        );
        is(
            "Fighting in late May.",
            "2017-06-17",
            "2017-05-21",
            "2017-05-31",
        );
        is(
            "Fighting in September.",
            "2017-10-16",
            "2017-09-01",
            "2017-09-30",
        );
        is(
            "Fighting this week.",
            "2017-10-16",
            "2017-10-16",
            "2017-10-16",
        );
        is(
            "A raid two days ago.",
            "2017-10-16",
            "2017-10-14",
            "2017-10-14",
        );
        is(
            "A raid yesterday.",
            "2017-10-16",
            "2017-10-15",
            "2017-10-15",
        );
    }

    #[test]
    fn explicit_dates() {
        is(
            "The offensive began on October 5.",
            "2017-10-16",
            "2017-10-05",
            "2017-10-05",
        );
        is(
            "Signed on 14 October 2017 in the capital.",
            "2018-01-01",
            "2017-10-14",
            "2017-10-14",
        );
        is(
            "Updated June 17, 2017.",
            "2017-06-20",
            "2017-06-17",
            "2017-06-17",
        );
        is(
            "A ceasefire since May 22 held.",
            "2017-06-17",
            "2017-05-22",
            "2017-06-17",
        );
        is(
            "Clashes in December.",
            "2017-10-16",
            "2016-12-01",
            "2016-12-31",
        );
        is(
            "Clashes on 2017-03-04.",
            "2017-10-16",
            "2017-03-04",
            "2017-03-04",
        );
        is(
            "Clashes from May 3 to May 9.",
            "2017-10-16",
            "2017-05-03",
            "2017-05-09",
        );
        is(
            "Founded in June 2014.",
            "2017-10-16",
            "2014-06-01",
            "2014-06-30",
        );
    }

    #[test]
    fn modal_may_is_not_a_month() {
        assert!(first("Rebels may attack the town.", "2017-10-16").is_none());
        assert!(first("the march on the capital", "2017-10-16").is_none());
    }

    #[test]
    fn no_publication_date_no_relative_date() {
        let reader = DateReader::load().unwrap();
        let toks = Tokens::new("Rebels attacked on Saturday, and again on 3 May 2019.");
        let found = reader.find(&toks, 0, toks.len(), None);
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].range, None);
        assert_eq!(found[1].range.map(|r| r.start), Some(d("2019-05-03")));
    }

    #[test]
    fn future_and_anaphoric() {
        let reader = DateReader::load().unwrap();
        let toks = Tokens::new("Talks resume next week; that same day rebels withdrew.");
        let found = reader.find(&toks, 0, toks.len(), Some(d("2017-10-16")));
        assert_eq!(found[0].kind, DateKind::Future);
        assert_eq!(found[1].kind, DateKind::Anaphoric);
    }
}
