//! Fusion behaviour on hand-built mentions: the invented corpus's ideal
//! extraction (`support::corpus`) and small targeted cases.

mod support;

use std::collections::BTreeMap;

use dateline_fuse::{compatible, fuse, neighbourhood, window, FusedEvent, Mention, Window};
use dateline_model::{DatePrecision, Modality, SubEventType::*};

use support::corpus::report_of;
use support::{corpus, m, metrics, EventBuilder, BANKASS, MAKIIVKA, MARIB, SARMIN};

/// The fused event holding `key`.
fn event_of<'a>(events: &'a [FusedEvent], key: &str) -> &'a FusedEvent {
    events
        .iter()
        .find(|e| e.members.iter().any(|k| k == key))
        .unwrap_or_else(|| panic!("no event holds {key}"))
}

/// A deterministic permutation (xorshift; no randomness in tests).
fn shuffled(mut v: Vec<Mention>, seed: u64) -> Vec<Mention> {
    let mut x = seed | 1;
    for i in (1..v.len()).rev() {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        v.swap(i, (x % (i as u64 + 1)) as usize);
    }
    v
}

#[test]
fn corpus_pairs_meet_targets_on_ideal_extraction() {
    let events = fuse(&corpus::mentions());
    let scores = metrics::score(&events, &corpus::labels(), report_of);
    println!("ideal extraction: {scores}");
    assert!(scores.recall >= 0.95, "{scores}");
    assert!(scores.wrong_merge_rate <= 0.02, "{scores}");
}

#[test]
fn input_order_does_not_matter() {
    let all = corpus::mentions();
    let reference = fuse(&all);
    let mut reversed = all.clone();
    reversed.reverse();
    assert_eq!(fuse(&reversed), reference);
    for seed in [1, 7, 42, 2024, 99991] {
        assert_eq!(fuse(&shuffled(all.clone(), seed)), reference, "seed {seed}");
    }
}

#[test]
fn reingesting_changes_nothing() {
    let all = corpus::mentions();
    let mut twice = all.clone();
    twice.extend(all.iter().cloned());
    assert_eq!(fuse(&twice), fuse(&all));
}

#[test]
fn ids_come_from_the_smallest_member_key_only() {
    let all = corpus::mentions();
    let events = fuse(&all);
    let i1 = event_of(&events, "I1a:0");
    // Dropping a member other than the smallest keeps the id.
    let fewer: Vec<Mention> = all.iter().filter(|m| m.key != "I1c:0").cloned().collect();
    assert_eq!(event_of(&fuse(&fewer), "I1a:0").id, i1.id);
    assert_eq!(i1.event.id.as_deref(), Some(i1.id.as_str()));
    let ids: std::collections::BTreeSet<&str> = events.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids.len(), events.len(), "ids are unique");
}

/// A store that fuses as mentions arrive (the protocol `neighbourhood`
/// documents) ends with the events of fusing everything at once, whatever
/// the arrival order.
#[test]
fn incremental_fusion_equals_batch_fusion() {
    let all = corpus::mentions();
    let batch = fuse(&all);
    for seed in [3, 11, 12345] {
        let mut stored: Vec<Mention> = Vec::new();
        let mut events: BTreeMap<String, FusedEvent> = BTreeMap::new();
        for batch_of_new in shuffled(all.clone(), seed).chunks(3) {
            let lookup = |w: &Window| -> Result<Vec<Mention>, ()> {
                Ok(stored.iter().filter(|m| inside(w, m)).cloned().collect())
            };
            let gathered = neighbourhood(batch_of_new, lookup).unwrap();
            let keys: Vec<&str> = gathered.iter().map(|m| m.key.as_str()).collect();
            events.retain(|_, e| !e.members.iter().any(|k| keys.contains(&k.as_str())));
            for e in fuse(&gathered) {
                events.insert(e.id.clone(), e);
            }
            stored.extend(batch_of_new.iter().cloned());
        }
        let mut incremental: Vec<FusedEvent> = events.into_values().collect();
        incremental.sort_by(|a, b| a.members.cmp(&b.members));
        let mut expected = batch.clone();
        expected.sort_by(|a, b| a.members.cmp(&b.members));
        assert_eq!(incremental, expected, "seed {seed}");
    }
}

/// What a store's window query returns.
fn inside(w: &Window, m: &Mention) -> bool {
    let e = &m.event;
    let in_box = match (w.bbox, &e.location) {
        (Some((west, south, east, north)), Some(l)) => {
            (west..=east).contains(&l.lon) && (south..=north).contains(&l.lat)
        }
        (Some(_), None) => false,
        (None, _) => true,
    };
    let in_dates = match e.date {
        Some(d) => w.since.is_none_or(|s| d.end >= s) && w.until.is_none_or(|u| d.start <= u),
        None => w.since.is_none() && w.until.is_none(),
    };
    e.event_type == w.event_type && in_box && in_dates
}

#[test]
fn window_holds_every_compatible_mention() {
    let all = corpus::mentions();
    let mut pairs = 0;
    for a in &all {
        for b in &all {
            if compatible(a, b) {
                pairs += 1;
                assert!(
                    inside(&window(&a.event), b),
                    "{} outside the window of {}",
                    b.key,
                    a.key
                );
            }
        }
    }
    assert!(pairs > 50);
}

#[test]
fn toll_counts_each_outlet_once_with_its_latest_figure() {
    let events = fuse(&corpus::mentions());
    // Levant Wire 9 then 14 (latest), North Syria Monitor 11, Idlib Today 12,
    // Gulf Daily 12: three of four outlets say at least 12.
    let f = event_of(&events, "I1a:0").event.fatalities.clone().unwrap();
    assert_eq!((f.low, f.best, f.high), (Some(11), Some(12), Some(14)));
    assert!(!f.vague);
    // Civilians never exceed the dead.
    assert!(f.civilians.unwrap() <= f.best.unwrap());
    // "Dozens" counts only when no outlet gives a number: Monguno has 15
    // (latest of Sahel Dispatch) and 12, so best is 12 and not vague.
    let f = event_of(&events, "I2a:0").event.fatalities.clone().unwrap();
    assert_eq!((f.best, f.vague), (Some(12), false));
}

#[test]
fn vague_counts_stand_when_nothing_better_exists() {
    let a = m("a", "One", "2023-01-02")
        .at(BANKASS, 1)
        .on("2023-01-01")
        .dozens()
        .build();
    let b = m("b", "Two", "2023-01-02")
        .at(BANKASS, 1)
        .on("2023-01-01")
        .dozens()
        .build();
    let events = fuse(&[a, b]);
    assert_eq!(events.len(), 1);
    let f = events[0].event.fatalities.clone().unwrap();
    assert_eq!((f.best, f.vague), (Some(12), true));
}

#[test]
fn disputed_attribution_stays_disputed() {
    let events = fuse(&corpus::mentions());
    let makiivka = &event_of(&events, "I4a:0").event;
    assert_eq!(makiivka.actor1, None);
    assert_eq!(makiivka.modality, Modality::Disputed);
    // Agreement stays agreement.
    let marib = &event_of(&events, "I7a:0").event;
    assert_eq!(
        marib.actor1.as_ref().map(|a| a.name.as_str()),
        Some("Ansar Allah")
    );
    assert_eq!(marib.modality, Modality::Asserted);
}

#[test]
fn different_perpetrators_do_not_merge_unless_a_report_cites_the_other() {
    let jnim = m("a", "One", "2023-06-18")
        .sub(Attack)
        .at(BANKASS, 1)
        .on("2023-06-17")
        .by("JNIM")
        .build();
    let militia = m("b", "Two", "2023-06-18")
        .sub(Attack)
        .at(BANKASS, 1)
        .on("2023-06-17")
        .by("Dan Na Ambassagou");
    assert!(!compatible(&jnim, &militia.build()));
    let citing = m("c", "Three", "2023-06-18")
        .sub(Attack)
        .at(BANKASS, 1)
        .on("2023-06-17")
        .by("Dan Na Ambassagou")
        .claim("the army", None, Some("JNIM"))
        .build();
    assert!(compatible(&jnim, &citing));
    let events = fuse(&[jnim, citing]);
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].event.actor1, None);
    assert_eq!(events[0].event.modality, Modality::Disputed);
}

#[test]
fn battle_sides_in_either_order_are_one_fight() {
    let events = fuse(&corpus::mentions());
    let fight = event_of(&events, "I6a:0");
    assert_eq!(fight.members, ["I6a:0", "I6b:0", "I6c:0"]);
    assert!(!matches!(fight.event.modality, Modality::Disputed));
    // Two outlets put the army first, one the militants.
    assert_eq!(
        fight.event.actor1.as_ref().map(|a| a.name.as_str()),
        Some("Military Forces of Iraq")
    );
    assert_eq!(
        fight.event.actor2.as_ref().map(|a| a.name.as_str()),
        Some("Islamic State")
    );
    // "Retook" is the more specific account of the same fight... but only
    // one of three outlets gives it, so the majority's armed clash stands.
    assert_eq!(fight.event.sub_event_type, ArmedClash);
}

#[test]
fn aggregate_does_not_swallow_the_days_it_counts() {
    let events = fuse(&corpus::mentions());
    let aggregate = event_of(&events, "X7a:0");
    assert_eq!(aggregate.members, ["X7a:0", "X7b:0"]);
    let day = event_of(&events, "I7a:0");
    assert_eq!(day.members.len(), 5);
    // The fused aggregate keeps the shorter of the two ranges.
    let d = aggregate.event.date.unwrap();
    assert_eq!(
        (d.start.to_string(), d.end.to_string()),
        ("2024-01-01".into(), "2024-02-10".into())
    );
    assert_eq!(d.precision, DatePrecision::Range);
}

#[test]
fn precision_is_the_best_any_report_gives() {
    let events = fuse(&corpus::mentions());
    let marib = event_of(&events, "I7d:0").event.location.clone().unwrap();
    assert_eq!((marib.name.as_str(), marib.geo_precision), ("Marib", 1));
    let afgooye = event_of(&events, "I3a:0").event.location.clone().unwrap();
    assert_eq!(afgooye.geo_precision, 1);
    // Sarmin, not Idlib city: four outlets against one.
    let sarmin = event_of(&events, "I1d:0").event.location.clone().unwrap();
    assert_eq!(sarmin.name, "Sarmin");
}

#[test]
fn every_claim_is_kept_with_its_article() {
    let all = corpus::mentions();
    let events = fuse(&all);
    let claims: usize = events.iter().map(|e| e.event.claims.len()).sum();
    assert_eq!(
        claims,
        all.iter().map(|m| m.event.claims.len()).sum::<usize>()
    );
    let i1 = &event_of(&events, "I1a:0").event;
    assert!(i1.claims.iter().all(|c| c.article.is_some()));
    let sources: Vec<&str> = i1
        .claims
        .iter()
        .filter_map(|c| c.article.as_ref())
        .map(|a| a.source.as_str())
        .collect();
    assert_eq!(
        sources,
        ["I1a.txt", "I1b.txt", "I1c.txt", "I1d.txt", "I1e.txt"]
    );
    // The fused event's article is the first report.
    assert_eq!(i1.article.source, "I1a.txt");
}

#[test]
fn events_of_one_article_never_merge() {
    let a = m("art", "One", "2024-01-22")
        .sub(ShellingArtilleryMissileAttack)
        .at(MAKIIVKA, 1)
        .on("2024-01-21")
        .build();
    let b = m("art", "One", "2024-01-22")
        .sub(ShellingArtilleryMissileAttack)
        .at(MAKIIVKA, 1)
        .on("2024-01-21")
        .ordinal(1)
        .build();
    assert!(!compatible(&a, &b));
    assert_eq!(fuse(&[a, b]).len(), 2);
}

#[test]
fn a_report_a_day_off_joins_but_two_reported_days_stay_apart() {
    let strike = |id: &str, outlet: &str, date: &str| {
        m(id, outlet, "2024-03-12")
            .sub(AirDroneStrike)
            .at(SARMIN, 1)
            .on(date)
            .build()
    };
    // One outlet a day off (relative date read against a late timestamp).
    let joined = fuse(&[
        strike("a", "One", "2024-03-10"),
        strike("b", "Two", "2024-03-10"),
        strike("c", "Three", "2024-03-11"),
    ]);
    assert_eq!(joined.len(), 1);
    // Two outlets each for two days: two strikes.
    let apart = fuse(&[
        strike("a", "One", "2024-03-10"),
        strike("b", "Two", "2024-03-10"),
        strike("c", "One", "2024-03-11"),
        strike("d", "Two", "2024-03-11"),
    ]);
    assert_eq!(apart.len(), 2);
    // Two days apart is never one incident.
    assert!(!compatible(
        &strike("a", "One", "2024-03-10"),
        &strike("b", "Two", "2024-03-12")
    ));
}

#[test]
fn no_chaining_through_a_vague_report() {
    // "Last month" fits both strikes; it may join one, never bridge them.
    let strike = |id: &str, outlet: &str, date: &str| {
        m(id, outlet, "2024-04-02")
            .sub(AirDroneStrike)
            .at(MARIB, 1)
            .on(date)
            .build()
    };
    let vague = m("v", "Three", "2024-04-02")
        .sub(AirDroneStrike)
        .at(MARIB, 1)
        .between("2024-03-01", "2024-03-31", DatePrecision::Month)
        .build();
    let events = fuse(&[
        strike("a", "One", "2024-03-05"),
        strike("b", "Two", "2024-03-20"),
        vague,
    ]);
    assert_eq!(events.len(), 2);
}

#[test]
fn unplaced_or_undated_mentions_stand_alone() {
    let a = m("a", "One", "2024-01-22").on("2024-01-21").build();
    let b = m("b", "Two", "2024-01-22").on("2024-01-21").build();
    assert_eq!(fuse(&[a, b]).len(), 2);
}

#[test]
fn a_key_read_twice_with_different_content_resolves_the_same_either_way() {
    let old = m("a", "One", "2024-01-22")
        .sub(ShellingArtilleryMissileAttack)
        .at(MAKIIVKA, 1)
        .on("2024-01-21")
        .dead(5);
    let new = m("a", "One", "2024-01-22")
        .sub(ShellingArtilleryMissileAttack)
        .at(MAKIIVKA, 1)
        .on("2024-01-21")
        .dead(6);
    let (old, new) = (old.build(), new.build());
    let one = fuse(&[old.clone(), new.clone()]);
    assert_eq!(one, fuse(&[new, old]));
    assert_eq!(one.len(), 1);
}

#[test]
fn an_unidentified_group_names_nobody() {
    let unknown = |id: &str, outlet: &str| {
        let mut b = m(id, outlet, "2023-06-18")
            .sub(Attack)
            .at(BANKASS, 1)
            .on("2023-06-17")
            .build();
        b.event.actor1 = Some(dateline_model::Actor {
            name: "Unidentified Armed Group (Mali)".into(),
            kind: Some("unidentified_armed_group".into()),
        });
        b
    };
    let jnim = m("a", "One", "2023-06-18")
        .sub(Attack)
        .at(BANKASS, 1)
        .on("2023-06-17")
        .by("JNIM")
        .build();
    assert!(compatible(&jnim, &unknown("b", "Two")));
    let events = fuse(&[jnim, unknown("b", "Two")]);
    assert_eq!(events.len(), 1);
    assert_eq!(
        events[0].event.actor1.as_ref().map(|a| a.name.as_str()),
        Some("JNIM")
    );
    assert_eq!(events[0].event.modality, Modality::Asserted);
    // Alone, the unidentified group stays the perpetrator.
    let events = fuse(&[unknown("b", "Two"), unknown("c", "Three")]);
    assert_eq!(
        events[0].event.actor1.as_ref().map(|a| a.name.as_str()),
        Some("Unidentified Armed Group (Mali)")
    );
}

#[test]
fn corpus_files_agree_with_each_other() {
    let labels = corpus::labels();
    let reports = corpus::reports();
    let ids: std::collections::BTreeSet<&str> = reports.iter().map(|r| r.id.as_str()).collect();
    assert!(
        labels.keys().map(String::as_str).eq(ids.iter().copied()),
        "every report labelled once"
    );
    assert_eq!(reports.len(), labels.len());
    let titles: std::collections::BTreeSet<&str> =
        reports.iter().map(|r| r.title.as_str()).collect();
    assert_eq!(
        titles.len(),
        reports.len(),
        "titles identify reports end to end"
    );
    let mentions = corpus::mentions();
    assert_eq!(mentions.len(), reports.len());
    let mut per_incident: BTreeMap<&str, usize> = BTreeMap::new();
    for incident in labels.values() {
        *per_incident.entry(incident).or_default() += 1;
    }
    let incidents: Vec<usize> = per_incident
        .iter()
        .filter(|(k, _)| k.starts_with('I'))
        .map(|(_, &n)| n)
        .collect();
    assert!(
        incidents.len() >= 6 && incidents.iter().all(|n| (3..=6).contains(n)),
        "{per_incident:?}"
    );
}

#[test]
fn corpus_end_to_end_meets_the_targets() {
    // The reports read by the real pipeline, not hand-built mentions: what
    // a user who ingests them gets.
    let pipeline = dateline_pipeline::Pipeline::load().expect("shipped data loads");
    let (mentions, silent) = corpus::extracted(&pipeline);
    assert_eq!(silent, 0, "every report yields an event");
    let scores = metrics::score(&fuse(&mentions), &corpus::labels(), report_of);
    assert!(scores.recall >= 0.95, "{scores}");
    assert!(scores.wrong_merge_rate <= 0.02, "{scores}");
}
