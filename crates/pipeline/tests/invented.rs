//! The whole chain on invented wire articles (`tests/invented`): several
//! incidents in one roundup, one incident told over several paragraphs, a
//! battle's losses on both sides, background that is no event.

use std::path::Path;
use std::sync::OnceLock;

use chrono::NaiveDate;
use dateline_ingest::{read_bytes, ReadOptions};
use dateline_model::{Event, SourceMeta};
use dateline_pipeline::Pipeline;

fn pipeline() -> &'static Pipeline {
    static P: OnceLock<Pipeline> = OnceLock::new();
    P.get_or_init(|| Pipeline::load().expect("reference data"))
}

fn events(file: &str, published: &str) -> Vec<Event> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/invented")
        .join(file);
    let bytes = std::fs::read(&path).expect("invented article");
    events_of(file, &bytes, published)
}

/// The events of one input, published on `published`.
fn events_of(file: &str, bytes: &[u8], published: &str) -> Vec<Event> {
    let meta = SourceMeta {
        published: NaiveDate::parse_from_str(published, "%Y-%m-%d").ok(),
        ..SourceMeta::default()
    };
    read_bytes(file, bytes, meta, &ReadOptions::default())
        .expect("readable")
        .iter()
        .flat_map(|doc| pipeline().process(doc, false))
        .flat_map(|p| p.events)
        .collect()
}

/// (sub-event type, place, first day, fatalities) of each event.
fn summary(events: &[Event]) -> Vec<(String, String, String, Option<u32>)> {
    events
        .iter()
        .map(|e| {
            (
                e.sub_event_type.as_str().to_string(),
                e.location
                    .as_ref()
                    .map(|l| l.name.clone())
                    .unwrap_or_default(),
                e.date.map(|d| d.start.to_string()).unwrap_or_default(),
                e.fatalities.as_ref().and_then(|f| f.best),
            )
        })
        .collect()
}

#[test]
fn a_roundup_gives_each_incident_once() {
    let evs = events("iraq-roundup.txt", "2023-03-15");
    let s = summary(&evs);
    // The bombing is told in two paragraphs ("north of Baghdad", then the
    // checkpoint in Tarmiyah): one event at the town; its toll is not lost
    // to "the deadliest of several attacks across Iraq".
    assert_eq!(s.len(), 3, "{s:#?}");
    assert_eq!(s[0].0, "suicide_bomb", "{s:#?}");
    assert_eq!(s[0].1, "Aţ Ţārmīyah", "GeoNames' Tarmiyah: {s:#?}");
    assert_eq!((s[0].2.as_str(), s[0].3), ("2023-03-14", Some(6)), "{s:#?}");
    assert_eq!(
        (s[1].0.as_str(), s[1].1.as_str()),
        ("attack", "Ramadi"),
        "{s:#?}"
    );
    assert_eq!(s[2].0, "air_drone_strike", "{s:#?}");
    assert_eq!(
        (s[2].1.as_str(), s[2].3),
        ("Hamrin Mountains", Some(11)),
        "{s:#?}"
    );
}

#[test]
fn a_battle_s_losses_and_last_month_s_ambush() {
    let evs = events("niger-post.txt", "2024-03-04");
    let s = summary(&evs);
    assert_eq!(s.len(), 2, "{s:#?}");
    assert_eq!(s[0].0, "armed_clash", "{s:#?}");
    assert_eq!(s[0].2, "2024-03-03", "Sunday: {s:#?}");
    assert_eq!(
        evs[0].actor2.as_ref().map(|a| a.name.as_str()),
        Some("Military Forces of Niger")
    );
    // "Last month": February, never folded into Sunday's attack.
    assert_eq!(
        (s[1].2.as_str(), s[1].3),
        ("2024-02-01", Some(17)),
        "{s:#?}"
    );
}

#[test]
fn a_village_its_district_and_its_state_are_one_place() {
    let evs = events_of(
        "kwall.txt",
        b"Suspected Fulani herdsmen killed 23 villagers in an overnight raid on Kwall, in Plateau state's Bassa area, residents said on Monday.",
        "2023-05-16",
    );
    let s = summary(&evs);
    assert_eq!(s.len(), 1, "{s:#?}");
    assert_eq!((s[0].1.as_str(), s[0].3), ("Kwal", Some(23)), "{s:#?}");
    assert_eq!(
        evs[0].actor1.as_ref().map(|a| a.name.as_str()),
        Some("Fulani Ethnic Militia (Nigeria)")
    );
}

#[test]
fn people_who_rally_protest_and_the_police_who_fire_intervene() {
    let evs = events_of(
        "dhaka.txt",
        b"Hundreds of students rallied in Dhaka on Monday to demand justice for a classmate, and police fired rubber bullets to disperse them.",
        "2023-05-16",
    );
    assert_eq!(evs.len(), 1, "{evs:#?}");
    let e = &evs[0];
    assert_eq!(e.sub_event_type.as_str(), "protest_with_intervention");
    assert_eq!(
        e.actor2.as_ref().map(|a| a.name.as_str()),
        Some("Police Forces of Bangladesh")
    );
}
