//! A polite HTTP client: the only way Dateline fetches from other people's
//! servers.
//!
//! Politeness, per host (scheme + host + port):
//! - one request at a time, whatever the number of threads;
//! - at least [`Policy::delay`] between the end of one request and the start
//!   of the next (default 3 s), or the site's robots.txt `Crawl-delay` when
//!   larger (capped at [`Policy::max_crawl_delay`]);
//! - robots.txt read first and honoured for every URL, redirect hops
//!   included, for the product token `dateline`; kept for a day;
//! - a User-Agent naming Dateline, its version and where to read about it;
//! - transient failures (timeouts, connection errors, 408, 429, 5xx) retried
//!   with exponential backoff, honouring `Retry-After`; the backoff is
//!   enforced through the same per-host gate, so a struggling server is
//!   left alone by every thread.
//!
//! Every response body is bounded: a page larger than the limit is refused,
//! not truncated (a truncated article would be coded from half its text).

use std::collections::HashMap;
use std::io::Read;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use url::Url;

use crate::robots::Robots;

/// `scheme://host:port`: the unit politeness applies to.
fn origin(url: &Url) -> String {
    url.origin().ascii_serialization()
}

/// What robots.txt rules are matched against.
fn path_and_query(url: &Url) -> String {
    match url.query() {
        Some(q) => format!("{}?{q}", url.path()),
        None => url.path().to_string(),
    }
}

/// The product token robots.txt groups are matched against.
pub const ROBOTS_TOKEN: &str = "dateline";

/// `Dateline/<version> (+<repository>)`.
pub fn default_user_agent() -> String {
    let repo = env!("CARGO_PKG_REPOSITORY");
    let version = env!("CARGO_PKG_VERSION");
    if repo.is_empty() {
        format!("Dateline/{version}")
    } else {
        format!("Dateline/{version} (+{repo})")
    }
}

/// How the client behaves; see the module documentation for the defaults'
/// reasons.
#[derive(Debug, Clone)]
pub struct Policy {
    pub user_agent: String,
    /// Minimum gap between two requests to one host.
    pub delay: Duration,
    /// The largest robots.txt `Crawl-delay` obeyed; a site asking for more
    /// gets this (a day-long delay would mean never reading it).
    pub max_crawl_delay: Duration,
    pub connect_timeout: Duration,
    /// Whole request, body included.
    pub timeout: Duration,
    /// Attempts after the first one for transient failures.
    pub retries: u32,
    /// Wait before the first retry; doubles each time.
    pub backoff: Duration,
    /// The longest `Retry-After` waited for; longer means "not this round".
    pub max_retry_after: Duration,
    pub max_redirects: u32,
    /// How long a robots.txt is trusted.
    pub robots_ttl: Duration,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            user_agent: default_user_agent(),
            delay: Duration::from_secs(3),
            max_crawl_delay: Duration::from_secs(60),
            connect_timeout: Duration::from_secs(10),
            timeout: Duration::from_secs(30),
            retries: 2,
            backoff: Duration::from_secs(2),
            max_retry_after: Duration::from_secs(120),
            max_redirects: 5,
            robots_ttl: Duration::from_secs(24 * 3600),
        }
    }
}

/// Cache validators of a previous response, for a conditional GET.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Validators {
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Fetched {
    /// 304: unchanged since the validators were issued.
    NotModified,
    Body(Page),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    /// The URL the body came from, after redirects.
    pub url: String,
    pub body: Vec<u8>,
    pub content_type: Option<String>,
    pub validators: Validators,
}

#[derive(Debug, thiserror::Error, Clone, PartialEq)]
pub enum FetchError {
    #[error("invalid URL: {0}")]
    BadUrl(String),
    #[error("disallowed by robots.txt of {0}")]
    Disallowed(String),
    #[error("HTTP status {0}")]
    Status(u16),
    #[error("{0}")]
    Transport(String),
    #[error("larger than the {0}-byte limit")]
    TooLarge(u64),
    #[error("more than {0} redirects")]
    TooManyRedirects(u32),
    #[error("server asks to retry after {0} s; not this round")]
    RetryLater(u64),
    #[error("robots.txt of {origin} unreadable ({reason}); nothing fetched from it")]
    RobotsUnreachable { origin: String, reason: String },
}

impl FetchError {
    /// Whether trying again in a later round may succeed; a page that failed
    /// permanently is not fetched again.
    pub fn is_transient(&self) -> bool {
        match self {
            FetchError::Transport(_)
            | FetchError::RetryLater(_)
            | FetchError::RobotsUnreachable { .. } => true,
            FetchError::Status(s) => retryable_status(*s),
            _ => false,
        }
    }
}

fn retryable_status(status: u16) -> bool {
    matches!(status, 408 | 429 | 500 | 502 | 503 | 504)
}

/// One attempt's outcome, before retries and redirects.
enum Attempt {
    Done(Step),
    /// Not worth retrying (404, a body over the limit, ...).
    Failed(FetchError),
    /// May succeed if tried again, after `after` if the server said so.
    Transient {
        error: FetchError,
        after: Option<Duration>,
    },
}

/// A successful request: a response, or where to go instead.
enum Step {
    Fetched(Fetched),
    Redirect(String),
}

/// Per-host state: when the next request may start, and robots.txt.
#[derive(Default)]
struct Host {
    next_at: Option<Instant>,
    robots: Option<(Instant, Arc<Robots>)>,
}

pub struct PoliteClient {
    agent: ureq::Agent,
    policy: Policy,
    /// Each host's mutex is held for the whole of a request to it: that is
    /// what makes concurrency 1 per host hold across threads.
    hosts: Mutex<HashMap<String, Arc<Mutex<Host>>>>,
}

/// A poisoned lock only means another thread panicked mid-request; the
/// timing data it guards is still usable.
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

impl PoliteClient {
    pub fn new(policy: Policy) -> PoliteClient {
        let agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            // Redirects are followed here, so robots.txt and the per-host
            // gate apply to every hop.
            .max_redirects(0)
            .user_agent(policy.user_agent.as_str())
            .timeout_connect(Some(policy.connect_timeout))
            .timeout_global(Some(policy.timeout))
            .build()
            .into();
        PoliteClient {
            agent,
            policy,
            hosts: Mutex::new(HashMap::new()),
        }
    }

    pub fn policy(&self) -> &Policy {
        &self.policy
    }

    /// GETs `url` politely, conditional on `validators`, refusing bodies
    /// over `max_bytes`.
    pub fn get(
        &self,
        url: &str,
        validators: &Validators,
        max_bytes: u64,
    ) -> Result<Fetched, FetchError> {
        let mut current = Url::parse(url).map_err(|e| FetchError::BadUrl(format!("{url}: {e}")))?;
        for hop in 0..=self.policy.max_redirects {
            let robots = self.robots(&current)?;
            if !robots.allows(&path_and_query(&current)) {
                return Err(FetchError::Disallowed(origin(&current)));
            }
            // Validators belong to the URL they were issued for.
            let conditional = if hop == 0 {
                validators
            } else {
                &Validators::default()
            };
            let step = self.with_retries(&current, robots.crawl_delay(), |u| {
                self.attempt(u, conditional, max_bytes)
            })?;
            match step {
                Step::Fetched(fetched) => return Ok(fetched),
                Step::Redirect(location) => {
                    current = current
                        .join(&location)
                        .map_err(|e| FetchError::BadUrl(format!("redirect to {location}: {e}")))?;
                }
            }
        }
        Err(FetchError::TooManyRedirects(self.policy.max_redirects))
    }

    /// Runs `attempt` through the host gate until it succeeds, fails for
    /// good, or the retries are spent.
    fn with_retries(
        &self,
        url: &Url,
        crawl_delay: Option<Duration>,
        attempt: impl Fn(&Url) -> Attempt,
    ) -> Result<Step, FetchError> {
        let delay = crawl_delay
            .map(|d| d.min(self.policy.max_crawl_delay))
            .unwrap_or_default()
            .max(self.policy.delay);
        let host = self.host(url);
        let mut backoff = self.policy.backoff;
        let mut tries_left = self.policy.retries;
        loop {
            let mut h = lock(&host);
            if let Some(at) = h.next_at {
                std::thread::sleep(at.saturating_duration_since(Instant::now()));
            }
            let outcome = attempt(url);
            h.next_at = Some(Instant::now() + delay);
            match outcome {
                Attempt::Done(step) => return Ok(step),
                Attempt::Failed(error) => return Err(error),
                Attempt::Transient { error, .. } if tries_left == 0 => return Err(error),
                Attempt::Transient { after, .. } => {
                    let wait = after.unwrap_or_default();
                    if wait > self.policy.max_retry_after {
                        return Err(FetchError::RetryLater(wait.as_secs()));
                    }
                    // The backoff is the host's next slot, for every thread.
                    h.next_at = Some(Instant::now() + delay.max(backoff).max(wait));
                    backoff *= 2;
                    tries_left -= 1;
                }
            }
        }
    }

    /// One GET, classified.
    fn attempt(&self, url: &Url, validators: &Validators, max_bytes: u64) -> Attempt {
        let mut request = self.agent.get(url.as_str());
        if let Some(etag) = &validators.etag {
            request = request.header("If-None-Match", etag);
        }
        if let Some(lm) = &validators.last_modified {
            request = request.header("If-Modified-Since", lm);
        }
        let mut response = match request.call() {
            Ok(r) => r,
            Err(e @ (ureq::Error::BadUri(_) | ureq::Error::HostNotFound)) => {
                return Attempt::Failed(FetchError::Transport(e.to_string()))
            }
            Err(e) => {
                return Attempt::Transient {
                    error: FetchError::Transport(e.to_string()),
                    after: None,
                }
            }
        };
        let status = response.status().as_u16();
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string)
        };
        match status {
            304 => Attempt::Done(Step::Fetched(Fetched::NotModified)),
            301 | 302 | 303 | 307 | 308 => match header("location") {
                Some(location) => Attempt::Done(Step::Redirect(location)),
                None => Attempt::Failed(FetchError::Status(status)),
            },
            s if retryable_status(s) => Attempt::Transient {
                error: FetchError::Status(s),
                after: header("retry-after")
                    .and_then(|v| v.trim().parse::<u64>().ok())
                    .map(Duration::from_secs),
            },
            200..=299 => {
                let content_type = header("content-type");
                let validators = Validators {
                    etag: header("etag"),
                    last_modified: header("last-modified"),
                };
                if response
                    .body()
                    .content_length()
                    .is_some_and(|n| n > max_bytes)
                {
                    return Attempt::Failed(FetchError::TooLarge(max_bytes));
                }
                let mut body = Vec::new();
                // Bounds the decoded size, so a compressed bomb is refused too.
                let read = response
                    .body_mut()
                    .as_reader()
                    .take(max_bytes + 1)
                    .read_to_end(&mut body);
                match read {
                    Err(e) => Attempt::Transient {
                        error: FetchError::Transport(format!("reading body: {e}")),
                        after: None,
                    },
                    Ok(_) if body.len() as u64 > max_bytes => {
                        Attempt::Failed(FetchError::TooLarge(max_bytes))
                    }
                    Ok(_) => Attempt::Done(Step::Fetched(Fetched::Body(Page {
                        url: url.to_string(),
                        body,
                        content_type,
                        validators,
                    }))),
                }
            }
            s => Attempt::Failed(FetchError::Status(s)),
        }
    }

    /// The robots.txt rules for `url`'s host, fetched (politely) when not
    /// known or older than [`Policy::robots_ttl`].
    fn robots(&self, url: &Url) -> Result<Arc<Robots>, FetchError> {
        let host = self.host(url);
        if let Some((at, robots)) = &lock(&host).robots {
            if at.elapsed() < self.policy.robots_ttl {
                return Ok(Arc::clone(robots));
            }
        }
        let robots_url = url
            .join("/robots.txt")
            .map_err(|e| FetchError::BadUrl(format!("{url}: {e}")))?;
        // RFC 9309 §2.5: at least 500 KiB must be parsed.
        let outcome = self.with_retries(&robots_url, None, |u| {
            self.attempt(u, &Validators::default(), 512 * 1024)
        });
        let robots = match outcome {
            Ok(Step::Fetched(Fetched::Body(page))) => {
                Robots::parse(&String::from_utf8_lossy(&page.body), ROBOTS_TOKEN)
            }
            // A redirected robots.txt is rare; RFC 9309 allows following it,
            // but treating it as absent is the simpler reading.
            Ok(Step::Fetched(Fetched::NotModified) | Step::Redirect(_)) => Robots::allow_all(),
            // "Unavailable" (4xx): no rules apply.
            Err(FetchError::Status(s)) if (400..500).contains(&s) && !retryable_status(s) => {
                Robots::allow_all()
            }
            // "Unreachable": nothing may be fetched until it can be read;
            // nothing cached, so the next round asks again.
            Err(e) => {
                return Err(FetchError::RobotsUnreachable {
                    origin: origin(&robots_url),
                    reason: e.to_string(),
                })
            }
        };
        let robots = Arc::new(robots);
        lock(&host).robots = Some((Instant::now(), Arc::clone(&robots)));
        Ok(robots)
    }

    fn host(&self, url: &Url) -> Arc<Mutex<Host>> {
        Arc::clone(lock(&self.hosts).entry(origin(url)).or_default())
    }
}
