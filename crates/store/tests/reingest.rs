//! Re-running an ingest stores nothing new when the copy an input was
//! folded into has since been replaced: X is a near-duplicate of the
//! stored Y, Z (published earlier) takes Y's place, and X is no
//! near-duplicate of Z. Runs on SQLite and on PostgreSQL (DATELINE_TEST_PG,
//! started by `.ci/pg.sh`; skipped with a note when unset).

mod common;

use common::{article, event, TESTVILLE};
use dateline_model::SubEventType;
use dateline_store::{ArticleQuery, EventQuery, NewArticle, Store};

/// The report's first paragraphs, in every version (invented).
const CORE: &str = "INVENTED EXAMPLE. A car bomb exploded beside the covered fish market in \
Testville on Thursday morning, killing seven people and wounding at least twenty, the district \
health office said. The blast tore the roofs from a row of stalls near the eastern gate shortly \
after the first boats had unloaded their catch. Ambulances from the district hospital and from two \
private clinics carried the wounded along the coast road while police sealed off the square. A \
spokesman for the provincial police said the vehicle had been parked overnight outside a \
warehouse that sells ice to the fishermen. No group had said it carried out the attack by \
Thursday evening.";

/// Added by the wire version Y (and kept in the update X).
const WIRE: &str = "Witnesses said the explosion shattered windows in the bank and the \
pharmacy across the street and that a column of black smoke could be seen from the harbour \
wall. The governor cut short a visit to the capital and called an emergency meeting of the \
security committee for Friday.";

/// The background the later update X adds.
const UPDATE: &str = "By Friday afternoon the health office had raised the toll to nine after \
two of the wounded died overnight in the district hospital, where surgeons worked through the \
night and relatives queued outside to give blood. Traders said the market would stay closed \
until the stalls were rebuilt and that many families who depend on the morning sales had no \
other income. The fishermen's cooperative asked the council to pay for new roofs and for the \
ice that spoiled while the square was closed. Engineers from the public works department \
inspected the warehouse wall, which was cracked from the ground to the roof, and said it would \
have to be pulled down. Schools in the eastern quarter were closed for the rest of the week and \
extra checkpoints were set up on the coast road.";

/// The first short report Z ends with.
const FLASH: &str = "More details were expected later in the day.";

/// The clash's sentence, in every version.
const SENTENCE: &str = "A car bomb exploded beside the covered fish market in Testville on \
Thursday morning, killing seven people and wounding at least twenty, the district health office said.";

/// Z (first published, short), Y (the wire copy, a day later) and X (the
/// update, two days later), each with the event read from it.
fn chain() -> [NewArticle; 3] {
    let item = |source: &str, outlet: &str, published: &str, title: &str, text: String| {
        let a = article(source, outlet, published, title, &text);
        let e = event(
            &a,
            SubEventType::RemoteExplosiveLandmineIed,
            &TESTVILLE,
            "2021-05-06",
            Some(7),
            None,
            "district health office",
            SENTENCE,
        );
        NewArticle {
            article: a,
            events: vec![e],
        }
    };
    [
        item(
            "z.txt",
            "Coast Radio",
            "2021-05-06",
            "Car bomb at Testville fish market",
            format!("{CORE}\n\n{FLASH}"),
        ),
        item(
            "y.txt",
            "Wire One",
            "2021-05-07",
            "Seven killed by car bomb in Testville",
            format!("{CORE}\n\n{WIRE}"),
        ),
        item(
            "x.txt",
            "Paper Two",
            "2021-05-08",
            "Testville market bomb toll rises to nine",
            format!("{CORE}\n\n{WIRE}\n\n{UPDATE}"),
        ),
    ]
}

/// Every row the readers see.
fn snapshot(
    s: &mut dyn Store,
) -> (
    dateline_store::Counts,
    Vec<dateline_store::StoredArticle>,
    Vec<dateline_store::StoredEvent>,
) {
    (
        s.counts().expect("counts"),
        s.articles(&ArticleQuery::default()).expect("articles"),
        s.events(&EventQuery::default()).expect("events"),
    )
}

/// The chain is what the test says it is: X near Y, Z near Y, X not near Z.
#[test]
fn the_fixture_is_a_chain() {
    let [z, y, x] = chain().map(|i| dateline_clean::fingerprint(&i.article.text));
    assert!(x.is_near_duplicate(&y), "X~Y {}", x.similarity(&y));
    assert!(z.is_near_duplicate(&y), "Z~Y {}", z.similarity(&y));
    assert!(!x.is_near_duplicate(&z), "X~Z {}", x.similarity(&z));
}

/// Y then X then Z, written `per_batch` at a time, then all again in
/// batches of `again`: the second ingest adds and changes nothing.
fn rerun_after_replacement(s: &mut dyn Store, per_batch: usize, again: usize) {
    let [z, y, x] = chain();
    let inputs = [y, x, z];
    for batch in inputs.chunks(per_batch) {
        s.write_batch(batch).expect("first ingest");
    }
    let before = snapshot(s);
    let stored: Vec<&str> = before.1.iter().map(|a| a.article.source.as_str()).collect();
    assert_eq!(stored, ["z.txt"], "Z took Y's place, X went with it");
    let linked: Vec<&str> = before.1[0]
        .sources
        .iter()
        .map(|x| x.source.as_str())
        .collect();
    assert_eq!(linked, ["x.txt", "y.txt", "z.txt"]);

    for batch in inputs.chunks(again) {
        let r = s.write_batch(batch).expect("second ingest");
        assert_eq!(
            (r.articles, r.links, r.mentions, r.events),
            (0, 0, 0, 0),
            "{r:?}"
        );
        assert_eq!(r.duplicates + r.near_duplicates, batch.len(), "{r:?}");
    }
    assert_eq!(snapshot(s), before);
}

/// Declares each case as a test on both backends.
macro_rules! on_both {
    ($($name:ident: $per_batch:expr, $again:expr;)*) => {
        mod sqlite_backend {
            $(#[test] fn $name() {
                let (mut s, _dir) = super::common::sqlite();
                super::rerun_after_replacement(s.as_mut(), $per_batch, $again);
            })*
        }
        mod postgres_backend {
            $(#[test] fn $name() {
                if let Some(mut s) = super::common::postgres(stringify!($name)) {
                    super::rerun_after_replacement(s.as_mut(), $per_batch, $again);
                }
            })*
        }
    };
}

on_both! {
    one_batch_then_one_batch: 3, 3;
    one_by_one_then_one_batch: 1, 3;
    one_by_one_then_one_by_one: 1, 1;
    one_batch_then_one_by_one: 3, 1;
}
