//! Date expressions and their resolution against the publication date
//! (spec §5).
//!
//! Explicit dates ("October 5", "14 October 2017", "June 17, 2017", "in
//! September", "in late May", "June 2014") and relative ones ("on
//! Saturday", "earlier this week", "last month", "in recent weeks", "since
//! late April", "two days ago") become a [`DateRange`] with a precision.
//! Month names come from the one month table of `dateline-dates`; the rest
//! of the vocabulary (weekday names, relative phrases and the rule each
//! follows) is `data/extract/dates.tsv`. This module finds the expressions
//! in tokens; the calendar arithmetic is `dateline_dates::calendar`.
//! Without a publication date only expressions that state their year
//! resolve: a date is never guessed.

use chrono::{Duration, NaiveDate};
use dateline_dates::calendar::{
    clamp, day, days_before, days_in_month, latest_weekday, month_before, month_range, range,
    year_for_day, year_for_month,
};
use dateline_dates::{day_of_month, plausible_year, Months, Period};
use dateline_model::{DatePrecision, DateRange};
use rustc_hash::FxHashSet;

use crate::phrases::PhraseSet;
use crate::table::{self, rows, Row};
use crate::tokens::{Kind, Tokens};
use crate::AnnotateError;

const FILE: &str = "extract/dates.tsv";

/// The language of the month names event text is read in.
const EVENT_LANGUAGE: &str = "en";

/// How a phrase of `dates.tsv` (or a month name) resolves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Rule {
    /// A month name, 1-12. Ambiguous names ("May", "March") need a capital.
    Month(u32, bool),
    /// A weekday, 0 = Monday.
    Weekday(u32),
    /// Part of a month: first and last day ("late" = 21-31).
    Part(u32, u32),
    /// A period relative to publication ("yesterday", "last month").
    Period(Period),
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
    /// Words that make a bare month name a date ("in September").
    month_leads: FxHashSet<String>,
    /// Words that make a bare year a date ("in 2014").
    year_leads: FxHashSet<String>,
}

impl DateReader {
    pub fn load() -> Result<Self, AnnotateError> {
        let text = table::load(FILE)?;
        let mut phrases = PhraseSet::new();
        for name in Months::load()?.in_language(EVENT_LANGUAGE) {
            phrases.add(&name.name, Rule::Month(name.month, name.ambiguous));
        }
        let (mut month_leads, mut year_leads) = (FxHashSet::default(), FxHashSet::default());
        for row in rows(&text) {
            let phrase = row.need(0, FILE, "phrase")?;
            if row.need(1, FILE, "rule")? != "lead" {
                phrases.add(phrase, rule_of(&row)?);
                continue;
            }
            for what in table::list(row.get(2)) {
                let leads = match what {
                    "month" => &mut month_leads,
                    "year" => &mut year_leads,
                    other => {
                        return Err(AnnotateError::data(
                            FILE,
                            row.line,
                            format!("a lead introduces month or year, not {other:?}"),
                        ))
                    }
                };
                leads.insert(phrase.to_lowercase());
            }
        }
        Ok(DateReader {
            phrases,
            month_leads,
            year_leads,
        })
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
        // "overnight on Wednesday", "late on Tuesday": the day named after
        // "on" says which night or evening.
        let mut k = 0;
        while k + 1 < out.len() {
            if out[k + 1].start == out[k].end + 1 && toks.norm(out[k].end) == "on" {
                out.remove(k);
            } else {
                k += 1;
            }
        }
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
                    Rule::Weekday(w) => pubd.map(|p| day(latest_weekday(p - Duration::days(1), w))),
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
                let (year, yend, kind) =
                    // The year that puts the part's first day on or before publication.
                    stated_or_inferred_year(toks, mend, to, pubd, |p| year_for_day(p, m, a));
                let r = year.and_then(|y| {
                    let first = NaiveDate::from_ymd_opt(y, m, a)?;
                    let last = NaiveDate::from_ymd_opt(y, m, b.min(days_in_month(y, m)))?;
                    Some(range(first, clamp(last, pubd), DatePrecision::Range))
                });
                Some(mention(i, yend, kind, r))
            }
            Rule::Month(m, _) => self.read_month(toks, i, end, to, m, pubd),
            Rule::Weekday(w) => {
                // "on Thursday and Friday": the days up to the later one.
                let later = (end + 1 < to && matches!(toks.norm(end), "and" | "to" | "through"))
                    .then(|| self.rule_at(toks, end + 1, to))
                    .flatten()
                    .and_then(|(rule, e)| match rule {
                        Rule::Weekday(w2) if w2 != w => Some((w2, e)),
                        _ => None,
                    });
                let Some((w2, end2)) = later else {
                    let r = pubd.map(|p| day(latest_weekday(p, w)));
                    return Some(mention(i, end, DateKind::Relative, r));
                };
                let r = pubd.map(|p| {
                    let last = latest_weekday(p, w2);
                    let first = last - Duration::days(i64::from((w2 + 7 - w) % 7));
                    range(first, last, DatePrecision::Range)
                });
                Some(mention(i, end2, DateKind::Relative, r))
            }
            Rule::Future => Some(mention(i, end, DateKind::Future, None)),
            Rule::Same | Rule::NextDay => Some(DateMention {
                start: i,
                end,
                kind: DateKind::Anaphoric,
                range: None,
                offset_days: if rule == Rule::NextDay { 1 } else { 0 },
            }),
            Rule::Count(n) => self.read_ago(toks, i, n, end, to, pubd),
            Rule::Unit(_) => None,
            Rule::Period(period) => Some(mention(
                i,
                end,
                DateKind::Relative,
                pubd.and_then(|p| period.resolve(p)),
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
        if let Some(first_day) = day_at(toks, end, to) {
            let mut dend = end + 1;
            // "May 5-7": a range of days.
            let mut last_day = first_day;
            if dend + 1 < to && toks.norm(dend) == "-" {
                if let Some(d2) = day_at(toks, dend + 1, to).filter(|d| *d > first_day) {
                    last_day = d2;
                    dend += 2;
                }
            }
            // "June 17, 2017": the comma belongs to the date only before a year.
            let comma =
                dend < to && toks.norm(dend) == "," && year_at(toks, dend + 1, to).is_some();
            let yi = if comma { dend + 1 } else { dend };
            let (year, yend, kind) =
                stated_or_inferred_year(toks, yi, to, pubd, |p| year_for_day(p, m, first_day));
            let r = year.and_then(|y| {
                let a = NaiveDate::from_ymd_opt(y, m, first_day)?;
                let b = clamp(NaiveDate::from_ymd_opt(y, m, last_day)?, pubd);
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
                if !led_by(&self.month_leads, toks, i) {
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

    /// "five months" at token `i` (a count, in digits or words, then a
    /// unit, before `to`): where it ends and how many days it spans. For
    /// "five months after the bombing": what follows came that long before.
    pub fn span_days(&self, toks: &Tokens, i: usize, to: usize) -> Option<(usize, i64)> {
        let n = match toks.norm(i).parse::<i64>() {
            Ok(n) => n,
            Err(_) => match self.rule_at(toks, i, to)? {
                (Rule::Count(n), _) => n,
                _ => return None,
            },
        };
        match self.rule_at(toks, i + 1, to)? {
            (Rule::Unit(len), end) => Some((end, n.saturating_mul(len))),
            _ => None,
        }
    }

    /// "three days ago", "2 weeks ago": count `n` at `i`, its unit at
    /// `unit`. A day is a day; a longer unit is a range of its length.
    fn read_ago(
        &self,
        toks: &Tokens,
        i: usize,
        n: i64,
        unit: usize,
        to: usize,
        pubd: Option<NaiveDate>,
    ) -> Option<DateMention> {
        let (Rule::Unit(len), end) = self.rule_at(toks, unit, to)? else {
            return None;
        };
        if end >= to || toks.norm(end) != "ago" {
            return None;
        }
        let precision = if len == 1 {
            DatePrecision::Day
        } else {
            DatePrecision::Range
        };
        let r = pubd
            .and_then(|p| days_before(p, n.saturating_mul(len)))
            .map(|d| range(d, d, precision));
        Some(mention(i, end + 1, DateKind::Relative, r))
    }

    /// The month (with its abbreviation's dot) and year after a day at
    /// token `j`: the month, the year stated or inferred for `day`, where
    /// the date ends, and whether the year was stated.
    fn month_after_day(
        &self,
        toks: &Tokens,
        j: usize,
        to: usize,
        pubd: Option<NaiveDate>,
        day: u32,
    ) -> Option<(u32, Option<i32>, usize, DateKind)> {
        let (Rule::Month(m, _), mut end) = self.rule_at(toks, j, to)? else {
            return None;
        };
        if end < to && toks.norm(end) == "." {
            end += 1;
        }
        let (year, yend, kind) =
            stated_or_inferred_year(toks, end, to, pubd, |p| year_for_day(p, m, day));
        Some((m, year, yend, kind))
    }

    /// "10-12 May 2024", "from 10 to 12 May", "between 10 and 12 May", the
    /// night of "4-5 May": days of one month, the first one at `i`.
    fn read_day_range(
        &self,
        toks: &Tokens,
        i: usize,
        first: u32,
        to: usize,
        pubd: Option<NaiveDate>,
    ) -> Option<DateMention> {
        let joined = match toks.norm(i + 1) {
            "-" | "to" | "until" | "through" => true,
            "and" => i > 0 && toks.norm(i - 1) == "between",
            _ => false,
        };
        if !joined || i + 2 >= to {
            return None;
        }
        let last = day_at(toks, i + 2, to).filter(|&d| d > first)?;
        let (m, year, yend, kind) = self.month_after_day(toks, i + 3, to, pubd, first)?;
        let y = year?;
        let a = NaiveDate::from_ymd_opt(y, m, first)?;
        let b = NaiveDate::from_ymd_opt(y, m, last)?;
        Some(mention(
            i,
            yend,
            kind,
            Some(range(a, clamp(b, pubd), DatePrecision::Range)),
        ))
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
        if let Some(day_n) = day_at(toks, i, to) {
            if let Some(m) = self.read_day_range(toks, i, day_n, to, pubd) {
                return Some(m);
            }
            let mut j = i + 1;
            if j < to && toks.norm(j) == "of" {
                j += 1;
            }
            if let Some((m, year, yend, kind)) = self.month_after_day(toks, j, to, pubd, day_n) {
                let r = year
                    .and_then(|y| NaiveDate::from_ymd_opt(y, m, day_n))
                    .map(day);
                return Some(mention(i, yend, kind, r));
            }
        }
        // "3 days ago" (number words are `count` rows of the data file).
        if let Some(m) = toks
            .norm(i)
            .parse::<i64>()
            .ok()
            .and_then(|n| self.read_ago(toks, i, n, i + 1, to, pubd))
        {
            return Some(m);
        }
        // A bare year after a preposition ("in 2014", "since 2003"), or
        // naming what follows ("the 2003 massacre", "the 2014 Camp
        // Speicher massacre").
        if let Some(y) = year_at(toks, i, to) {
            let names_next =
                i > 0 && toks.norm(i - 1) == "the" && i + 1 < to && toks.kind(i + 1) == Kind::Word;
            if names_next || led_by(&self.year_leads, toks, i) {
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

/// Whether the token before `i` is one of `leads`.
fn led_by(leads: &FxHashSet<String>, toks: &Tokens, i: usize) -> bool {
    i.checked_sub(1)
        .is_some_and(|p| leads.contains(toks.norm(p)))
}

/// The rule of a phrase row of `dates.tsv`.
fn rule_of(row: &Row) -> Result<Rule, AnnotateError> {
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
    Ok(match row.get(1) {
        "weekday" => Rule::Weekday(num("weekday")? as u32),
        "part" => {
            let (a, b) = arg
                .split_once('-')
                .and_then(|(a, b)| Some((a.parse().ok()?, b.parse().ok()?)))
                .ok_or_else(|| AnnotateError::data(FILE, row.line, "part needs FIRST-LAST"))?;
            Rule::Part(a, b)
        }
        "days_ago" => Rule::Period(Period::DaysAgo(num("days_ago")?)),
        "week_to_date" => Rule::Period(Period::WeekToDate),
        "previous_week" => Rule::Period(Period::PreviousWeek),
        "month_to_date" => Rule::Period(Period::MonthToDate),
        "previous_month" => Rule::Period(Period::PreviousMonth),
        "recent" => Rule::Period(Period::Recent(num("recent")?)),
        "year_to_date" => Rule::Period(Period::YearToDate),
        "previous_year" => Rule::Period(Period::PreviousYear),
        "weekend" => Rule::Period(Period::Weekend),
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
    })
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
    day_of_month(toks.norm(i))
}

/// The year written at token `at` (the date is then absolute and ends after
/// it), else the one `infer` picks from publication (relative, ending at
/// `at`), if there is a publication date.
fn stated_or_inferred_year(
    toks: &Tokens,
    at: usize,
    to: usize,
    pubd: Option<NaiveDate>,
    infer: impl Fn(NaiveDate) -> i32,
) -> (Option<i32>, usize, DateKind) {
    match year_at(toks, at, to) {
        Some(y) => (Some(y), at + 1, DateKind::Absolute),
        None => (pubd.map(infer), at, DateKind::Relative),
    }
}

/// A four-digit year token a written date may have.
fn year_at(toks: &Tokens, i: usize, to: usize) -> Option<i32> {
    if i >= to || toks.kind(i) != Kind::Number || toks.norm(i).len() != 4 {
        return None;
    }
    let y: i32 = toks.norm(i).parse().ok()?;
    plausible_year(y).then_some(y)
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
    Some(mention(i, i + 5, DateKind::Absolute, Some(day(date))))
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
    fn two_weekdays_span_the_days_up_to_the_later() {
        is(
            "Fighting raged on Thursday and Friday.",
            "2017-10-16",
            "2017-10-12",
            "2017-10-13",
        );
        is(
            "Clashes ran from Saturday to Monday.",
            "2017-10-16",
            "2017-10-14",
            "2017-10-16",
        );
        // The same weekday twice is no span.
        is(
            "Rebels attacked on Sunday and Sunday.",
            "2017-10-16",
            "2017-10-15",
            "2017-10-15",
        );
    }

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
    fn a_day_named_after_on_says_which_night() {
        is(
            "Rebels struck overnight on Wednesday.",
            "2017-10-16",
            "2017-10-11",
            "2017-10-11",
        );
    }

    #[test]
    fn ranges_of_days_in_one_month() {
        for text in [
            "Fighting raged from 10 to 12 May 2017.",
            "Fighting raged on 10-12 May.",
            "Fighting raged between 10 and 12 May 2017.",
        ] {
            is(text, "2017-10-16", "2017-05-10", "2017-05-12");
        }
        is(
            "Gunmen struck on the night of 4-5 October.",
            "2017-10-16",
            "2017-10-04",
            "2017-10-05",
        );
        // "10 and 12 May" without "between" are two days, not a range.
        is(
            "Rebels struck on 10 and 12 May.",
            "2017-10-16",
            "2017-05-12",
            "2017-05-12",
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

    // Invented sentences for the spec §5 forms the tests above leave out.
    #[test]
    fn abbreviations_weeks_and_year_ends() {
        is(
            "Gunmen stopped the convoy on Oct. 5 near the border.",
            "2017-10-16",
            "2017-10-05",
            "2017-10-05",
        );
        is(
            "The bridge was shelled on 5 Oct. by both sides.",
            "2017-10-16",
            "2017-10-05",
            "2017-10-05",
        );
        // 2017-10-18 is a Wednesday: last week is the whole Monday-Sunday week before.
        is(
            "The checkpoint was overrun last week.",
            "2017-10-18",
            "2017-10-09",
            "2017-10-15",
        );
        // A month and day after publication's lie in the year before.
        is(
            "The siege began on December 28.",
            "2018-01-03",
            "2017-12-28",
            "2017-12-28",
        );
        is(
            "Protests spread in early January.",
            "2018-01-03",
            "2018-01-01",
            "2018-01-03",
        );
        is(
            "The market was hit the day before yesterday.",
            "2017-10-16",
            "2017-10-14",
            "2017-10-14",
        );
        is(
            "Two villages changed hands over the weekend.",
            "2017-10-16",
            "2017-10-14",
            "2017-10-15",
        );
        is(
            "The group was founded in 2014 near the river.",
            "2017-10-16",
            "2014-01-01",
            "2014-12-31",
        );
        // A part of a month that has not begun by publication is last year's.
        is(
            "Clashes in late May left the road closed.",
            "2017-05-10",
            "2016-05-21",
            "2016-05-31",
        );
        // Days after publication have not happened yet.
        is(
            "Talks held on May 5-7 broke down.",
            "2017-05-06",
            "2017-05-05",
            "2017-05-06",
        );
        // Published on a Saturday: "on Saturday" is that day, not a week later.
        is(
            "Militants raided the post on Saturday.",
            "2017-10-14",
            "2017-10-14",
            "2017-10-14",
        );
    }

    #[test]
    fn each_form_has_its_precision() {
        use DatePrecision::*;
        let cases = [
            ("Rebels attacked on Saturday.", Day),
            ("A raid yesterday.", Day),
            ("It happened earlier this week.", Week),
            ("The post fell last week.", Week),
            ("It happened last month.", Month),
            ("Fighting in September.", Month),
            ("Raids grew in recent weeks.", Range),
            ("Raids grew in recent months.", Range),
            ("Strikes since late April.", Range),
            ("Fighting in late May.", Range),
            ("The offensive began on October 5.", Day),
        ];
        for (text, precision) in cases {
            let got = first(text, "2017-10-16").map(|r| r.2);
            assert_eq!(got, Some(precision), "{text:?}");
        }
    }

    #[test]
    fn bare_months_and_years_need_a_lead_word() {
        // ... or to name what follows.
        is(
            "He was sentenced for the 2003 massacre of villagers.",
            "2017-10-16",
            "2003-01-01",
            "2003-12-31",
        );
        assert!(first("September was quiet in the valley.", "2017-10-16").is_none());
        assert!(first("The convoy carried 2014 sacks of flour.", "2017-10-16").is_none());
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
