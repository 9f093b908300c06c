//! Every place named in the seed articles (../shared/corpus/seeds, read at
//! test time, never copied) resolves to the right gazetteer entry.

use std::path::PathBuf;
use std::sync::OnceLock;

use dateline_geo::{GeoHints, Geoparser, PlaceMention, RelationKind};

fn geo() -> &'static Geoparser {
    static GEO: OnceLock<Geoparser> = OnceLock::new();
    GEO.get_or_init(|| Geoparser::load().expect("shipped gazetteer loads"))
}

fn seed(prefix: &str) -> String {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/seeds");
    let entry = std::fs::read_dir(&dir)
        .expect("shared/corpus/seeds beside the checkout")
        .filter_map(Result::ok)
        .find(|e| e.file_name().to_string_lossy().starts_with(prefix))
        .expect("seed file");
    std::fs::read_to_string(entry.path()).expect("seed text")
}

fn parse(prefix: &str) -> Vec<PlaceMention> {
    geo().parse(&seed(prefix), &GeoHints::default())
}

/// Every mention spelled `text` (ignoring case; pages put no-break spaces
/// inside names).
fn all<'a>(ms: &'a [PlaceMention], text: &str) -> Vec<&'a PlaceMention> {
    let v: Vec<&PlaceMention> = ms
        .iter()
        .filter(|m| m.text.replace('\u{a0}', " ").eq_ignore_ascii_case(text))
        .collect();
    assert!(
        !v.is_empty(),
        "no mention {text:?} in {:?}",
        ms.iter().map(|m| &m.text).collect::<Vec<_>>()
    );
    v
}

fn assert_id(ms: &[PlaceMention], text: &str, id: i64) {
    for m in all(ms, text) {
        assert_eq!(
            m.place.geonames_id,
            Some(id),
            "{text:?} resolved to {:?}",
            m.place
        );
    }
}

/// Mentions of a hand-kept place (no GeoNames id) by name.
fn assert_named(ms: &[PlaceMention], text: &str, name: &str, country: &str) {
    for m in all(ms, text) {
        assert_eq!(m.place.name, name, "{text:?} resolved to {:?}", m.place);
        assert_eq!(m.place.country.as_deref(), Some(country));
    }
}

const MAYADIN: i64 = 173480;
const DEIR_EZ_ZOR_CITY: i64 = 170794;
const DEIR_EZ_ZOR_GOVERNORATE: i64 = 170792;
const RAQQA: i64 = 172955;
const MOSUL: i64 = 99072;
const ALBU_KAMAL: i64 = 174448;
const TADMUR: i64 = 163808;

#[test]
fn seed_000_mayadin_and_the_fronts() {
    let ms = parse("000_");
    assert_id(&ms, "Mayadin", MAYADIN);
    assert_id(&ms, "Raqqa", RAQQA);
    assert_id(&ms, "Mosul", MOSUL);
    assert_id(&ms, "Baghdad", 98182);
    assert_id(&ms, "Sukhneh", 172425);
    assert_named(&ms, "Al-Tanf", "Al-Tanf", "SY");
    assert_named(&ms, "Al-Omar field", "Al-Omar oil field", "SY");
    let province = all(&ms, "Deir al-Zor")
        .into_iter()
        .find(|m| m.place.geonames_id == Some(DEIR_EZ_ZOR_GOVERNORATE))
        .expect("Deir al-Zor province is the governorate");
    assert_eq!(province.precision, 3);
    assert!(all(&ms, "Deir al-Zor")
        .iter()
        .any(|m| m.place.geonames_id == Some(DEIR_EZ_ZOR_CITY)));
    let river = all(&ms, "Euphrates River")[0];
    assert_eq!(river.place.feature_class, 'H');
    assert!(all(&ms, "Syria")
        .iter()
        .all(|m| m.place.country.as_deref() == Some("SY")));
    assert!(
        !ms.iter().any(|m| m.text.contains("Assad")),
        "a person is not a place"
    );
}

#[test]
fn seed_001_city_province_and_relations() {
    let ms = parse("001_");
    assert_id(&ms, "Mayadeen", MAYADIN);
    assert_id(&ms, "al-Bukamal", ALBU_KAMAL);
    assert_named(&ms, "al-Husayniya", "Al Husayniyah", "SY");
    let deir: Vec<&PlaceMention> = all(&ms, "Deir e-Zor");
    assert!(deir
        .iter()
        .any(|m| m.place.geonames_id == Some(DEIR_EZ_ZOR_GOVERNORATE)));
    assert!(deir
        .iter()
        .any(|m| m.place.geonames_id == Some(DEIR_EZ_ZOR_CITY)));
    for m in &deir {
        let after = &seed("001_")[m.end..];
        if after.starts_with(" province") {
            assert_eq!(m.place.geonames_id, Some(DEIR_EZ_ZOR_GOVERNORATE));
        }
        if after.starts_with(" city") {
            assert_eq!(m.place.geonames_id, Some(DEIR_EZ_ZOR_CITY));
        }
    }
    // "roughly two kilometers north of Deir e-Zor city", "The outskirts of
    // Deir e-Zor city": the anchor stays, precision 2.
    let rel: Vec<RelationKind> = deir
        .iter()
        .filter_map(|m| m.relation.as_ref().map(|r| r.kind))
        .collect();
    assert!(rel.contains(&RelationKind::Direction), "{rel:?}");
    assert!(rel.contains(&RelationKind::Outskirts), "{rel:?}");
    for m in deir.iter().filter(|m| m.relation.is_some()) {
        assert!(m.precision >= 2);
    }
    let banks: Vec<&PlaceMention> = all(&ms, "Euphrates")
        .into_iter()
        .filter(|m| {
            m.relation
                .as_ref()
                .is_some_and(|r| r.kind == RelationKind::Bank)
        })
        .collect();
    assert!(!banks.is_empty(), "the eastern bank of the Euphrates");
    assert!(banks
        .iter()
        .all(|m| m.place.feature_class == 'H' && m.precision == 2));
    assert_id(&ms, "Raqqa", RAQQA);
}

#[test]
fn seed_002_where_the_militants_go() {
    let ms = parse("002_");
    assert_id(&ms, "Sirte", 2210554);
    assert_id(&ms, "Mosul", MOSUL);
    assert_id(&ms, "Ramadi", 98717);
    assert_id(&ms, "Raqqa", RAQQA);
    assert_id(&ms, "Mayadeen", MAYADIN);
    assert_id(&ms, "Albu Kamal", ALBU_KAMAL);
    assert!(all(&ms, "Deir Ezzor")
        .iter()
        .any(|m| m.place.geonames_id == Some(DEIR_EZ_ZOR_GOVERNORATE)));
    let beirut = all(&ms, "BEIRUT");
    assert!(beirut.iter().all(|m| m.dateline), "the dateline is marked");
    assert!(all(&ms, "BAGHDAD").iter().all(|m| m.dateline));
}

#[test]
fn seed_003_the_road_to_baghouz() {
    let ms = parse("003_");
    assert_named(&ms, "al-Suwar", "As Suwar", "SY");
    assert_named(&ms, "Baghouz", "Al Baghuz Fawqani", "SY");
    assert_id(&ms, "Busayrah", 173927);
    let road = all(&ms, "Busayrah")[0];
    assert_eq!(
        road.relation.as_ref().map(|r| r.kind),
        Some(RelationKind::Road)
    );
    assert_eq!(road.precision, 2);
    assert_id(&ms, "Deir al-Zour", DEIR_EZ_ZOR_GOVERNORATE);
}

#[test]
fn seed_004_palmyra_is_tadmur() {
    let ms = parse("004_");
    assert_id(&ms, "Palmyra", TADMUR);
    assert_id(&ms, "Mosul", MOSUL);
    assert_id(&ms, "Raqqa", RAQQA);
    for m in all(&ms, "Deir Al-Zor") {
        let after = &seed("004_")[m.end..];
        if after.starts_with(" city") {
            assert_eq!(m.place.geonames_id, Some(DEIR_EZ_ZOR_CITY));
        }
        if after.starts_with(" province") {
            assert_eq!(m.place.geonames_id, Some(DEIR_EZ_ZOR_GOVERNORATE));
        }
    }
    assert!(all(&ms, "BEIRUT").iter().all(|m| m.dateline));
}
