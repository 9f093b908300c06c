//! Comparison keys for names and the identities of sources.
//!
//! Actor names are canonical after extraction, but case, punctuation and
//! spacing still vary between gazetteer releases and dictionary entries; the
//! key keeps letters and digits only so "Islamic State" and "islamic-state"
//! compare equal while different names stay different.

use dateline_model::Location;

use crate::Mention;

/// Lowercased letters and digits of `s`; empty when `s` has none.
pub fn key(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The article part of a mention key ("<article hash>:<ordinal>").
pub fn article_of(mention_key: &str) -> &str {
    mention_key
        .rsplit_once(':')
        .map_or(mention_key, |(article, _)| article)
}

/// Who published a mention, as a comparison key: the outlet when known,
/// else the article itself (an unknown outlet is counted as independent of
/// every other article, the only assumption that needs no knowledge).
pub fn outlet_of(m: &Mention) -> String {
    match m.outlet.as_deref().map(key).filter(|k| !k.is_empty()) {
        Some(outlet) => outlet,
        None => format!("article:{}", article_of(&m.key)),
    }
}

/// Which place a location is, for counting how many outlets give it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum PlaceKey {
    GeoNames(i64),
    /// Coordinates in hundredths of a degree (about 1 km), for gazetteers
    /// without ids: one gazetteer entry always resolves to the same point.
    Point(i64, i64),
}

impl PlaceKey {
    pub fn of(loc: &Location) -> PlaceKey {
        match loc.geonames_id {
            Some(id) => PlaceKey::GeoNames(id),
            None => PlaceKey::Point(
                (loc.lat * 100.0).round() as i64,
                (loc.lon * 100.0).round() as i64,
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_ignore_case_and_punctuation_only() {
        assert_eq!(key("Islamic State"), key("islamic-state"));
        assert_ne!(key("Islamic State"), key("Islamic Front"));
        assert_eq!(article_of("ab12:3"), "ab12");
        assert_eq!(article_of("no-ordinal"), "no-ordinal");
    }
}
