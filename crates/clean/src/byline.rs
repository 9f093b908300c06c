//! Bylines and datelines: who wrote a story, and where it was filed.

use crate::shape::{ends_sentence, trim_start_invisible, word_count};

use crate::vocab::Vocab;

/// The author part of a byline line ("By Jane Doe, The Invented Times" →
/// "Jane Doe, The Invented Times"): a byline cue, then up to 12 words
/// starting with a capital, not a sentence.
pub fn byline<'a>(line: &'a str, vocab: &Vocab) -> Option<&'a str> {
    // Whether the line's first 16 characters, lowercased, start with
    // `cue`: compared as they are lowercased, since every line is asked.
    let starts_with = |cue: &str| {
        let mut head = line.chars().take(16).flat_map(char::to_lowercase);
        cue.chars().all(|c| head.next() == Some(c))
    };
    let cue = vocab.byline_cues.iter().find(|cue| starts_with(cue))?;
    // Cues are ASCII or short; find the same number of chars in `line`.
    let cut = line
        .char_indices()
        .nth(cue.chars().count())
        .map_or(line.len(), |(i, _)| i);
    let rest = &line[cut..];
    if !rest.starts_with([' ', ':', '\u{a0}']) {
        return None;
    }
    let name = rest.trim_start_matches([' ', ':', '\u{a0}']).trim();
    // "Kim Lee · 3 hours ago": what follows a list separator is not a name.
    let name = [" · ", " • ", " // "]
        .iter()
        .filter_map(|sep| name.find(sep))
        .min()
        .map_or(name, |cut| &name[..cut]);
    let words: Vec<&str> = name.split_whitespace().collect();
    let capitalised = |w: &&str| w.chars().next().is_some_and(char::is_uppercase);
    // "J." or "Jr." may end a name; anything else ending with a stop is a
    // sentence ("By Monday, the army had taken the town.").
    let sentence = ends_sentence(name) && words.last().is_some_and(|w| w.chars().count() > 3);
    ((1..=12).contains(&words.len()) && words.iter().take(2).all(capitalised) && !sentence)
        .then_some(name)
}

/// A dateline at the start of a story's first paragraph ("BEIRUT: ...",
/// "GAZA CITY, Gaza Strip (AP) — ...", "KABUL, Oct 3 (Reuters) - ..."):
/// the city as printed, and the byte offset where the story text begins.
pub fn dateline(paragraph: &str, vocab: &Vocab) -> Option<(String, usize)> {
    let text = trim_start_invisible(paragraph);
    let skipped = paragraph.len() - text.len();
    // The city: capitalised words, all their letters capitals.
    let mut city_end = 0;
    let mut letters = 0;
    for (i, c) in text.char_indices() {
        if c.is_uppercase() {
            letters += 1;
        } else if !matches!(c, ' ' | '.' | '-' | '\'' | '’') {
            break;
        }
        city_end = i + c.len_utf8();
    }
    let city = text[..city_end].trim_end_matches([' ', '-', '.']).trim();
    if letters < 3 || city.is_empty() || word_count(city) > 4 || vocab.not_dateline.contains(city) {
        return None;
    }
    let mut rest = &text[city.len()..];
    // ", Region" or ", Oct 3": up to four more words before the separator.
    if let Some(after) = rest.strip_prefix(',') {
        let stop = after
            .find([':', '(', '—', '–'])
            .or_else(|| after.find(" - "))?;
        let region = &after[..stop];
        if word_count(region) > 4 {
            return None;
        }
        rest = &after[stop..];
    }
    let rest_trim = rest.trim_start_matches([' ', '\u{a0}']);
    // "(Reuters)", "(AP)": an agency in brackets.
    let rest_trim = match rest_trim.strip_prefix('(') {
        Some(inner) => {
            let close = inner.find(')')?;
            if word_count(&inner[..close]) > 3 {
                return None;
            }
            inner[close + 1..].trim_start_matches([' ', '\u{a0}'])
        }
        None => rest_trim,
    };
    let body = ["—", "–", "-", ":"]
        .iter()
        .find_map(|sep| rest_trim.strip_prefix(sep))?;
    if !body.starts_with([' ', '\u{a0}']) {
        return None;
    }
    let body = body.trim_start_matches([' ', '\u{a0}']);
    if body.is_empty() {
        return None;
    }
    Some((city.to_string(), skipped + text.len() - body.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    // Invented lines.
    #[test]
    fn finds_datelines() {
        let v = Vocab::load().unwrap();
        let d = |s: &str| dateline(s, &v).map(|(city, at)| (city, s[at..].to_string()));
        let rest = "Fighters attacked.".to_string();
        assert_eq!(
            d("BEIRUT: Fighters attacked."),
            Some(("BEIRUT".into(), rest.clone()))
        );
        assert_eq!(
            d("\u{650}AMMAN: Fighters attacked."),
            Some(("AMMAN".into(), rest.clone()))
        );
        assert_eq!(
            d("BAGHDAD:\u{a0}Fighters attacked."),
            Some(("BAGHDAD".into(), rest.clone()))
        );
        assert_eq!(
            d("GAZA CITY, Gaza Strip (AP) — Fighters attacked."),
            Some(("GAZA CITY".into(), rest.clone()))
        );
        assert_eq!(
            d("KABUL, Oct 3 (Reuters) - Fighters attacked."),
            Some(("KABUL".into(), rest.clone()))
        );
        assert_eq!(
            d("WASHINGTON — Fighters attacked."),
            Some(("WASHINGTON".into(), rest))
        );
        assert_eq!(d("UPDATE: Fighters attacked."), None);
        assert_eq!(d("US forces said: nothing."), None);
        assert_eq!(d("NATO forces attacked."), None);
        assert_eq!(d("The army said: nothing."), None);
        assert_eq!(d("BEIRUT:"), None);
    }

    #[test]
    fn finds_bylines() {
        let v = Vocab::load().unwrap();
        assert_eq!(
            byline("By Louisa Example, The Invented Post", &v),
            Some("Louisa Example, The Invented Post")
        );
        assert_eq!(byline("BY JANE ROE", &v), Some("JANE ROE"));
        assert_eq!(
            byline("Reporting by Ana Lind; Editing by Bo Ek", &v),
            Some("Ana Lind; Editing by Bo Ek")
        );
        assert_eq!(byline("By J. R. Doe", &v), Some("J. R. Doe"));
        assert_eq!(byline("By Kim Lee · 3 hours ago", &v), Some("Kim Lee"));
        assert_eq!(byline("By Monday, the army had taken the town.", &v), None);
        assert_eq!(byline("By the numbers: a year of war", &v), None);
        assert_eq!(byline("Byzantine walls were damaged", &v), None);
    }
}
