//! Which words of an evidence sentence stand behind which field.
//!
//! Two sources, best first:
//! 1. the event's `explain` map, when the extractor recorded the span of a
//!    field's cue (`{"field": {"start": s, "end": e}}` or a list of such,
//!    character offsets into the article);
//! 2. otherwise the coded value itself found in the sentence: the actor,
//!    place and claimant names and the death figures, matched whole-word
//!    and case-insensitively. A canonical name that the text spells
//!    differently ("Daesh" for "Islamic State") is then not highlighted:
//!    the page shows less rather than guess.
//!
//! Every span says which of the two it came from (`how`).

use dateline_model::{Claim, Event};
use serde::Serialize;
use serde_json::Value;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldSpan {
    pub field: String,
    /// Character offsets into the article, end exclusive.
    pub start: usize,
    pub end: usize,
    pub text: String,
    /// `explain` (recorded by the extractor) or `match` (found here).
    pub how: &'static str,
}

/// The spans of `event`'s fields inside `sentence`, which starts at
/// character `base` of the article. Sorted by position, then field.
pub fn field_spans(event: &Event, claim: &Claim, sentence: &str, base: usize) -> Vec<FieldSpan> {
    let chars: Vec<char> = sentence.chars().collect();
    let end = base + chars.len();
    let cut = |s: usize, e: usize| chars[s - base..e - base].iter().collect::<String>();
    let mut spans: Vec<FieldSpan> = explained(event)
        .into_iter()
        .filter(|(_, s, e)| base <= *s && s < e && *e <= end)
        .map(|(field, s, e)| FieldSpan {
            text: cut(s, e),
            field,
            start: s,
            end: e,
            how: "explain",
        })
        .collect();
    let folded: Vec<char> = chars.iter().map(|c| fold(*c)).collect();
    for (field, value) in coded_values(event, claim) {
        if spans.iter().any(|s| s.field == field && s.how == "explain") {
            continue;
        }
        for at in find_words(&folded, &value) {
            let (s, e) = (base + at, base + at + value.chars().count());
            spans.push(FieldSpan {
                field: field.to_string(),
                start: s,
                end: e,
                text: cut(s, e),
                how: "match",
            });
        }
    }
    spans.sort_by(|a, b| (a.start, a.end, &a.field).cmp(&(b.start, b.end, &b.field)));
    spans.dedup_by(|a, b| a.start == b.start && a.end == b.end && a.field == b.field);
    spans
}

/// `(field, start, end)` for every offset pair in `explain`.
fn explained(event: &Event) -> Vec<(String, usize, usize)> {
    let Some(map) = &event.explain else {
        return Vec::new();
    };
    let span = |v: &Value| {
        Some((
            v.get("start")?.as_u64()? as usize,
            v.get("end")?.as_u64()? as usize,
        ))
    };
    let mut out = Vec::new();
    for (field, v) in map {
        let items = v.as_array().map_or_else(|| vec![v], |a| a.iter().collect());
        out.extend(
            items
                .into_iter()
                .filter_map(span)
                .map(|(s, e)| (field.clone(), s, e)),
        );
    }
    out
}

/// The values a reader would look for in the sentence, by field.
fn coded_values(event: &Event, claim: &Claim) -> Vec<(&'static str, String)> {
    let mut out = vec![("claimant", claim.claimant.clone())];
    for (field, actor) in [("actor1", &event.actor1), ("actor2", &event.actor2)] {
        out.extend(actor.as_ref().map(|a| (field, a.name.clone())));
    }
    out.extend(claim.actor1.clone().map(|a| ("actor1", a)));
    if let Some(loc) = &event.location {
        out.push(("location", loc.name.clone()));
        out.extend(loc.admin1.clone().map(|a| ("location", a)));
    }
    let f = event.fatalities.clone().unwrap_or_default();
    let figures = [
        f.best,
        f.low,
        f.high,
        f.civilians,
        f.children,
        f.women,
        f.combatants,
        claim.fatalities,
    ];
    for n in figures.into_iter().flatten() {
        out.push(("fatalities", n.to_string()));
        if n >= 1000 {
            out.push(("fatalities", thousands(n)));
        }
    }
    out.retain(|(_, v)| !v.trim().is_empty());
    out.sort();
    out.dedup();
    out
}

fn thousands(n: u32) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Case folding that keeps one char per char, so offsets stay valid.
fn fold(c: char) -> char {
    c.to_lowercase().next().unwrap_or(c)
}

/// Start offsets (in chars) of whole-word occurrences of `needle`.
fn find_words(hay: &[char], needle: &str) -> Vec<usize> {
    let needle: Vec<char> = needle.chars().map(fold).collect();
    if needle.is_empty() || needle.len() > hay.len() {
        return Vec::new();
    }
    let word = |c: Option<&char>| c.is_some_and(|c| c.is_alphanumeric());
    (0..=hay.len() - needle.len())
        .filter(|&i| hay[i..i + needle.len()] == needle[..])
        .filter(|&i| {
            !word(i.checked_sub(1).and_then(|j| hay.get(j))) && !word(hay.get(i + needle.len()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use dateline_model::{
        Actor, ArticleRef, EventType, Fatalities, Location, Modality, SubEventType,
    };

    // Invented example text.
    const SENTENCE: &str =
        "The monitor said air strikes on Kafr Tala killed 1,250 people, including 12 children.";

    fn event() -> Event {
        Event {
            id: None,
            article: ArticleRef {
                source: "invented.txt".into(),
                index: 0,
                title: None,
                published: None,
            },
            event_type: EventType::ExplosionsRemoteViolence,
            sub_event_type: SubEventType::AirDroneStrike,
            actor1: Some(Actor {
                name: "Unknown air force".into(),
                kind: None,
            }),
            actor2: None,
            location: Some(Location {
                name: "Kafr Tala".into(),
                country: Some("SY".into()),
                admin1: None,
                admin2: None,
                lat: 35.0,
                lon: 36.0,
                geo_precision: 1,
                geonames_id: None,
            }),
            date: None,
            fatalities: Some(Fatalities {
                best: Some(1250),
                children: Some(12),
                ..Default::default()
            }),
            claims: Vec::new(),
            modality: Modality::Claimed,
            explain: None,
        }
    }

    fn claim() -> Claim {
        Claim {
            claimant: "the monitor".into(),
            start: 100,
            end: 100 + SENTENCE.chars().count(),
            text: Some(SENTENCE.into()),
            fatalities: None,
            actor1: None,
            article: None,
        }
    }

    #[test]
    fn finds_coded_values_as_whole_words() {
        let spans = field_spans(&event(), &claim(), SENTENCE, 100);
        let got: Vec<(&str, &str)> = spans
            .iter()
            .map(|s| (s.field.as_str(), s.text.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                ("claimant", "The monitor"),
                ("location", "Kafr Tala"),
                ("fatalities", "1,250"),
                ("fatalities", "12")
            ]
        );
        assert_eq!(spans[1].start, 100 + SENTENCE.find("Kafr").unwrap());
        assert!(spans.iter().all(|s| s.how == "match"));
    }

    #[test]
    fn explain_spans_win_and_stay_inside_the_sentence() {
        let mut ev = event();
        let mut map = serde_json::Map::new();
        map.insert(
            "location".into(),
            serde_json::json!({"start": 132, "end": 136}),
        );
        map.insert("date".into(), serde_json::json!([{"start": 5, "end": 9}]));
        ev.explain = Some(map);
        let spans = field_spans(&ev, &claim(), SENTENCE, 100);
        let loc: Vec<_> = spans.iter().filter(|s| s.field == "location").collect();
        assert_eq!(loc.len(), 1);
        assert_eq!((loc[0].text.as_str(), loc[0].how), ("Kafr", "explain"));
        assert!(spans.iter().all(|s| s.field != "date"));
    }
}
