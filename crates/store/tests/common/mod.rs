//! Fixtures for the storage suite: invented articles (written for these
//! tests; no real reporting) and the events an extractor would read from
//! them, plus helpers to open throwaway databases of either backend.

#![allow(dead_code)]

use dateline_model::{Article, ArticleRef, Event, Modality, SubEventType};
use dateline_store::{NewArticle, Store};
pub use dateline_testkit::day;
use dateline_testkit::{EventBuilder, Place};

pub fn article(source: &str, outlet: &str, published: &str, title: &str, text: &str) -> Article {
    let mut a = Article::from_text(source, text);
    a.title = Some(title.to_owned());
    a.outlet = Some(outlet.to_owned());
    a.published = Some(day(published));
    a.published_from = Some(dateline_model::DateOrigin::Manifest);
    a.language = Some("en".to_owned());
    a.url = Some(format!("https://example.invalid/{source}"));
    a
}

pub const TESTVILLE: Place = Place {
    name: "Testville",
    country: "SY",
    admin1: "Alpha",
    lat: 35.0,
    lon: 40.0,
};
pub const OTHERTOWN: Place = Place {
    name: "Othertown",
    country: "NG",
    admin1: "Beta",
    lat: 10.0,
    lon: 8.0,
};

fn reference(a: &Article) -> ArticleRef {
    ArticleRef {
        source: a.source.clone(),
        index: a.index,
        title: a.title.clone(),
        published: a.published,
    }
}

/// An event read from `a`, told in the sentence `sentence` of its text.
#[allow(clippy::too_many_arguments)]
pub fn event(
    a: &Article,
    sub: SubEventType,
    place: &Place,
    date: &str,
    dead: Option<u32>,
    actor1: Option<&str>,
    claimant: &str,
    sentence: &str,
) -> Event {
    let e = dateline_testkit::event(reference(a))
        .sub(sub)
        .at(*place, 1)
        .on(date)
        .claim(claimant, dead, actor1)
        .quoting(&a.text, sentence)
        .modality(Modality::Claimed);
    let e = match dead {
        Some(n) => e.dead(n),
        None => e,
    };
    match actor1 {
        Some(name) => e.by(name).kind("rebel_group"),
        None => e,
    }
}

const A_TEXT: &str = "INVENTED EXAMPLE. Gunmen from the Example Front attacked an army checkpoint in \
Testville on Monday, killing four soldiers, the provincial governor said. The checkpoint guards the \
main road between the river crossing and the grain market. Residents said the shooting lasted for \
about two hours before reinforcements arrived from the district garrison. The governor said the \
attackers withdrew towards the hills east of the town and that a curfew would be imposed.";

const B_TEXT: &str = "INVENTED EXAMPLE. Five soldiers died when fighters of the Example Front stormed a \
checkpoint on the edge of Testville, a monitoring group reported on Tuesday. The group said the \
fighting began before dawn and that two of the wounded later died in hospital. Local traders closed \
their shops for the rest of the day.";

const C_TEXT: &str =
    "INVENTED EXAMPLE. Several hundred teachers marched through Othertown on Friday to \
demand unpaid salaries, and police watched without intervening. The march ended peacefully outside \
the education ministry's regional office, organisers said.";

/// A wire copy of article A with other furniture: a different first line
/// and a trailing note, the story itself unchanged.
fn d_text() -> String {
    format!("{A_TEXT}\n\nThis story was provided by a news agency and has not been edited by our staff.")
}

/// Five inputs: A and B tell one incident (different outlets, tolls 4
/// and 5); C is another; D is a near-duplicate of A; E repeats C's body
/// exactly from another outlet.
pub fn corpus() -> Vec<NewArticle> {
    let a = article(
        "a.txt",
        "Wire One",
        "2020-03-03",
        "Checkpoint attacked in Testville",
        A_TEXT,
    );
    let b = article(
        "b.txt",
        "Paper Two",
        "2020-03-03",
        "Five soldiers killed near Testville",
        B_TEXT,
    );
    let c = article(
        "c.txt",
        "Paper Two",
        "2020-04-11",
        "Teachers march in Othertown",
        C_TEXT,
    );
    let d_body = d_text();
    let d = article(
        "d.txt",
        "Mirror Three",
        "2020-03-04",
        "Testville checkpoint attack",
        &d_body,
    );
    let e = article(
        "e.txt",
        "Gazette Four",
        "2020-04-12",
        "Teachers march",
        C_TEXT,
    );
    let ev_a = event(
        &a,
        SubEventType::ArmedClash,
        &TESTVILLE,
        "2020-03-02",
        Some(4),
        Some("Example Front"),
        "provincial governor",
        "Gunmen from the Example Front attacked an army checkpoint in Testville on Monday, killing four soldiers, the provincial governor said.",
    );
    let ev_b = event(
        &b,
        SubEventType::ArmedClash,
        &TESTVILLE,
        "2020-03-02",
        Some(5),
        Some("Example Front"),
        "monitoring group",
        "Five soldiers died when fighters of the Example Front stormed a checkpoint on the edge of Testville, a monitoring group reported on Tuesday.",
    );
    let ev_c = event(
        &c,
        SubEventType::PeacefulProtest,
        &OTHERTOWN,
        "2020-04-10",
        None,
        None,
        "organisers",
        "Several hundred teachers marched through Othertown on Friday to demand unpaid salaries, and police watched without intervening.",
    );
    // D's copy of A's story tells A's event at the same place in the text.
    let ev_d = Event {
        article: reference(&d),
        ..ev_a.clone()
    };
    let ev_e = ev_c.clone();
    [(a, ev_a), (b, ev_b), (c, ev_c), (d, ev_d), (e, ev_e)]
        .into_iter()
        .map(|(article, event)| NewArticle {
            article,
            events: vec![event],
        })
        .collect()
}

/// A fresh SQLite database in a temporary directory (kept alive by the
/// returned guard).
pub fn sqlite() -> (Box<dyn Store + Send>, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("test.db");
    let store = dateline_store::open(path.to_str().expect("utf-8 path")).expect("open sqlite");
    (store, dir)
}

/// A fresh, empty PostgreSQL database on the server DATELINE_TEST_PG names
/// (`.ci/pg.sh` starts one), or `None` with a skip note when it is unset.
pub fn postgres(test: &str) -> Option<Box<dyn Store + Send>> {
    let Ok(base) = std::env::var("DATELINE_TEST_PG") else {
        eprintln!(
            "SKIPPED {test} on PostgreSQL: DATELINE_TEST_PG is unset (run .ci/pg.sh or ./test.sh)"
        );
        return None;
    };
    let name = format!(
        "dl_{}_{}",
        test.replace(|c: char| !c.is_ascii_alphanumeric(), "_"),
        std::process::id()
    );
    let url = dateline_testkit::pg::create_database(&base, &name);
    Some(dateline_store::open(&url).expect("open postgres store"))
}
