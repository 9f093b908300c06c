//! `watch` against feeds and pages served by a loopback server this test
//! starts: new items are taken once, broken and dead feeds are survived,
//! robots.txt is obeyed, and a restart (new process state, same database)
//! takes nothing again. Every feed and page here is invented.

mod common;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use common::server::{Route, Server};
use dateline_live::polite::Policy;
use dateline_live::sink::{Accepted, Sink, SinkError};
use dateline_live::state::{ItemState, WatchState};
use dateline_live::watch::{WatchOptions, Watcher};
use dateline_model::{DateOrigin, RawDocument};

/// Records what it is given; stands in for pipeline + store, whose own
/// tests cover them (the CLI test runs the whole chain).
#[derive(Clone, Default)]
struct Recorder(Arc<Mutex<Vec<RawDocument>>>);

impl Sink for Recorder {
    fn accept(&mut self, docs: Vec<RawDocument>) -> Result<Accepted, SinkError> {
        let n = docs.len();
        self.0.lock().unwrap().extend(docs);
        Ok(Accepted {
            articles: n,
            ..Accepted::default()
        })
    }
}

impl Recorder {
    fn urls(&self) -> Vec<String> {
        let mut urls: Vec<String> = self
            .0
            .lock()
            .unwrap()
            .iter()
            .filter_map(|d| d.meta.url.clone())
            .collect();
        urls.sort();
        urls
    }
}

fn rss(server: &Server, items: &[(&str, &str)]) -> String {
    let items: String = items
        .iter()
        .map(|(path, title)| {
            format!(
                "<item><title>{title}</title><link>{}</link>\
                 <pubDate>Wed, 10 Apr 2024 09:00:00 +0000</pubDate></item>",
                server.url(path)
            )
        })
        .collect();
    format!("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Invented Courier</title>{items}</channel></rss>")
}

fn page(headline: &str) -> String {
    format!(
        "<!DOCTYPE html><html><head><title>{headline}</title></head><body><article>\
         <h1>{headline}</h1><p>Invented report: residents of an invented town said \
         a market reopened on Tuesday after a week of repairs.</p></article></body></html>"
    )
}

fn options() -> WatchOptions {
    WatchOptions {
        policy: Policy {
            delay: Duration::from_millis(5),
            backoff: Duration::from_millis(5),
            timeout: Duration::from_secs(10),
            ..Policy::default()
        },
        ..WatchOptions::default()
    }
}

struct Fixture {
    server: Server,
    feeds: Vec<String>,
    db: String,
    _dir: TempDir,
}

/// A removed-on-drop directory under the system temp dir.
struct TempDir(std::path::PathBuf);

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn fixture(name: &str) -> Fixture {
    let dir = std::env::temp_dir().join(format!("dateline-live-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let server = Server::start();
    server.set(
        "/robots.txt",
        Route::ok("text/plain", "User-agent: *\nDisallow: /private/\n"),
    );
    server.set(
        "/feed.xml",
        Route::ok(
            "application/rss+xml",
            rss(
                &server,
                &[
                    ("/news/a.html", "A"),
                    ("/news/b.html", "B"),
                    ("/private/c.html", "C"),
                ],
            ),
        )
        .etag("\"v1\""),
    );
    server.set(
        "/atom.xml",
        Route::ok(
            "application/atom+xml",
            format!(
                "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Invented Wire</title>\
                 <entry><title>D</title><link href=\"{}\"/><updated>2024-04-11T10:00:00Z</updated></entry></feed>",
                server.url("/news/d.html")
            ),
        )
        .last_modified("Thu, 11 Apr 2024 10:00:00 GMT"),
    );
    server.set(
        "/broken.xml",
        Route::ok("application/rss+xml", "<rss><channel><item><title>x</item>"),
    );
    server.set("/dead.xml", Route::status(500));
    server.set("/page.html", Route::ok("text/html", page("Not a feed")));
    for p in ["a", "b", "c", "d"] {
        server.set(
            &format!("/news/{p}.html"),
            Route::ok("text/html; charset=utf-8", page(p)),
        );
    }
    server.set("/private/c.html", Route::ok("text/html", page("c")));
    // A page that fails twice, then works: within the retries.
    server.set(
        "/news/b.html",
        Route::ok("text/html", page("b")).failing_first(&[503, 502]),
    );
    let feeds = vec![
        server.url("/feed.xml"),
        server.url("/atom.xml"),
        server.url("/broken.xml"),
        server.url("/dead.xml"),
        server.url("/page.html"),
        // Nothing listens on port 9 of loopback: connection refused.
        "http://127.0.0.1:9/feed.xml".to_string(),
    ];
    let db = dir.join("watch.db").to_string_lossy().into_owned();
    Fixture {
        server,
        feeds,
        db,
        _dir: TempDir(dir),
    }
}

#[test]
fn new_items_once_broken_feeds_survived_restart_takes_nothing() {
    let f = fixture("rounds");
    let sink = Recorder::default();
    let watcher = Watcher::new(
        f.feeds.clone(),
        options(),
        WatchState::open(&f.db).unwrap(),
        Box::new(sink.clone()),
    );

    // Round 1: every new item, except the one robots.txt forbids.
    let r1 = watcher.round().unwrap();
    assert_eq!(
        sink.urls(),
        vec![
            f.server.url("/news/a.html"),
            f.server.url("/news/b.html"),
            f.server.url("/news/d.html")
        ]
    );
    assert_eq!(r1.new_items, 4);
    assert_eq!(r1.pages_stored, 3);
    assert_eq!(r1.pages_skipped, 1);
    assert_eq!(r1.feeds_failed, 4, "{:#?}", r1.problems);
    let problems = r1.problems.join("\n");
    for expected in [
        "/broken.xml: malformed XML",
        "/dead.xml: HTTP status 500",
        "/page.html: not a feed or sitemap (root element <html>)",
        "127.0.0.1:9/feed.xml:",
        "/private/c.html: disallowed by robots.txt",
    ] {
        assert!(
            problems.contains(expected),
            "missing {expected:?} in:\n{problems}"
        );
    }
    assert_eq!(f.server.count("/private/c.html"), 0);
    assert_eq!(f.server.count("/robots.txt"), 1, "robots.txt is cached");
    // b needed three requests (503, 502, 200): retried with backoff.
    assert_eq!(f.server.count("/news/b.html"), 3);
    // The dead feed was retried too (500 is transient), then given up.
    assert_eq!(f.server.count("/dead.xml"), 3);

    // Metadata from the feed travels with the page.
    let docs = sink.0.lock().unwrap().clone();
    let a = docs
        .iter()
        .find(|d| d.meta.url.as_deref() == Some(&f.server.url("/news/a.html")))
        .unwrap();
    assert_eq!(a.meta.outlet.as_deref(), Some("Invented Courier"));
    assert_eq!(a.meta.title.as_deref(), Some("A"));
    assert_eq!(
        a.meta.published.map(|d| d.to_string()).as_deref(),
        Some("2024-04-10")
    );
    assert_eq!(a.meta.published_from, Some(DateOrigin::Meta));

    // Every request named Dateline.
    assert!(f.server.hits().iter().all(|h| h
        .headers
        .get("user-agent")
        .is_some_and(|ua| ua.starts_with("Dateline/"))));

    // Round 2: both feeds answer 304 to the conditional GET; nothing new.
    let pages_before = f
        .server
        .hits()
        .iter()
        .filter(|h| h.path.starts_with("/news/"))
        .count();
    let r2 = watcher.round().unwrap();
    assert_eq!(r2.feeds_unchanged, 2);
    assert_eq!(r2.new_items, 0);
    assert_eq!(sink.urls().len(), 3);
    let feed_hits: Vec<_> = f
        .server
        .hits()
        .into_iter()
        .filter(|h| h.path == "/feed.xml")
        .collect();
    assert_eq!(feed_hits.last().unwrap().status, 304);
    assert_eq!(
        feed_hits
            .last()
            .unwrap()
            .headers
            .get("if-none-match")
            .map(String::as_str),
        Some("\"v1\"")
    );

    // The feed gains an item: only that one is fetched.
    f.server.set(
        "/feed.xml",
        Route::ok(
            "application/rss+xml",
            rss(
                &f.server,
                &[
                    ("/news/e.html", "E"),
                    ("/news/a.html", "A"),
                    ("/news/b.html", "B"),
                ],
            ),
        )
        .etag("\"v2\""),
    );
    f.server
        .set("/news/e.html", Route::ok("text/html", page("e")));
    let r3 = watcher.round().unwrap();
    assert_eq!(r3.new_items, 1);
    assert_eq!(r3.pages_stored, 1);
    assert_eq!(sink.urls().len(), 4);
    drop(watcher);

    // Restart: a new watcher on the same database takes nothing again.
    let fresh = Recorder::default();
    let restarted = Watcher::new(
        f.feeds.clone(),
        options(),
        WatchState::open(&f.db).unwrap(),
        Box::new(fresh.clone()),
    );
    let r4 = restarted.round().unwrap();
    assert_eq!(r4.new_items, 0);
    assert!(fresh.urls().is_empty());
    let pages_after = f
        .server
        .hits()
        .iter()
        .filter(|h| h.path.starts_with("/news/"))
        .count();
    // Pages fetched since round 2 began: only e.
    assert_eq!(pages_after - pages_before, 1);
    let mut state = WatchState::open(&f.db).unwrap();
    assert_eq!(state.count(ItemState::Done).unwrap(), 4);
    assert_eq!(state.count(ItemState::Skipped).unwrap(), 1);
}

/// A sink that fails: the item stays pending and is finished by a later
/// round (or after a restart), even though the feed then answers 304.
struct Failing;

impl Sink for Failing {
    fn accept(&mut self, _: Vec<RawDocument>) -> Result<Accepted, SinkError> {
        Err("database unavailable".into())
    }
}

#[test]
fn items_whose_storing_failed_are_finished_later() {
    let f = fixture("pending");
    let feeds = vec![f.server.url("/atom.xml")];
    let failing = Watcher::new(
        feeds.clone(),
        options(),
        WatchState::open(&f.db).unwrap(),
        Box::new(Failing),
    );
    let r1 = failing.round().unwrap();
    assert_eq!(r1.pages_retrying, 1);
    assert!(
        r1.problems[0].contains("database unavailable; will retry next round"),
        "{:?}",
        r1.problems
    );
    drop(failing);

    let sink = Recorder::default();
    let watcher = Watcher::new(
        feeds,
        options(),
        WatchState::open(&f.db).unwrap(),
        Box::new(sink.clone()),
    );
    let r2 = watcher.round().unwrap();
    assert_eq!(r2.feeds_unchanged, 1, "the feed itself is unchanged");
    assert_eq!(r2.pages_stored, 1);
    assert_eq!(sink.urls(), vec![f.server.url("/news/d.html")]);
}
