//! Full dates as written: metadata values (ISO 8601 / RFC 3339 in
//! manifests, JSON-LD, `article:published_time`, Atom, WARC-Date; RFC 2822
//! in RSS `pubDate`, with or without weekday, time and zone) and dates in
//! running text ("03 October 2017", "June 17, 2017", "Sept. 17 2019",
//! "17th September 2019", "2019-09-17"). One scanner reads both: a
//! metadata value is a short text that states one date.

use std::ops::RangeInclusive;
use std::sync::OnceLock;

use chrono::NaiveDate;

use crate::{DatesError, Months};

/// Years a written date may have: older or later four-digit numbers are
/// counts, codes or page numbers.
const YEARS: RangeInclusive<i32> = 1900..=2100;

/// Reads full dates (day, month, year) with the month table.
#[derive(Debug, Clone)]
pub struct DateParser {
    months: Months,
}

/// The process-wide parser behind [`DateParser::shared`].
static SHARED: OnceLock<DateParser> = OnceLock::new();

impl DateParser {
    pub fn new(months: Months) -> Self {
        DateParser { months }
    }

    /// A parser over the month table (embedded, or `$DATELINE_DATA`).
    pub fn load() -> Result<Self, DatesError> {
        Ok(DateParser::new(Months::load()?))
    }

    /// Loads the process-wide parser, or reports why it cannot load: a
    /// program calls this first, so that broken data is an error it reports
    /// rather than a panic inside [`DateParser::shared`].
    pub fn init() -> Result<&'static DateParser, DatesError> {
        if let Some(p) = SHARED.get() {
            return Ok(p);
        }
        let parser = DateParser::load()?;
        Ok(SHARED.get_or_init(|| parser))
    }

    /// The process-wide parser, loaded on first use.
    ///
    /// # Panics
    /// If the month table cannot load and [`DateParser::init`] was not
    /// called: only when `$DATELINE_DATA` holds a broken `clean/months.tsv`.
    pub fn shared() -> &'static DateParser {
        SHARED.get_or_init(|| DateParser::load().unwrap_or_else(|e| panic!("dateline-dates: {e}")))
    }

    pub fn months(&self) -> &Months {
        &self.months
    }

    /// The first full date written in `text`.
    pub fn find(&self, text: &str) -> Option<NaiveDate> {
        let words: Vec<&str> = text
            .split(|c: char| c.is_whitespace() || c == ',')
            .filter(|w| !w.is_empty())
            .collect();
        (0..words.len()).find_map(|i| iso_date(words[i]).or_else(|| self.date_at(&words, i)))
    }

    /// "17 June 2017" or "June 17, 2017" around month name `words[i]`.
    fn date_at(&self, words: &[&str], i: usize) -> Option<NaiveDate> {
        let month = self.months.month(words[i])?;
        let word = |j: usize| words.get(j).copied();
        let (day, year) = match i.checked_sub(1).and_then(word).and_then(day_of_month) {
            Some(d) => (d, word(i + 1).and_then(year)?),
            None => (
                word(i + 1).and_then(day_of_month)?,
                word(i + 2).and_then(year)?,
            ),
        };
        NaiveDate::from_ymd_opt(year, month, day)
    }
}

/// The first full date written in `text` (a metadata value or running
/// text), with the process-wide parser; see [`DateParser::shared`].
pub fn find_date(text: &str) -> Option<NaiveDate> {
    DateParser::shared().find(text)
}

/// A day of the month as written: "3", "03", "3rd", "17th", "1er", "5.".
pub fn day_of_month(word: &str) -> Option<u32> {
    let digits = word.trim_end_matches(|c: char| c.is_ascii_alphabetic() || c == '.');
    let suffix = &word[digits.len()..];
    if !matches!(
        suffix.trim_end_matches('.'),
        "" | "st" | "nd" | "rd" | "th" | "er"
    ) {
        return None;
    }
    (1..=2)
        .contains(&digits.len())
        .then(|| digits.parse().ok())
        .flatten()
        .filter(|d| (1..=31).contains(d))
}

/// Whether `y` is a year a written date may have.
pub fn plausible_year(y: i32) -> bool {
    YEARS.contains(&y)
}

/// A four-digit year, maybe followed by punctuation.
fn year(word: &str) -> Option<i32> {
    let digits = word.trim_end_matches(|c: char| !c.is_ascii_digit());
    (digits.len() == 4)
        .then(|| digits.parse().ok())
        .flatten()
        .filter(|y| plausible_year(*y))
}

/// "2019-09-17", maybe with a time or zone after it ("T10:00Z", "Z",
/// "+03:00") or closing punctuation; never more digits of another number.
fn iso_date(word: &str) -> Option<NaiveDate> {
    let head = word.get(..10)?;
    let rest = &word[10..];
    if !(rest.is_empty() || rest.starts_with(['T', 't', 'Z', '+', '.', ';', ')'])) {
        return None;
    }
    NaiveDate::parse_from_str(head, "%Y-%m-%d").ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    #[test]
    fn finds_written_dates() {
        let p = DateParser::load().unwrap();
        assert_eq!(p.find("Updated 03 October 2017"), d(2017, 10, 3));
        assert_eq!(
            p.find("appeared in the print edition on June 17, 2017, on page 8."),
            d(2017, 6, 17)
        );
        assert_eq!(p.find("Posted Sept. 17 2019 at 10:00"), d(2019, 9, 17));
        assert_eq!(p.find("Tuesday 17th September 2019"), d(2019, 9, 17));
        assert_eq!(p.find("Published: 2019-09-17T10:00Z"), d(2019, 9, 17));
        assert_eq!(p.find("Publié le 1er octobre 2018"), d(2018, 10, 1));
        assert_eq!(p.find("in June the 40 of 2017"), None);
        assert_eq!(p.find("31 June 2017"), None);
        assert_eq!(p.find("no date here"), None);
    }

    #[test]
    fn reads_metadata_date_forms() {
        let p = DateParser::load().unwrap();
        assert_eq!(p.find("2017-06-17"), d(2017, 6, 17));
        assert_eq!(p.find("2017-10-03T08:15:00+03:00"), d(2017, 10, 3));
        assert_eq!(p.find("2019-03-07T23:59:59Z"), d(2019, 3, 7));
        assert_eq!(p.find(" 2019-03-07 23:59 "), d(2019, 3, 7));
        assert_eq!(p.find("Tue, 03 Oct 2017 10:00:00 +0000"), d(2017, 10, 3));
        assert_eq!(p.find("Tue, 3 Oct 2017 10:00:00 GMT"), d(2017, 10, 3));
        assert_eq!(p.find("17 Sep 2019"), d(2019, 9, 17));
        assert_eq!(p.find("2017-06-171"), None);
        assert_eq!(p.find("yesterday"), None);
        assert_eq!(p.find(""), None);
    }

    #[test]
    fn the_shared_parser_is_the_same_parser() {
        assert_eq!(find_date("Updated 03 October 2017"), d(2017, 10, 3));
    }

    #[test]
    fn days_and_years() {
        assert_eq!(day_of_month("3rd"), Some(3));
        assert_eq!(day_of_month("17th."), Some(17));
        assert_eq!(day_of_month("32"), None);
        assert_eq!(day_of_month("5km"), None);
        assert!(plausible_year(2017));
        assert!(!plausible_year(1850));
    }
}
