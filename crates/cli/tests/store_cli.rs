//! `dateline ingest` and the store commands end to end: idempotent
//! re-ingest of the seed pages, bad inputs reported while the rest is
//! stored, exports, and a SIGKILL in the middle of an ingest.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_dateline");

fn seeds() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/seeds")
}

fn dateline(db: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .env("DATELINE_DB", db)
        .output()
        .expect("run dateline")
}

fn ok(db: &Path, args: &[&str]) -> String {
    let o = dateline(db, args);
    assert!(
        o.status.success(),
        "dateline {args:?} failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout).expect("utf-8 output")
}

fn ingest_seeds(db: &Path) -> Output {
    let dir = seeds();
    let manifest = dir.join("manifest.jsonl");
    Command::new(BIN)
        .args(["ingest", "--quiet", "--db"])
        .arg(db)
        .arg("--manifest")
        .arg(&manifest)
        .arg(&dir)
        .output()
        .expect("run dateline ingest")
}

#[test]
fn seeds_ingest_once_and_again_changes_nothing() {
    if !seeds().is_dir() {
        eprintln!("SKIPPED: ../shared/corpus/seeds is not beside the repository");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("seeds.db");
    let first = ingest_seeds(&db);
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    let articles = ok(&db, &["articles", "--format", "jsonl"]);
    let events = ok(&db, &["events", "--format", "jsonl"]);
    let rows: Vec<serde_json::Value> = articles
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(rows.len(), 6, "five pages, seed 002 holds two articles");
    for r in &rows {
        for field in [
            "id",
            "source",
            "index",
            "title",
            "dateline",
            "byline",
            "published",
            "published_from",
            "outlet",
            "url",
            "language",
            "text",
        ] {
            assert!(r.get(field).is_some(), "article JSON lacks {field}");
        }
    }
    let second = ingest_seeds(&db);
    assert!(second.status.success());
    assert_eq!(
        ok(&db, &["articles", "--format", "jsonl"]),
        articles,
        "second ingest added or changed articles"
    );
    assert_eq!(
        ok(&db, &["events", "--format", "jsonl"]),
        events,
        "second ingest changed events"
    );
    // The summary says so too.
    let loud = Command::new(BIN)
        .args(["ingest", "--db"])
        .arg(&db)
        .arg("--manifest")
        .arg(seeds().join("manifest.jsonl"))
        .arg(seeds())
        .output()
        .unwrap();
    let summary = String::from_utf8_lossy(&loud.stderr);
    assert!(
        summary.contains(" 0 articles stored, 6 duplicates"),
        "{summary}"
    );
    // show, search and the event views work on what was stored.
    let id = rows[0]["id"].as_str().unwrap();
    assert!(ok(&db, &["show", id]).contains(rows[0]["title"].as_str().unwrap()));
    assert!(!ok(&db, &["search", "Mayadin"])
        .lines()
        .skip(1)
        .collect::<Vec<_>>()
        .is_empty());
    ok(&db, &["stats"]);
    if let Some(first_event) = events.lines().next() {
        let v: serde_json::Value = serde_json::from_str(first_event).unwrap();
        let shown = ok(&db, &["event", v["id"].as_str().unwrap()]);
        assert!(shown.contains("claim 1:"), "{shown}");
    }
}

/// Each event's `fields`, one line an event, sorted.
fn event_identities(events_jsonl: &str, fields: &[&str]) -> Vec<String> {
    let mut out: Vec<String> = events_jsonl
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("event JSON");
            fields
                .iter()
                .map(|k| format!("{k}={}", v[k]))
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    out.sort();
    out
}

/// What makes two events the same incident whatever their sources (sources
/// and claims grow as copies arrive).
const INCIDENT: [&str; 7] = [
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "location",
    "date",
    "fatalities",
];

/// Each stored seed article re-published as another site's HTML page: its
/// own navigation, share buttons and footer around the same story, as a
/// wire copy arrives.
fn write_republished_copies(articles_jsonl: &str, dir: &Path) {
    std::fs::create_dir_all(dir).unwrap();
    for (i, line) in articles_jsonl.lines().enumerate() {
        let a: serde_json::Value = serde_json::from_str(line).unwrap();
        let paragraphs: String = a["text"]
            .as_str()
            .unwrap()
            .split("\n\n")
            .map(|p| format!("<p>{p}</p>\n"))
            .collect();
        let published = a["published"].as_str().unwrap_or("");
        let page = format!(
            "<!doctype html><html><head><title>{title} | Mirror Wire</title>\
             <meta property=\"og:site_name\" content=\"Mirror Wire\">\
             <meta property=\"article:published_time\" content=\"{published}\"></head>\
             <body><nav><a href=\"/\">Home</a> <a href=\"/world\">World</a> <a href=\"/sport\">Sport</a></nav>\
             <article><h1>{title}</h1>{paragraphs}</article>\
             <div class=\"share\">Share this article: Facebook Twitter Email</div>\
             <footer>Copyright Mirror Wire. All rights reserved.</footer></body></html>",
            title = a["title"].as_str().unwrap_or(""),
        );
        std::fs::write(dir.join(format!("mirror-{i}.html")), page).unwrap();
    }
}

/// Issue 5: the seeds plus their re-published copies yield the incidents of
/// the seeds alone, and the same events with the same ids in either order.
#[test]
fn republished_copies_add_sources_not_events() {
    if !seeds().is_dir() {
        eprintln!("SKIPPED: ../shared/corpus/seeds is not beside the repository");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let seeds_only = tmp.path().join("seeds.db");
    assert!(ingest_seeds(&seeds_only).status.success());
    let articles = ok(&seeds_only, &["articles", "--format", "jsonl"]);
    let incidents = event_identities(
        &ok(&seeds_only, &["events", "--format", "jsonl"]),
        &INCIDENT,
    );
    assert!(!incidents.is_empty(), "the seeds hold events");

    let copies = tmp.path().join("copies");
    write_republished_copies(&articles, &copies);
    let ingest_copies = |db: &Path| {
        let o = dateline(
            db,
            &["ingest", "--quiet", copies.to_str().expect("utf-8 path")],
        );
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    };
    let seeds_then_copies = tmp.path().join("seeds-copies.db");
    assert!(ingest_seeds(&seeds_then_copies).status.success());
    ingest_copies(&seeds_then_copies);
    let copies_then_seeds = tmp.path().join("copies-seeds.db");
    ingest_copies(&copies_then_seeds);
    assert!(ingest_seeds(&copies_then_seeds).status.success());

    for db in [&seeds_then_copies, &copies_then_seeds] {
        assert_eq!(
            ok(db, &["articles", "--format", "jsonl"]).lines().count(),
            6,
            "copies are linked as sources, not stored as articles"
        );
        let events = ok(db, &["events", "--format", "jsonl"]);
        assert_eq!(event_identities(&events, &INCIDENT), incidents, "{db:?}");
    }
    let with_ids = |db: &Path| {
        let mut fields = vec!["id"];
        fields.extend(INCIDENT);
        event_identities(&ok(db, &["events", "--format", "jsonl"]), &fields)
    };
    assert_eq!(
        with_ids(&seeds_then_copies),
        with_ids(&copies_then_seeds),
        "ids do not depend on arrival order"
    );
}

#[test]
fn bad_inputs_are_reported_and_the_rest_is_stored() {
    let tmp = tempfile::tempdir().unwrap();
    let inputs = tmp.path().join("in");
    std::fs::create_dir(&inputs).unwrap();
    // Invented example text.
    std::fs::write(
        inputs.join("good.txt"),
        "Invented example.\n\nProtesters gathered in the main square of Kano on Friday to demand lower fuel \
         prices, and the march ended peacefully in the afternoon, organisers said.\n",
    )
    .unwrap();
    std::fs::write(inputs.join("empty.txt"), "").unwrap();
    let db = tmp.path().join("bad.db");
    let o = Command::new(BIN)
        .args(["ingest", "--quiet", "--published", "2021-05-07", "--db"])
        .arg(&db)
        .arg(&inputs)
        .output()
        .unwrap();
    assert_eq!(
        o.status.code(),
        Some(1),
        "a failed input makes the exit status 1"
    );
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("empty.txt"), "{err}");
    assert_eq!(
        err.lines().count(),
        1,
        "one line per bad input, nothing else with --quiet: {err}"
    );
    let listed = ok(&db, &["articles", "--format", "jsonl"]);
    assert_eq!(listed.lines().count(), 1);
}

#[test]
fn exports_from_the_command_line() {
    if !seeds().is_dir() {
        eprintln!("SKIPPED: ../shared/corpus/seeds is not beside the repository");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("x.db");
    assert!(ingest_seeds(&db).status.success());
    let csv = ok(&db, &["events", "--format", "csv"]);
    assert!(csv.starts_with("event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1"));
    let geo: serde_json::Value =
        serde_json::from_str(&ok(&db, &["events", "--format", "geojson"])).unwrap();
    assert_eq!(geo["type"], "FeatureCollection");
    let refused = dateline(&db, &["events", "--format", "parquet"]);
    assert!(!refused.status.success(), "parquet needs --output");
    let pq = tmp.path().join("e.parquet");
    ok(
        &db,
        &[
            "events",
            "--format",
            "parquet",
            "--output",
            pq.to_str().unwrap(),
        ],
    );
    assert_eq!(&std::fs::read(&pq).unwrap()[..4], b"PAR1");
}

/// Towns the shipped gazetteer knows, for invented reports.
const TOWNS: [&str; 8] = [
    "Aleppo",
    "Mosul",
    "Kabul",
    "Maiduguri",
    "Mogadishu",
    "Kandahar",
    "Homs",
    "Tikrit",
];
const WEEKDAYS: [&str; 5] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"];

/// Invented background sentences; each report draws a few, so reports
/// differ as much as real ones do (few are near-duplicates).
const FILLER: [&str; 24] = [
    "The attackers fled before reinforcements arrived.",
    "Residents described hearing gunfire for more than an hour.",
    "The road was closed until the evening while investigators examined the scene.",
    "No group has claimed responsibility so far.",
    "Hospitals in the area appealed for blood donations.",
    "The governor ordered an inquiry into the security lapse.",
    "Shops in the central market stayed shut the next morning.",
    "Aid agencies said they had suspended deliveries in the district.",
    "A curfew was imposed on the surrounding neighbourhoods.",
    "Officials said the checkpoint had been reinforced only weeks earlier.",
    "Witnesses said the gunmen arrived on motorcycles.",
    "The interior ministry promised to compensate the families.",
    "Several vehicles were set on fire during the assault.",
    "Schools in the town were closed as a precaution.",
    "Security forces later searched nearby farms.",
    "Local leaders called for calm after the attack.",
    "Telephone networks were cut for several hours.",
    "The army said it had launched a pursuit operation.",
    "Relatives gathered outside the morgue through the night.",
    "The attack was the third in the province this year.",
    "Analysts said the group has grown bolder in recent months.",
    "Police said two suspects had been detained for questioning.",
    "The United Nations mission condemned the killings.",
    "Funerals were held the following afternoon.",
];

/// An invented report of one attack in a town; reports of the same town,
/// day and toll tell one incident in other words, so fusion runs.
fn invented_report(i: usize) -> String {
    let town = TOWNS[i % TOWNS.len()];
    let day = WEEKDAYS[(i / TOWNS.len()) % WEEKDAYS.len()];
    let dead = 2 + (i / 40) % 7;
    let lead = match i % 3 {
        0 => format!("Gunmen attacked a police checkpoint in {town} on {day}, killing {dead} officers, local officials said."),
        1 => format!("{dead} police officers were killed on {day} when gunmen stormed a checkpoint in {town}, a security source said."),
        _ => format!("An attack on a police post in {town} on {day} left {dead} officers dead, according to the provincial governor."),
    };
    let mut body = format!("Invented example report number {i}.\n\n{lead}\n\n");
    let mut x = (i as u64 + 1).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    for _ in 0..6 {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        body.push_str(FILLER[(x % FILLER.len() as u64) as usize]);
        body.push(' ');
    }
    body.push('\n');
    body
}

fn write_corpus(dir: &Path, n: usize) {
    std::fs::create_dir_all(dir).unwrap();
    let mut manifest = String::new();
    for i in 0..n {
        let name = format!("r{i:05}.txt");
        std::fs::write(dir.join(&name), invented_report(i)).unwrap();
        manifest.push_str(&format!(
            "{{\"source\": \"{name}\", \"published\": \"2022-0{}-1{}\", \"outlet\": \"Outlet {}\"}}\n",
            1 + i % 9,
            i % 10,
            i % 5
        ));
    }
    std::fs::write(dir.join("manifest.jsonl"), manifest).unwrap();
}

fn ingest_cmd(db: &Path, corpus: &Path) -> Command {
    let mut c = Command::new(BIN);
    c.args(["ingest", "--quiet", "--batch-size", "16", "--db"])
        .arg(db)
        .arg("--manifest")
        .arg(corpus.join("manifest.jsonl"))
        .arg(corpus)
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    c
}

/// Everything stored, as the commands print it.
fn state(db: &Path) -> (String, String) {
    (
        ok(db, &["articles", "--format", "jsonl"]),
        ok(db, &["events", "--format", "jsonl"]),
    )
}

#[test]
fn killed_ingest_reruns_to_the_same_state() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("corpus");
    write_corpus(&corpus, 1200);

    let reference = tmp.path().join("reference.db");
    let o = ingest_cmd(&reference, &corpus).output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let expected = state(&reference);

    let killed = tmp.path().join("killed.db");
    let mut child = ingest_cmd(&killed, &corpus).spawn().unwrap();
    // Wait until about a third of the batches are committed, then SIGKILL.
    // If the run finishes first, the re-run check still holds.
    let mut was_running = false;
    for _ in 0..20_000 {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        let committed = dateline_store::open(killed.to_str().unwrap())
            .and_then(|mut s| s.counts())
            .map(|c| c.articles)
            .unwrap_or(0);
        if committed >= 400 {
            was_running = true;
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    child.kill().ok(); // SIGKILL on Unix
    child.wait().unwrap();
    let partial = dateline_store::open(killed.to_str().unwrap())
        .unwrap()
        .counts()
        .unwrap();
    eprintln!("killed mid-ingest: {was_running}; committed before the kill: {partial:?}");
    // Every input adds one source link (new article or near-duplicate), so
    // whole batches mean a multiple of the batch size.
    assert_eq!(
        partial.article_sources % 16,
        0,
        "only whole batches are stored: {partial:?}"
    );

    let o = ingest_cmd(&killed, &corpus).output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let mut s = dateline_store::open(killed.to_str().unwrap()).unwrap();
    let mut r = dateline_store::open(reference.to_str().unwrap()).unwrap();
    let full = r.counts().unwrap();
    eprintln!("uninterrupted run: {full:?}");
    assert!(
        full.events < full.mentions,
        "the corpus exercises fusion: {full:?}"
    );
    assert_eq!(
        s.counts().unwrap(),
        full,
        "no duplicate articles, mentions, events or claims"
    );
    assert_eq!(
        state(&killed),
        expected,
        "same articles and events as an uninterrupted run"
    );
}
