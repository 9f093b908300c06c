//! Near-duplicates: the same story re-published on another site with other
//! furniture must match; different stories on the same topic must not.

use std::path::PathBuf;

use dateline_clean::{clean, fingerprint, Fingerprint, NEAR_DUPLICATE_THRESHOLD};
use dateline_model::{Article, InputFormat, RawDocument, SourceMeta};

fn doc(source: &str, text: String) -> RawDocument {
    RawDocument {
        source: source.to_string(),
        part: 0,
        format: InputFormat::Text,
        text,
        meta: SourceMeta::default(),
    }
}

fn seed(name_prefix: &str) -> Option<Vec<Article>> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/seeds");
    let path = std::fs::read_dir(&dir).ok()?.find_map(|e| {
        let p = e.ok()?.path();
        p.file_name()?
            .to_str()?
            .starts_with(name_prefix)
            .then_some(p)
    });
    let Some(path) = path else {
        eprintln!("note: seeds not found under {}; skipped", dir.display());
        return None;
    };
    let text = std::fs::read_to_string(&path).ok()?;
    Some(clean(&doc(name_prefix, text)))
}

/// Wraps a story body in an invented site's furniture, the way a wire
/// story is re-published: another headline style, a byline, a different
/// dateline form, share and newsletter boxes, and the last paragraph cut.
fn republish(article: &Article) -> String {
    let paragraphs: Vec<&str> = article.text.split("\n\n").collect();
    let kept = &paragraphs[..paragraphs.len() - 1];
    let mut page =
        String::from("Invented Gazette | Home | World | Region\n\nSubscribe\n\nWORLD NEWS\n\n");
    page.push_str(&article.title.clone().unwrap_or_default().to_uppercase());
    page.push_str("\n\nBy Wire Staff\n\n");
    page.push_str("CITY (Wire) — ");
    for p in kept {
        page.push_str(p);
        page.push_str("\n\nShare on Facebook\n\n");
    }
    page.push_str("Get the Invented Gazette newsletter: sign up for our daily briefing.\n\n");
    page.push_str("Copyright © Invented Gazette. All rights reserved.\n");
    page
}

#[test]
fn republished_seed_story_matches_and_others_do_not() {
    let (Some(s000), Some(s002), Some(s003), Some(s004)) =
        (seed("000"), seed("002"), seed("003"), seed("004"))
    else {
        return;
    };
    let original = &s000[0];
    let copy = &clean(&doc("copy.txt", republish(original)))[0];
    let (a, b) = (fingerprint(&original.text), fingerprint(&copy.text));
    eprintln!("republished copy: similarity {:.2}", a.similarity(&b));
    assert!(a.is_near_duplicate(&b), "similarity {}", a.similarity(&b));
    assert!(a.similarity(&b) > 0.8);

    // Different stories on the same topic (Daesh fighters in Syria).
    let pairs = [
        (&s002[0], &s004[0]),
        (&s000[0], &s003[0]),
        (&s002[0], &s003[0]),
        (&s000[0], &s002[1]),
    ];
    for (x, y) in pairs {
        let s = fingerprint(&x.text).similarity(&fingerprint(&y.text));
        eprintln!("{:?} vs {:?}: {s:.2}", x.title, y.title);
        assert!(s < 0.1, "{s}");
        assert!(s < NEAR_DUPLICATE_THRESHOLD);
    }
}

// Invented stories for the cases the seeds do not cover.
const STORY: &str = "Gunmen attacked a police station in the town of Maru on Sunday night, killing three officers and freeing several detainees, a regional spokesman said.\n\n\
The attackers arrived in pickup trucks shortly before midnight and exchanged fire with officers for about an hour, the spokesman said.\n\n\
Residents said they heard explosions and saw smoke rising from the building, which was partly destroyed in the attack.\n\n\
No group has claimed responsibility, but armed groups have carried out similar raids in the region in recent months.";

const SAME_TOPIC: &str = "Police in the region said on Monday they had arrested twelve suspects over a series of raids on police stations, including an attack in Maru that killed three officers.\n\n\
The suspects were detained in villages near the border after a week-long operation, a police statement said, adding that weapons and vehicles were seized.\n\n\
Officials said the raids were part of a wider campaign by armed groups to seize weapons and free their members from custody.";

#[test]
fn identical_and_edited_copies_match_a_follow_up_does_not() {
    let a = fingerprint(STORY);
    assert_eq!(a.similarity(&fingerprint(STORY)), 1.0);
    let edited = STORY
        .replace("Sunday night", "Sunday")
        .replace("a regional spokesman said", "the spokesman told reporters");
    assert!(
        a.is_near_duplicate(&fingerprint(&edited)),
        "{}",
        a.similarity(&fingerprint(&edited))
    );
    let follow_up = fingerprint(SAME_TOPIC);
    assert!(
        !a.is_near_duplicate(&follow_up),
        "{}",
        a.similarity(&follow_up)
    );
    assert!(!a.is_near_duplicate(&fingerprint("")));
}

#[test]
fn fingerprints_serialise() {
    let a = fingerprint(STORY);
    assert_eq!(Fingerprint::from_bytes(&a.to_bytes()), Some(a.clone()));
    assert_eq!(Fingerprint::from_bytes(&[1, 2, 3]), None);
    let json = serde_json::to_string(&a).unwrap();
    assert_eq!(serde_json::from_str::<Fingerprint>(&json).unwrap(), a);
    // Copies share LSH bands; the band keys are stable across runs.
    let edited = fingerprint(&STORY.replace("Sunday night", "Sunday"));
    assert!(a.bands().iter().zip(edited.bands()).any(|(x, y)| *x == y));
}
