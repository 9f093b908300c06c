//! Dates as metadata writes them: ISO 8601 / RFC 3339 (manifests, JSON-LD,
//! `article:published_time`, Atom, WARC-Date) and RFC 2822 (RSS `pubDate`).

use chrono::{DateTime, NaiveDate};

/// The calendar date a metadata field states, as written (a timestamp's
/// date in its own offset: the day the outlet says it published).
pub fn parse_meta_date(value: &str) -> Option<NaiveDate> {
    let value = value.trim();
    if let Some(date) = value
        .get(..10)
        .and_then(|head| NaiveDate::parse_from_str(head, "%Y-%m-%d").ok())
    {
        // Anything after the date must look like a time or zone, not more
        // digits of some other number.
        let rest = &value[10..];
        if rest.is_empty() || rest.starts_with(['T', 't', ' ', 'Z', '+']) {
            return Some(date);
        }
    }
    DateTime::parse_from_rfc2822(value)
        .ok()
        .map(|dt| dt.date_naive())
        .or_else(|| parse_rfc2822_lenient(value))
}

/// RSS feeds in the wild drop the weekday, spell out zones ("GMT", "EST")
/// or leave the time out; keep only day, month and year.
fn parse_rfc2822_lenient(value: &str) -> Option<NaiveDate> {
    let body = value.split_once(',').map_or(value, |(_, rest)| rest);
    let mut words = body.split_whitespace();
    let (day, month, year) = (words.next()?, words.next()?, words.next()?);
    NaiveDate::parse_from_str(&format!("{day} {month} {year}"), "%d %b %Y").ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    #[test]
    fn reads_metadata_date_forms() {
        assert_eq!(parse_meta_date("2017-06-17"), d(2017, 6, 17));
        assert_eq!(parse_meta_date("2017-10-03T08:15:00+03:00"), d(2017, 10, 3));
        assert_eq!(parse_meta_date("2019-03-07T23:59:59Z"), d(2019, 3, 7));
        assert_eq!(
            parse_meta_date("Tue, 03 Oct 2017 10:00:00 +0000"),
            d(2017, 10, 3)
        );
        assert_eq!(
            parse_meta_date("Tue, 3 Oct 2017 10:00:00 GMT"),
            d(2017, 10, 3)
        );
        assert_eq!(parse_meta_date("17 Sep 2019"), d(2019, 9, 17));
        assert_eq!(parse_meta_date("2017-06-171"), None);
        assert_eq!(parse_meta_date("yesterday"), None);
        assert_eq!(parse_meta_date(""), None);
    }
}
