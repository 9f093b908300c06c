//! A tiny HTTP/1.1 server on a loopback port, started by a test: serves
//! fixed routes, answers conditional GETs, can fail a route a few times
//! first, and records every request. One connection at a time,
//! `Connection: close`.

#![allow(dead_code)]

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

#[derive(Clone, Debug)]
pub struct Route {
    pub status: u16,
    pub content_type: String,
    pub body: Vec<u8>,
    /// Sent as `ETag`; a request with a matching `If-None-Match` gets 304.
    pub etag: Option<String>,
    /// Sent as `Last-Modified`; a request with an equal `If-Modified-Since`
    /// gets 304.
    pub last_modified: Option<String>,
    /// Statuses answered before the route starts answering normally.
    pub fail_first: Vec<u16>,
}

impl Route {
    pub fn ok(content_type: &str, body: impl Into<Vec<u8>>) -> Route {
        Route {
            status: 200,
            content_type: content_type.into(),
            body: body.into(),
            etag: None,
            last_modified: None,
            fail_first: Vec::new(),
        }
    }

    pub fn status(status: u16) -> Route {
        Route {
            status,
            ..Route::ok("text/plain", format!("status {status}"))
        }
    }

    pub fn etag(mut self, etag: &str) -> Route {
        self.etag = Some(etag.into());
        self
    }

    pub fn last_modified(mut self, date: &str) -> Route {
        self.last_modified = Some(date.into());
        self
    }

    pub fn failing_first(mut self, statuses: &[u16]) -> Route {
        self.fail_first = statuses.to_vec();
        self
    }
}

/// One request as received.
#[derive(Clone, Debug)]
pub struct Hit {
    pub path: String,
    pub status: u16,
    pub headers: HashMap<String, String>,
}

#[derive(Default)]
struct Shared {
    routes: HashMap<String, Route>,
    hits: Vec<Hit>,
}

pub struct Server {
    port: u16,
    shared: Arc<Mutex<Shared>>,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl Server {
    pub fn start() -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind a loopback port");
        let port = listener.local_addr().expect("local address").port();
        let shared = Arc::new(Mutex::new(Shared::default()));
        let stop = Arc::new(AtomicBool::new(false));
        let thread = {
            let shared = Arc::clone(&shared);
            let stop = Arc::clone(&stop);
            std::thread::spawn(move || {
                for stream in listener.incoming() {
                    if stop.load(Ordering::SeqCst) {
                        break;
                    }
                    if let Ok(stream) = stream {
                        let _ = serve(stream, &shared);
                    }
                }
            })
        };
        Server {
            port,
            shared,
            stop,
            thread: Some(thread),
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    pub fn set(&self, path: &str, route: Route) {
        self.shared
            .lock()
            .unwrap()
            .routes
            .insert(path.into(), route);
    }

    pub fn hits(&self) -> Vec<Hit> {
        self.shared.lock().unwrap().hits.clone()
    }

    /// Requests for `path` so far.
    pub fn count(&self, path: &str) -> usize {
        self.hits().iter().filter(|h| h.path == path).count()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wakes the accept loop so it sees the flag.
        let _ = TcpStream::connect(("127.0.0.1", self.port));
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn serve(stream: TcpStream, shared: &Mutex<Shared>) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut line = String::new();
    reader.read_line(&mut line)?;
    let path = line.split_whitespace().nth(1).unwrap_or("/").to_string();
    let mut headers = HashMap::new();
    loop {
        let mut h = String::new();
        if reader.read_line(&mut h)? == 0 || h.trim().is_empty() {
            break;
        }
        if let Some((k, v)) = h.split_once(':') {
            headers.insert(k.trim().to_ascii_lowercase(), v.trim().to_string());
        }
    }
    let (status, extra, body, content_type) = {
        let mut s = shared.lock().unwrap();
        let answer = match s.routes.get_mut(&path) {
            None => (
                404,
                Vec::new(),
                b"not found".to_vec(),
                "text/plain".to_string(),
            ),
            Some(route) if !route.fail_first.is_empty() => {
                let status = route.fail_first.remove(0);
                (
                    status,
                    Vec::new(),
                    b"try later".to_vec(),
                    "text/plain".to_string(),
                )
            }
            Some(route) => {
                let mut extra = Vec::new();
                if let Some(e) = &route.etag {
                    extra.push(("ETag".to_string(), e.clone()));
                }
                if let Some(lm) = &route.last_modified {
                    extra.push(("Last-Modified".to_string(), lm.clone()));
                }
                let fresh = route.etag.is_some()
                    && headers.get("if-none-match") == route.etag.as_ref()
                    || route.last_modified.is_some()
                        && headers.get("if-modified-since") == route.last_modified.as_ref();
                if fresh {
                    (304, extra, Vec::new(), route.content_type.clone())
                } else {
                    (
                        route.status,
                        extra,
                        route.body.clone(),
                        route.content_type.clone(),
                    )
                }
            }
        };
        s.hits.push(Hit {
            path: path.clone(),
            status: answer.0,
            headers,
        });
        answer
    };
    let mut out = stream;
    let mut head = format!(
        "HTTP/1.1 {status} X\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n",
        body.len()
    );
    for (k, v) in extra {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    out.write_all(head.as_bytes())?;
    out.write_all(&body)?;
    out.flush()
}
