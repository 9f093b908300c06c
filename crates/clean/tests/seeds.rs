//! Acceptance on the five real seed pages in ../shared (skipped with a note
//! when that folder is absent): exactly six articles with the right titles,
//! datelines and dates, and no furniture in any body.

use std::path::{Path, PathBuf};

use dateline_clean::clean;
use dateline_ingest::{read_paths, Manifest, ReadOptions};
use dateline_model::{Article, DateOrigin};

fn seeds_dir() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/seeds");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("note: {} not found; seed acceptance skipped", dir.display());
        None
    }
}

fn seed_articles(dir: &Path) -> Vec<Article> {
    let opts = ReadOptions {
        manifest: Some(Manifest::load(&dir.join("manifest.jsonl")).expect("seed manifest")),
        ..ReadOptions::default()
    };
    read_paths(&[dir.to_path_buf()], &opts)
        .map(|doc| doc.expect("seed pages read"))
        .flat_map(|doc| clean(&doc))
        .collect()
}

/// Source prefix, index, title, dateline, publication date.
type Row<'a> = (&'a str, u32, Option<&'a str>, Option<&'a str>, String);

#[test]
fn six_articles_with_titles_datelines_and_dates() {
    let Some(dir) = seeds_dir() else { return };
    let articles = seed_articles(&dir);
    for a in &articles {
        eprintln!(
            "{} #{} {:?} | {:?} | {:?} | {:?} {:?} | {:?}\n{}\ncaptions: {:?}\n----",
            a.source,
            a.index,
            a.title,
            a.dateline,
            a.byline,
            a.published,
            a.published_from,
            a.language,
            a.text,
            a.captions
        );
    }
    let got: Vec<Row> = articles
        .iter()
        .map(|a| {
            (
                &a.source[..3],
                a.index,
                a.title.as_deref(),
                a.dateline.as_deref(),
                a.published.map(|d| d.to_string()).unwrap_or_default(),
            )
        })
        .collect();
    let want = vec![
        ("000", 0, Some("Messy fight awaits Daesh’s next headquarters in Mayadin"), Some("WASHINGTON"), "2017-06-17".to_string()),
        ("001", 0, Some("After fall of Mayadeen, Syrian Arab Army expands campaign against Islamic State in Deir e-Zor"), Some("AMMAN"), "2017-10-16".to_string()),
        ("002", 0, Some("Fleeing offensives, where are the militants going?"), Some("BEIRUT"), "2017-10-03".to_string()),
        ("002", 1, Some("Iraqi PM tightens government grip on country’s armed factions"), Some("BAGHDAD"), "2019-09-17".to_string()),
        ("003", 0, Some("As The ‘Caliphate Crumbles,’ Daesh Is Seeding A New Insurgency"), None, "2019-03-07".to_string()),
        ("004", 0, Some("Losing in Iraq, militants seek to shore up Syria presence"), Some("BEIRUT"), "2017-01-20".to_string()),
    ];
    assert_eq!(got, want);

    let origins: Vec<Option<DateOrigin>> = articles.iter().map(|a| a.published_from).collect();
    assert_eq!(
        origins,
        [
            Some(DateOrigin::Text),
            Some(DateOrigin::Manifest),
            Some(DateOrigin::Text),
            Some(DateOrigin::Text),
            Some(DateOrigin::Manifest),
            Some(DateOrigin::Manifest),
        ]
    );
    assert_eq!(
        articles[4].byline.as_deref(),
        Some("Louisa Loveluck, The Washington Post")
    );
    assert!(articles.iter().all(|a| a.language.as_deref() == Some("en")));
}

#[test]
fn bodies_hold_no_furniture() {
    let Some(dir) = seeds_dir() else { return };
    let articles = seed_articles(&dir);
    let banned = [
        "Ajman Celebrates",
        "Kejriwal",
        "Disqus",
        "Your feedback is important",
        "ADVERTISEMENT",
        "No Script",
        "Please Wait",
        "Add to favorites",
        "Justin studied",
        "Follow Ammar",
        "Mohammad is from",
        "REUTERS/",
        "Photo courtesy",
        "via AP",
        "Just in:",
        "Click here",
        "Comments",
        "Middle East\n",
        "1484931919326450600",
        "print edition",
        "Telegram",
        "access_time",
        "Updated 0",
        "Updated 1",
    ];
    for a in &articles {
        for b in banned {
            assert!(
                !a.text.contains(b),
                "{} #{}: body contains {b:?}",
                a.source,
                a.index
            );
        }
        // The title is not repeated inside the body.
        let title = a.title.as_deref().unwrap_or("");
        assert!(
            !a.text.lines().any(|l| l.trim() == title),
            "{} #{} repeats its title",
            a.source,
            a.index
        );
        assert!(
            !a.text.contains("\n\n\n"),
            "paragraphs are separated by one blank line"
        );
    }
    // Captions are kept apart, not lost.
    let captions: Vec<&String> = articles.iter().flat_map(|a| &a.captions).collect();
    assert!(
        captions.iter().any(|c| c.ends_with("REUTERS/Rodi Said")),
        "{captions:?}"
    );
    assert!(
        captions.iter().any(|c| c.contains("Photo courtesy of AFP")),
        "{captions:?}"
    );
    assert!(
        captions
            .iter()
            .any(|c| c.contains("(Militant Photo via AP, File)")),
        "{captions:?}"
    );
    // Bodies end where the stories end.
    assert!(articles[0]
        .text
        .ends_with("It tallied 68 children and 57 women killed."));
    assert!(articles[1].text.ends_with("the SDF spokesman said."));
    assert!(articles[4].text.ends_with("very concerning.”"));
}

#[test]
fn offsets_point_back_into_the_input() {
    let Some(dir) = seeds_dir() else { return };
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "txt") {
            continue;
        }
        let raw = std::fs::read_to_string(&path).unwrap();
        let doc = dateline_model::RawDocument {
            source: path.file_name().unwrap().to_string_lossy().into_owned(),
            part: 0,
            format: dateline_model::InputFormat::Text,
            text: raw.clone(),
            meta: Default::default(),
        };
        for a in clean(&doc) {
            for &(c, o, len) in &a.offsets.runs {
                let (c, o, len) = (c as usize, o as usize, len as usize);
                assert_eq!(&a.text[c..c + len], &raw[o..o + len]);
            }
            // Only whitespace (separators, squeezed spaces) is unmapped.
            for (i, c) in a.text.char_indices() {
                if a.offsets.to_original(i).is_none() {
                    assert!(c.is_whitespace(), "{}: {c:?} at {i} unmapped", doc.source);
                }
            }
        }
    }
}
