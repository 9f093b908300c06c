//! The shared storage suite: every test runs against SQLite and against a
//! real PostgreSQL/PostGIS (DATELINE_TEST_PG, started by `.ci/pg.sh`; the
//! PostgreSQL half prints a skip note when it is unset).

mod common;

use common::{corpus, day};
use dateline_model::{EventType, SubEventType};
use dateline_store::{ArticleQuery, EventQuery, Group, Period, Store};

/// Declares each suite function as a test on both backends.
macro_rules! suite {
    ($($(#[$attr:meta])* $name:ident),* $(,)?) => {
        mod sqlite_backend {
            $(#[test] $(#[$attr])* fn $name() { let (mut s, _dir) = super::common::sqlite(); super::$name(s.as_mut()); })*
        }
        mod postgres_backend {
            $(#[test] $(#[$attr])* fn $name() {
                if let Some(mut s) = super::common::postgres(stringify!($name)) { super::$name(s.as_mut()); }
            })*
        }
    };
}

suite!(
    empty_store_is_empty,
    batch_dedups_links_and_fuses,
    rewriting_a_batch_changes_nothing,
    order_and_batching_do_not_change_events,
    arrival_order_does_not_choose_the_stored_copy,
    event_filters,
    event_paging_is_stable,
    articles_listing_and_paging,
    full_text_search,
    one_event_with_claims_and_sources,
    stats_count_by_period_and_group,
    backends_agree,
);

fn all_events(s: &mut dyn Store) -> Vec<dateline_store::StoredEvent> {
    s.events(&EventQuery::default()).expect("events")
}

fn ids(events: &[dateline_store::StoredEvent]) -> Vec<&str> {
    events.iter().map(|e| e.id.as_str()).collect()
}

fn empty_store_is_empty(s: &mut dyn Store) {
    assert_eq!(s.counts().unwrap(), Default::default());
    assert!(all_events(s).is_empty());
    assert!(s.article("0000000000000000").unwrap().is_none());
    assert!(s.event("ev0000000000000000").unwrap().is_none());
}

fn batch_dedups_links_and_fuses(s: &mut dyn Store) {
    let r = s.write_batch(&corpus()).unwrap();
    assert_eq!(
        (r.articles, r.duplicates, r.near_duplicates),
        (3, 1, 1),
        "{r:?}"
    );
    assert_eq!((r.links, r.mentions), (5, 3), "{r:?}");
    let c = s.counts().unwrap();
    assert_eq!(
        (c.articles, c.article_sources, c.mentions, c.claims),
        (3, 5, 3, 3),
        "{c:?}"
    );
    // A and B tell one incident: one event with both claims.
    assert_eq!(c.events, 2, "{c:?}");
    let events = all_events(s);
    let clash = events
        .iter()
        .find(|e| e.event.event_type == EventType::Battles)
        .expect("the clash");
    assert_eq!(clash.event.claims.len(), 2);
    let sources: Vec<&str> = clash.sources.iter().map(|x| x.source.as_str()).collect();
    // D is A's near-duplicate: stored once, linked as a source.
    assert_eq!(sources, ["a.txt", "b.txt", "d.txt"]);
    let a = s.articles(&ArticleQuery::default()).unwrap();
    let a_row = a
        .iter()
        .find(|x| x.article.source == "a.txt")
        .expect("article a");
    let linked: Vec<&str> = a_row.sources.iter().map(|x| x.source.as_str()).collect();
    assert_eq!(linked, ["a.txt", "d.txt"]);
    let c_row = a
        .iter()
        .find(|x| x.article.source == "c.txt")
        .expect("article c");
    assert_eq!(c_row.sources.len(), 2, "E repeats C's body exactly");
}

fn rewriting_a_batch_changes_nothing(s: &mut dyn Store) {
    s.write_batch(&corpus()).unwrap();
    let (counts, events) = (s.counts().unwrap(), all_events(s));
    let r = s.write_batch(&corpus()).unwrap();
    assert_eq!(
        (r.articles, r.links, r.mentions, r.events),
        (0, 0, 0, 0),
        "{r:?}"
    );
    assert_eq!(r.duplicates + r.near_duplicates, 5, "{r:?}");
    assert_eq!(s.counts().unwrap(), counts);
    assert_eq!(all_events(s), events);
}

fn order_and_batching_do_not_change_events(s: &mut dyn Store) {
    // Without near-duplicates (whose first copy becomes the stored one),
    // the events and their ids do not depend on order or batch size.
    let mut items: Vec<_> = corpus()
        .into_iter()
        .filter(|i| i.article.source != "d.txt")
        .collect();
    let (mut other, _dir) = common::sqlite();
    other.write_batch(&items).unwrap();
    items.reverse();
    for item in &items {
        s.write_batch(std::slice::from_ref(item)).unwrap();
    }
    assert_eq!(all_events(s), all_events(other.as_mut()));
}

fn arrival_order_does_not_choose_the_stored_copy(s: &mut dyn Store) {
    // D (A's near-duplicate) and E (C's exact duplicate) first, one by
    // one: A and C still end up stored, with D and E as extra sources,
    // and readers see exactly what one batch in order gives.
    let mut items = corpus();
    items.reverse();
    for item in &items {
        s.write_batch(std::slice::from_ref(item)).unwrap();
    }
    let (mut other, _dir) = common::sqlite();
    other.write_batch(&corpus()).unwrap();
    assert_eq!(snapshot(s), snapshot(other.as_mut()));
    let sources: Vec<String> = s
        .articles(&ArticleQuery::default())
        .unwrap()
        .into_iter()
        .map(|a| a.article.source)
        .collect();
    assert_eq!(sources, ["a.txt", "b.txt", "c.txt"]);
}

fn event_filters(s: &mut dyn Store) {
    s.write_batch(&corpus()).unwrap();
    let all = all_events(s);
    let clash = all
        .iter()
        .find(|e| e.event.event_type == EventType::Battles)
        .unwrap()
        .id
        .clone();
    let march = all
        .iter()
        .find(|e| e.event.event_type == EventType::Protests)
        .unwrap()
        .id
        .clone();
    let mut only = |q: EventQuery| -> Vec<String> {
        s.events(&q).unwrap().into_iter().map(|e| e.id).collect()
    };
    let c = || EventQuery::default();
    assert_eq!(
        only(EventQuery {
            country: Some("sy".into()),
            ..c()
        }),
        [clash.as_str()]
    );
    assert_eq!(
        only(EventQuery {
            admin1: Some("BETA".into()),
            ..c()
        }),
        [march.as_str()]
    );
    assert_eq!(
        only(EventQuery {
            bbox: Some((39.0, 34.0, 41.0, 36.0)),
            ..c()
        }),
        [clash.as_str()]
    );
    assert_eq!(
        only(EventQuery {
            bbox: Some((40.0, 35.0, 40.0, 35.0)),
            ..c()
        }),
        [clash.as_str()],
        "edges count"
    );
    assert!(only(EventQuery {
        bbox: Some((0.0, 0.0, 1.0, 1.0)),
        ..c()
    })
    .is_empty());
    assert_eq!(
        only(EventQuery {
            since: Some(day("2020-04-10")),
            ..c()
        }),
        [march.as_str()]
    );
    assert_eq!(
        only(EventQuery {
            until: Some(day("2020-03-02")),
            ..c()
        }),
        [clash.as_str()]
    );
    assert_eq!(
        only(EventQuery {
            event_type: Some(EventType::Protests),
            ..c()
        }),
        [march.as_str()]
    );
    assert_eq!(
        only(EventQuery {
            sub_type: Some(SubEventType::ArmedClash),
            ..c()
        }),
        [clash.as_str()]
    );
    assert_eq!(
        only(EventQuery {
            actor: Some("example fr".into()),
            ..c()
        }),
        [clash.as_str()]
    );
    assert!(
        only(EventQuery {
            actor: Some("100%_".into()),
            ..c()
        })
        .is_empty(),
        "LIKE characters are literal"
    );
    assert_eq!(
        only(EventQuery {
            min_fatalities: Some(4),
            ..c()
        }),
        [clash.as_str()]
    );
    assert_eq!(
        only(EventQuery {
            source: Some("mirror three".into()),
            ..c()
        }),
        [clash.as_str()],
        "near-dup outlet"
    );
    assert_eq!(
        only(EventQuery {
            source: Some("Gazette Four".into()),
            ..c()
        }),
        [march.as_str()],
        "exact-dup outlet"
    );
    assert_eq!(
        only(EventQuery {
            q: Some("teachers' salaries".into()),
            ..c()
        }),
        [march.as_str()]
    );
    assert_eq!(
        only(EventQuery {
            q: Some("checkpoint".into()),
            country: Some("NG".into()),
            ..c()
        }),
        Vec::<String>::new()
    );
    assert!(
        s.events(&EventQuery {
            q: Some("?!".into()),
            ..c()
        })
        .is_err(),
        "a query without words is an error"
    );
}

fn event_paging_is_stable(s: &mut dyn Store) {
    s.write_batch(&corpus()).unwrap();
    let all = all_events(s);
    let mut paged = Vec::new();
    let mut after = None;
    loop {
        let page = s
            .events(&EventQuery {
                limit: Some(1),
                after: after.clone(),
                ..EventQuery::default()
            })
            .unwrap();
        let Some(last) = page.last() else { break };
        after = Some(last.cursor());
        paged.extend(page);
    }
    assert_eq!(ids(&paged), ids(&all));
    // Ordered by date: the March clash before the April march.
    assert_eq!(all[0].event.event_type, EventType::Battles);
}

fn articles_listing_and_paging(s: &mut dyn Store) {
    s.write_batch(&corpus()).unwrap();
    let all = s.articles(&ArticleQuery::default()).unwrap();
    let sources: Vec<&str> = all.iter().map(|a| a.article.source.as_str()).collect();
    assert_eq!(sources, ["a.txt", "b.txt", "c.txt"]);
    let first = s
        .articles(&ArticleQuery {
            limit: Some(2),
            ..ArticleQuery::default()
        })
        .unwrap();
    let rest = s
        .articles(&ArticleQuery {
            after: Some(first[1].cursor()),
            ..ArticleQuery::default()
        })
        .unwrap();
    assert_eq!(first.len() + rest.len(), 3);
    assert_eq!(rest[0].id, all[2].id);
    let by_outlet = s
        .articles(&ArticleQuery {
            outlet: Some("mirror three".into()),
            ..ArticleQuery::default()
        })
        .unwrap();
    assert_eq!(by_outlet.len(), 1, "outlet of any source");
    let april = s
        .articles(&ArticleQuery {
            since: Some(day("2020-04-01")),
            ..ArticleQuery::default()
        })
        .unwrap();
    assert_eq!(april.len(), 1);
    let one = s.article(&all[0].id).unwrap().expect("by id");
    assert_eq!(one, all[0]);
    assert_eq!(one.id, dateline_store::article_id(&one.article.text));
    assert_eq!(one.article.offsets, all[0].article.offsets);
}

fn full_text_search(s: &mut dyn Store) {
    s.write_batch(&corpus()).unwrap();
    let hits = |s: &mut dyn Store, q: &str| -> Vec<String> {
        let mut v: Vec<String> = s
            .search(q, 10)
            .unwrap()
            .into_iter()
            .map(|h| h.source)
            .collect();
        v.sort();
        v
    };
    assert_eq!(hits(s, "checkpoint"), ["a.txt", "b.txt"]);
    assert_eq!(hits(s, "Teachers, salaries!"), ["c.txt"]);
    assert_eq!(hits(s, "soldiers died"), ["b.txt"]);
    assert_eq!(
        hits(s, "killings"),
        ["a.txt", "b.txt"],
        "stemming: killing in a, killed in b's title"
    );
    assert!(
        hits(s, "checkpoint teachers").is_empty(),
        "all words must match"
    );
    assert_eq!(s.search("checkpoint", 1).unwrap().len(), 1);
    assert!(s.search("--", 10).is_err());
}

fn one_event_with_claims_and_sources(s: &mut dyn Store) {
    s.write_batch(&corpus()).unwrap();
    let clash = all_events(s)
        .into_iter()
        .find(|e| e.event.event_type == EventType::Battles)
        .unwrap();
    let again = s.event(&clash.id).unwrap().expect("by id");
    assert_eq!(again, clash);
    let claimants: Vec<&str> = clash
        .event
        .claims
        .iter()
        .map(|c| c.claimant.as_str())
        .collect();
    assert!(
        claimants.contains(&"provincial governor") && claimants.contains(&"monitoring group"),
        "{claimants:?}"
    );
    for c in &clash.event.claims {
        let r = c.article.as_ref().expect("fused claims name their article");
        let src = clash
            .sources
            .iter()
            .find(|x| x.source == r.source && x.index == r.index)
            .expect("claim source listed");
        let art = s
            .article(&src.article)
            .unwrap()
            .expect("claim article stored");
        let cut: String = art
            .article
            .text
            .chars()
            .skip(c.start)
            .take(c.end - c.start)
            .collect();
        assert_eq!(
            Some(cut.as_str()),
            c.text.as_deref(),
            "offsets point at the sentence"
        );
    }
    let best = clash.event.fatalities.as_ref().and_then(|f| f.best);
    assert!(matches!(best, Some(4 | 5)), "{best:?}");
}

fn stats_count_by_period_and_group(s: &mut dyn Store) {
    s.write_batch(&corpus()).unwrap();
    let rows = s.stats(Period::Month, Group::Type).unwrap();
    let cells: Vec<(&str, &str, u64)> = rows
        .iter()
        .map(|r| (r.period.as_str(), r.group.as_str(), r.events))
        .collect();
    assert_eq!(
        cells,
        [("2020-03", "battles", 1), ("2020-04", "protests", 1)]
    );
    let weeks = s.stats(Period::Week, Group::Admin1).unwrap();
    assert_eq!(weeks[0].period, "2020-W10");
    assert_eq!(weeks[0].group, "Alpha");
    let actors = s.stats(Period::Month, Group::Actor).unwrap();
    assert!(actors.iter().any(|r| r.group == "Example Front"));
    let syria = s
        .stats_of(
            &EventQuery {
                country: Some("SY".into()),
                ..EventQuery::default()
            },
            Period::Month,
            Group::Type,
        )
        .unwrap();
    let cells: Vec<(&str, &str, u64)> = syria
        .iter()
        .map(|r| (r.period.as_str(), r.group.as_str(), r.events))
        .collect();
    assert_eq!(cells, [("2020-03", "battles", 1)], "filters apply");
}

/// Everything a reader sees, as JSON, for comparing backends.
fn snapshot(s: &mut dyn Store) -> serde_json::Value {
    serde_json::json!({
        "events": all_events(s),
        "articles": s.articles(&ArticleQuery::default()).unwrap(),
        "stats": s.stats(Period::Week, Group::Actor).unwrap(),
        "counts": s.counts().unwrap(),
    })
}

fn backends_agree(s: &mut dyn Store) {
    s.write_batch(&corpus()).unwrap();
    let (mut reference, _dir) = common::sqlite();
    reference.write_batch(&corpus()).unwrap();
    assert_eq!(snapshot(s), snapshot(reference.as_mut()));
}
