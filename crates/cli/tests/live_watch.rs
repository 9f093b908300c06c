//! `dateline watch --once` end to end: feeds and pages served by a
//! loopback server this test starts, through the real pipeline into a
//! SQLite database (or onto a real NATS work queue with --nats). New items
//! are stored once, a broken feed is reported without stopping the round,
//! and a second run (a restart) fetches and stores nothing again. The
//! pages are invented.

#[path = "../../live/tests/common/server.rs"]
mod server;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use dateline_live::queue::{Queue, QueueConfig};
use server::{Route, Server};

fn page(body: &str) -> String {
    format!("<!DOCTYPE html><html><head><title>Invented</title></head><body><article><p>{body}</p></article></body></html>")
}

/// A server with one good feed of two invented pages and one broken
/// feed, and a feed list naming both.
struct Fixture {
    server: Server,
    dir: tempfile::TempDir,
    feeds: PathBuf,
}

fn fixture() -> Fixture {
    let server = Server::start();
    let items: String = ["/world/1.html", "/world/2.html"]
        .iter()
        .map(|p| {
            format!(
                "<item><title>Item</title><link>{}</link>\
                 <pubDate>Tue, 09 Apr 2024 08:00:00 +0000</pubDate></item>",
                server.url(p)
            )
        })
        .collect();
    let rss = format!("<rss><channel><title>Invented Herald</title>{items}</channel></rss>");
    server.set(
        "/rss.xml",
        Route::ok("application/rss+xml", rss).etag("\"1\""),
    );
    server.set(
        "/broken.xml",
        Route::ok("application/rss+xml", "<rss><channel><item>"),
    );
    let attack =
        "Gunmen killed 12 villagers in an attack near Maiduguri, Nigeria, on Monday, police said.";
    server.set("/world/1.html", Route::ok("text/html", page(attack)));
    let bank = "The central bank of Kenya kept its main interest rate unchanged on Tuesday.";
    server.set("/world/2.html", Route::ok("text/html", page(bank)));
    let dir = tempfile::tempdir().expect("temp dir");
    let feeds = dir.path().join("feeds.txt");
    let list = format!(
        "# invented feeds\n{}\n{}\n",
        server.url("/rss.xml"),
        server.url("/broken.xml")
    );
    std::fs::write(&feeds, list).expect("write the feed list");
    Fixture { server, dir, feeds }
}

fn watch(feeds: &Path, db: &Path, extra: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dateline"))
        .args(["watch", "--once", "--delay", "0s", "--feeds"])
        .arg(feeds)
        .arg("--db")
        .arg(db)
        .args(extra)
        .output()
        .expect("run dateline watch")
}

fn page_hits(server: &Server) -> usize {
    server.count("/world/1.html") + server.count("/world/2.html")
}

#[test]
fn watch_stores_new_items_once_and_survives_a_broken_feed() {
    let f = fixture();
    let db = f.dir.path().join("watch.db");

    let first = watch(&f.feeds, &db, &[]);
    let stderr = String::from_utf8_lossy(&first.stderr);
    assert_eq!(
        first.status.code(),
        Some(1),
        "a failed feed makes the exit status 1:\n{stderr}"
    );
    assert!(stderr.contains("/broken.xml: malformed XML"), "{stderr}");
    assert!(stderr.contains("2 new items, 2 pages stored"), "{stderr}");
    let mut store = dateline_store::open(&db.to_string_lossy()).expect("open the database");
    let counts = store.counts().expect("counts");
    assert_eq!(counts.article_sources, 2);

    // A restart: nothing fetched or stored again.
    let second = watch(&f.feeds, &db, &[]);
    let stderr = String::from_utf8_lossy(&second.stderr);
    assert!(
        stderr.contains("1 unchanged") && stderr.contains("0 new items, 0 pages stored"),
        "{stderr}"
    );
    assert_eq!(store.counts().expect("counts"), counts);
    assert_eq!(page_hits(&f.server), 2);
}

#[test]
fn watch_with_nats_queues_new_pages_once() {
    let Ok(nats) = std::env::var("DATELINE_TEST_NATS") else {
        eprintln!("note: DATELINE_TEST_NATS unset (run .ci/nats.sh); watch --nats test skipped");
        return;
    };
    let f = fixture();
    let db = f.dir.path().join("state.db");
    let stream = format!("LIVEWATCH{}", std::process::id());
    let args = ["--nats", nats.as_str(), "--stream", stream.as_str()];
    let first = watch(&f.feeds, &db, &args);
    let stderr = String::from_utf8_lossy(&first.stderr);
    assert!(stderr.contains("2 pages stored (2 articles"), "{stderr}");
    let queue = Queue::connect(QueueConfig {
        stream: stream.clone(),
        ..QueueConfig::new(nats.clone())
    })
    .expect("connect to the queue");
    assert_eq!(queue.backlog().expect("backlog"), (2, 0));

    let second = watch(&f.feeds, &db, &args);
    let stderr = String::from_utf8_lossy(&second.stderr);
    assert!(stderr.contains("0 new items, 0 pages stored"), "{stderr}");
    assert_eq!(queue.backlog().expect("backlog"), (2, 0));
    assert_eq!(page_hits(&f.server), 2);
}
