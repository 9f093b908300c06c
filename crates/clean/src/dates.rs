//! Dates written in running text: "03 October 2017", "June 17, 2017",
//! "Sept. 17 2019", "17th September 2019", "2019-09-17".

use std::collections::HashMap;

use chrono::NaiveDate;

/// The first full date (day, month, year) written in `text`.
pub fn find_date(text: &str, months: &HashMap<String, u32>) -> Option<NaiveDate> {
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    for (i, word) in words.iter().enumerate() {
        if let Some(date) = iso_date(word) {
            return Some(date);
        }
        let Some(&month) = months.get(&word.trim_end_matches('.').to_lowercase()) else {
            continue;
        };
        let before = i.checked_sub(1).and_then(|j| day(words[j]));
        let after = words.get(i + 1).and_then(|w| day(w));
        // "17 June 2017" or "June 17, 2017"
        let found = match (before, after) {
            (Some(d), _) => words.get(i + 1).and_then(|w| year(w)).map(|y| (y, d)),
            (None, Some(d)) => words.get(i + 2).and_then(|w| year(w)).map(|y| (y, d)),
            _ => None,
        };
        if let Some(date) = found.and_then(|(y, d)| NaiveDate::from_ymd_opt(y, month, d)) {
            return Some(date);
        }
    }
    None
}

/// A day of the month: "3", "03", "3rd", "17th".
fn day(word: &str) -> Option<u32> {
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

/// A four-digit year between 1900 and 2199, maybe followed by punctuation.
fn year(word: &str) -> Option<i32> {
    let digits = word.trim_end_matches(|c: char| !c.is_ascii_digit());
    (digits.len() == 4)
        .then(|| digits.parse().ok())
        .flatten()
        .filter(|y| (1900..2200).contains(y))
}

/// "2019-09-17", maybe with a time after a `T`.
fn iso_date(word: &str) -> Option<NaiveDate> {
    let head = word.get(..10)?;
    let rest = &word[10..];
    if !(rest.is_empty() || rest.starts_with(['T', '.', ';', ')'])) {
        return None;
    }
    NaiveDate::parse_from_str(head, "%Y-%m-%d").ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn months() -> HashMap<String, u32> {
        [
            ("june", 6),
            ("october", 10),
            ("oct", 10),
            ("sept", 9),
            ("september", 9),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect()
    }

    #[test]
    fn finds_written_dates() {
        let m = months();
        let d = |y, mo, da| NaiveDate::from_ymd_opt(y, mo, da);
        assert_eq!(find_date("Updated 03 October 2017", &m), d(2017, 10, 3));
        assert_eq!(
            find_date(
                "appeared in the print edition on June 17, 2017, on page 8.",
                &m
            ),
            d(2017, 6, 17)
        );
        assert_eq!(
            find_date("Posted Sept. 17 2019 at 10:00", &m),
            d(2019, 9, 17)
        );
        assert_eq!(find_date("Tuesday 17th September 2019", &m), d(2019, 9, 17));
        assert_eq!(
            find_date("Published: 2019-09-17T10:00Z", &m),
            d(2019, 9, 17)
        );
        assert_eq!(find_date("in June the 40 of 2017", &m), None);
        assert_eq!(find_date("31 June 2017", &m), None);
        assert_eq!(find_date("no date here", &m), None);
    }
}
