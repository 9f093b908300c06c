//! `dateline watch`: rounds of feed checking and page fetching.
//!
//! A round has two phases. First every feed is fetched (conditional GET)
//! and the items it lists that were never seen are recorded as pending.
//! Then every pending item's page is fetched, read like any input file,
//! and handed to the sink; the item is marked done once the sink has made
//! it durable. Within each phase the work is grouped by host: up to
//! [`WatchOptions::parallel_hosts`] hosts are served at once, each by one
//! thread, so one slow site does not hold up the others while no site sees
//! more than one request at a time.
//!
//! Nothing a server does stops a round: a dead, erroring or malformed feed,
//! or a page that cannot be read, is reported and skipped. Only a failing
//! database does (there would be nowhere to remember anything).

use std::collections::{BTreeMap, VecDeque};
use std::sync::{Mutex, MutexGuard, PoisonError};

use dateline_ingest::{read_bytes, ReadOptions};
use dateline_model::{DateOrigin, SourceMeta};
use url::Url;

use crate::feed::{self, FeedKind};
use crate::polite::{FetchError, Fetched, Policy, PoliteClient, Validators};
use crate::sink::{describe, Accepted, Sink};
use crate::state::{ItemState, PendingItem, StateError, WatchState};

#[derive(Debug, Clone)]
pub struct WatchOptions {
    pub policy: Policy,
    /// Hosts served at once (each by one thread, one request at a time).
    pub parallel_hosts: usize,
    /// Feeds and sitemaps over this size are refused (sitemaps may reach
    /// 50 MB uncompressed by their spec; news feeds are far smaller).
    pub max_feed_bytes: u64,
    /// Pages over this size are refused: no news article is 5 MiB of HTML.
    pub max_page_bytes: u64,
    /// Rounds a page may fail transiently before it is given up.
    pub max_attempts: u32,
}

impl Default for WatchOptions {
    fn default() -> Self {
        WatchOptions {
            policy: Policy::default(),
            parallel_hosts: 4,
            max_feed_bytes: 50 * 1024 * 1024,
            max_page_bytes: 5 * 1024 * 1024,
            max_attempts: 3,
        }
    }
}

/// What one round did. `problems` lists, sorted, one line per feed or page
/// that failed or was skipped, naming the URL and the reason.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RoundReport {
    pub feeds_checked: usize,
    pub feeds_unchanged: usize,
    pub feeds_failed: usize,
    pub new_items: usize,
    pub pages_stored: usize,
    pub accepted: Accepted,
    /// Pages that will never be fetched (robots.txt, 404, not a page).
    pub pages_skipped: usize,
    /// Pages that failed this round and will be tried again.
    pub pages_retrying: usize,
    /// Pages given up after too many failed rounds.
    pub pages_failed: usize,
    pub problems: Vec<String>,
}

impl RoundReport {
    /// Whether anything failed or was skipped.
    pub fn is_clean(&self) -> bool {
        self.problems.is_empty()
    }
}

/// Reads a feed list: one URL per line, `#` comments and blank lines
/// ignored. Returns the URLs (without repeats, in file order) and one
/// message per line that is not an absolute http(s) URL.
pub fn parse_feed_list(text: &str) -> (Vec<String>, Vec<String>) {
    let mut feeds: Vec<String> = Vec::new();
    let mut problems = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.split('#').next().unwrap_or("").trim();
        if line.is_empty() {
            continue;
        }
        match Url::parse(line) {
            Ok(url) if matches!(url.scheme(), "http" | "https") && url.host_str().is_some() => {
                let url = String::from(url);
                if !feeds.contains(&url) {
                    feeds.push(url);
                }
            }
            _ => problems.push(format!("line {}: {line:?} is not an http(s) URL", n + 1)),
        }
    }
    (feeds, problems)
}

pub struct Watcher {
    feeds: Vec<String>,
    opts: WatchOptions,
    client: PoliteClient,
    state: Mutex<WatchState>,
    sink: Mutex<Box<dyn Sink>>,
}

fn lock<T: ?Sized>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

fn origin(url: &str) -> String {
    Url::parse(url).map_or_else(|_| String::new(), |u| u.origin().ascii_serialization())
}

/// Content types that can hold an article; anything else (PDF, images,
/// video) is not read.
fn is_page_type(content_type: Option<&str>) -> bool {
    content_type.is_none_or(|ct| {
        let ct = ct.to_ascii_lowercase();
        ct.starts_with("text/") || ct.contains("html") || ct.contains("xml")
    })
}

impl Watcher {
    pub fn new(
        feeds: Vec<String>,
        opts: WatchOptions,
        state: WatchState,
        sink: Box<dyn Sink>,
    ) -> Watcher {
        Watcher {
            feeds,
            client: PoliteClient::new(opts.policy.clone()),
            opts,
            state: Mutex::new(state),
            sink: Mutex::new(sink),
        }
    }

    /// Runs one round: feeds, then pending pages.
    pub fn round(&self) -> Result<RoundReport, StateError> {
        let report = Mutex::new(RoundReport::default());
        by_host(
            self.feeds.iter().map(|f| (origin(f), f.clone())).collect(),
            self.opts.parallel_hosts,
            |feed| self.check_feed(&feed, true, &report),
        )?;
        let pending = lock(&self.state).pending()?;
        by_host(
            pending.into_iter().map(|i| (origin(&i.url), i)).collect(),
            self.opts.parallel_hosts,
            |item| self.fetch_item(item, &report),
        )?;
        let mut report = report.into_inner().unwrap_or_else(PoisonError::into_inner);
        report.problems.sort();
        Ok(report)
    }

    /// Fetches one feed and records its new items; `top` is false for the
    /// children of a sitemap index, which may not nest further.
    fn check_feed(
        &self,
        url: &str,
        top: bool,
        report: &Mutex<RoundReport>,
    ) -> Result<(), StateError> {
        lock(report).feeds_checked += 1;
        let validators = lock(&self.state).validators(url)?;
        let fail = |message: String| -> Result<(), StateError> {
            let mut r = lock(report);
            r.feeds_failed += 1;
            r.problems
                .push(format!("feed {url}: {message}; skipped this round"));
            drop(r);
            lock(&self.state).record_feed(url, Err(&message))
        };
        let page = match self.client.get(url, &validators, self.opts.max_feed_bytes) {
            Err(e) => return fail(e.to_string()),
            Ok(Fetched::NotModified) => {
                lock(report).feeds_unchanged += 1;
                return lock(&self.state).record_feed(url, Ok(None));
            }
            Ok(Fetched::Body(page)) => page,
        };
        let base = Url::parse(&page.url).ok();
        let parsed = match base {
            Some(base) => feed::parse(&page.body, &base).map_err(|e| e.to_string()),
            None => Err(format!("unusable final URL {}", page.url)),
        };
        let parsed = match parsed {
            Ok(p) => p,
            Err(message) => return fail(message),
        };
        if parsed.kind == FeedKind::SitemapIndex {
            if !top {
                return fail("a sitemap index inside a sitemap index; not followed".into());
            }
            for child in &parsed.items {
                self.check_feed(&child.link, false, report)?;
            }
            // No validators kept: an index is small, and a 304 for it would
            // hide changes in its children.
            return lock(&self.state).record_feed(url, Ok(None));
        }
        let outlet = parsed.title.clone().or_else(|| {
            Url::parse(&page.url)
                .ok()
                .and_then(|u| u.host_str().map(str::to_string))
        });
        let mut state = lock(&self.state);
        let added = state.add_items(url, outlet.as_deref(), &parsed.items)?;
        // Validators are saved after the items, so a crash in between
        // means a full fetch next time, never a lost item.
        state.record_feed(url, Ok(Some(&page.validators)))?;
        lock(report).new_items += added;
        Ok(())
    }

    /// Fetches one pending item's page and hands it to the sink.
    fn fetch_item(&self, item: PendingItem, report: &Mutex<RoundReport>) -> Result<(), StateError> {
        let url = item.url.as_str();
        let skip = |reason: String| -> Result<(), StateError> {
            let mut r = lock(report);
            r.pages_skipped += 1;
            r.problems.push(format!("page {url}: {reason}; skipped"));
            drop(r);
            lock(&self.state).finish_item(url, ItemState::Skipped, Some(&reason))
        };
        let retry = |reason: String| -> Result<(), StateError> {
            let state = lock(&self.state).fail_item(url, &reason, self.opts.max_attempts)?;
            let mut r = lock(report);
            if state == ItemState::Failed {
                r.pages_failed += 1;
                let n = self.opts.max_attempts;
                r.problems
                    .push(format!("page {url}: {reason}; given up after {n} rounds"));
            } else {
                r.pages_retrying += 1;
                r.problems
                    .push(format!("page {url}: {reason}; will retry next round"));
            }
            Ok(())
        };
        let page = match self
            .client
            .get(url, &Validators::default(), self.opts.max_page_bytes)
        {
            Err(e) if e.is_transient() => return retry(e.to_string()),
            Err(e) => return skip(e.to_string()),
            Ok(Fetched::NotModified) => return skip(FetchError::Status(304).to_string()),
            Ok(Fetched::Body(page)) => page,
        };
        if !is_page_type(page.content_type.as_deref()) {
            let ct = page.content_type.unwrap_or_default();
            return skip(format!("Content-Type {ct} is not a page"));
        }
        let meta = SourceMeta {
            url: Some(page.url.clone()),
            published: item.published,
            published_from: item.published.map(|_| DateOrigin::Meta),
            outlet: item.outlet.clone(),
            title: item.title.clone(),
        };
        let opts = ReadOptions {
            max_bytes: self.opts.max_page_bytes,
            ..ReadOptions::default()
        };
        let docs = match read_bytes(url, &page.body, meta, &opts) {
            Ok(docs) => docs,
            Err(e) => return skip(e.problem.to_string()),
        };
        let accepted = match lock(&self.sink).accept(docs) {
            Ok(a) => a,
            // The store or queue may be back next round.
            Err(e) => return retry(describe(&*e)),
        };
        lock(&self.state).finish_item(url, ItemState::Done, None)?;
        let mut r = lock(report);
        r.pages_stored += 1;
        r.accepted += accepted;
        Ok(())
    }
}

/// Runs `work` on every task, the tasks of one host (the key) one after
/// the other in the given order, up to `threads` hosts at a time. Stops at
/// the first error.
fn by_host<T: Send>(
    tasks: Vec<(String, T)>,
    threads: usize,
    work: impl Fn(T) -> Result<(), StateError> + Sync,
) -> Result<(), StateError> {
    let mut groups: BTreeMap<String, Vec<T>> = BTreeMap::new();
    for (host, task) in tasks {
        groups.entry(host).or_default().push(task);
    }
    let threads = threads.clamp(1, groups.len().max(1));
    let queue: Mutex<VecDeque<Vec<T>>> = Mutex::new(groups.into_values().collect());
    let first_error: Mutex<Option<StateError>> = Mutex::new(None);
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| loop {
                if lock(&first_error).is_some() {
                    return;
                }
                let Some(group) = lock(&queue).pop_front() else {
                    return;
                };
                for task in group {
                    if let Err(e) = work(task) {
                        lock(&first_error).get_or_insert(e);
                        return;
                    }
                }
            });
        }
    });
    match first_error
        .into_inner()
        .unwrap_or_else(PoisonError::into_inner)
    {
        Some(e) => Err(e),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn feed_list_skips_comments_and_reports_bad_lines() {
        let (feeds, problems) = parse_feed_list(
            "# world\nhttps://a.example/rss\n\nftp://b.example/x\nhttps://a.example/rss # again\nnot a url\n",
        );
        assert_eq!(feeds, vec!["https://a.example/rss".to_string()]);
        assert_eq!(problems.len(), 2);
        assert!(problems[0].starts_with("line 4:"), "{problems:?}");
    }

    #[test]
    fn page_types() {
        assert!(is_page_type(None));
        assert!(is_page_type(Some("text/html; charset=utf-8")));
        assert!(is_page_type(Some("application/xhtml+xml")));
        assert!(!is_page_type(Some("application/pdf")));
        assert!(!is_page_type(Some("image/jpeg")));
    }
}
