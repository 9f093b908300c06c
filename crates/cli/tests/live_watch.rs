//! `dateline watch --once` end to end: feeds and pages served by a
//! loopback server this test starts, through the real pipeline into a
//! SQLite database. New items are stored once, a broken feed is reported
//! without stopping the round, and a second run (a restart) fetches and
//! stores nothing again. The pages are invented.

#[path = "../../live/tests/common/server.rs"]
mod server;

use std::process::{Command, Output};

use server::{Route, Server};

fn page(body: &str) -> String {
    format!("<!DOCTYPE html><html><head><title>Invented</title></head><body><article><p>{body}</p></article></body></html>")
}

fn watch(feeds: &std::path::Path, db: &std::path::Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dateline"))
        .args(["watch", "--once", "--delay", "0s", "--feeds"])
        .arg(feeds)
        .arg("--db")
        .arg(db)
        .output()
        .expect("run dateline watch")
}

#[test]
fn watch_stores_new_items_once_and_survives_a_broken_feed() {
    let server = Server::start();
    let items: String = ["/world/1.html", "/world/2.html"]
        .iter()
        .map(|p| format!("<item><title>Item</title><link>{}</link><pubDate>Tue, 09 Apr 2024 08:00:00 +0000</pubDate></item>", server.url(p)))
        .collect();
    server.set(
        "/rss.xml",
        Route::ok(
            "application/rss+xml",
            format!("<rss><channel><title>Invented Herald</title>{items}</channel></rss>"),
        )
        .etag("\"1\""),
    );
    server.set(
        "/broken.xml",
        Route::ok("application/rss+xml", "<rss><channel><item>"),
    );
    server.set(
        "/world/1.html",
        Route::ok("text/html", page("Gunmen killed 12 villagers in an attack near Maiduguri, Nigeria, on Monday, police said.")),
    );
    server.set(
        "/world/2.html",
        Route::ok(
            "text/html",
            page("The central bank of Kenya kept its main interest rate unchanged on Tuesday."),
        ),
    );

    let dir = tempfile::tempdir().expect("temp dir");
    let feeds = dir.path().join("feeds.txt");
    std::fs::write(
        &feeds,
        format!(
            "# invented feeds\n{}\n{}\n",
            server.url("/rss.xml"),
            server.url("/broken.xml")
        ),
    )
    .unwrap();
    let db = dir.path().join("watch.db");

    let first = watch(&feeds, &db);
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
    let second = watch(&feeds, &db);
    let stderr = String::from_utf8_lossy(&second.stderr);
    assert!(
        stderr.contains("1 unchanged") && stderr.contains("0 new items, 0 pages stored"),
        "{stderr}"
    );
    assert_eq!(store.counts().expect("counts"), counts);
    assert_eq!(
        server.count("/world/1.html") + server.count("/world/2.html"),
        2
    );
}
