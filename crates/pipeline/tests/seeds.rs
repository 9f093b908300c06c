//! The whole chain on the seed pages of `../shared/corpus/seeds` (beside
//! the checkout): the incidents they report, and almost nothing from the
//! analysis pieces. Skipped, with a note, when the seeds are absent.

use std::path::{Path, PathBuf};

use dateline_ingest::{read_paths, Manifest, ReadOptions};
use dateline_model::{Event, Modality, SubEventType};
use dateline_pipeline::Pipeline;

fn seeds() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/seeds");
    dir.is_dir().then_some(dir)
}

/// Every event of every seed, by source file name.
fn events() -> Option<Vec<Event>> {
    let dir = seeds()?;
    let manifest = Manifest::load(&dir.join("manifest.jsonl")).expect("seed manifest");
    let opts = ReadOptions {
        manifest: Some(manifest),
        ..ReadOptions::default()
    };
    let pipeline = Pipeline::load().expect("reference data");
    let mut out = Vec::new();
    for doc in read_paths(&[dir], &opts) {
        let doc = doc.expect("seed readable");
        for p in pipeline.process(&doc, false) {
            out.extend(p.events);
        }
    }
    Some(out)
}

fn of<'a>(events: &'a [Event], prefix: &str) -> Vec<&'a Event> {
    events
        .iter()
        .filter(|e| e.article.source.starts_with(prefix))
        .collect()
}

#[test]
fn seeds_yield_their_incidents_and_little_else() {
    let Some(events) = events() else {
        eprintln!("seed corpus not found beside the checkout; skipped");
        return;
    };
    // Analysis and background pieces.
    assert!(of(&events, "002").len() <= 2, "{:#?}", of(&events, "002"));
    assert!(of(&events, "003").len() <= 2, "{:#?}", of(&events, "003"));

    // "On Saturday, Syrian government troops liberated Mayadeen" (published Monday 2017-10-16).
    let regained = of(&events, "001").into_iter().find(|e| {
        e.sub_event_type == SubEventType::GovernmentRegainsTerritory
            && e.location
                .as_ref()
                .is_some_and(|l| (l.lat - 35.02).abs() < 0.1)
    });
    let e = regained.expect("the recapture of Mayadin");
    assert_eq!(
        e.actor1.as_ref().map(|a| a.name.as_str()),
        Some("Military Forces of Syria")
    );
    assert_eq!(
        e.date.map(|d| d.start.to_string()),
        Some("2017-10-14".to_string())
    );

    // Strikes on Mayadin since May 22 killed 202; the perpetrator is disputed.
    let strikes = of(&events, "000")
        .into_iter()
        .find(|e| e.sub_event_type == SubEventType::AirDroneStrike);
    let e = strikes.expect("the strikes on Mayadin");
    assert_eq!(e.fatalities.as_ref().and_then(|f| f.best), Some(202));
    assert_eq!(e.modality, Modality::Disputed);
    assert!(e.actor1.is_none());
}
