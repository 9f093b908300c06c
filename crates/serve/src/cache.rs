//! A cache of whole read responses, dropped whenever the database changes.
//!
//! Most reads repeat: every visitor of the map asks for the same first
//! pages and the same timeline. Answering those from memory keeps the
//! server responsive under load on a small machine. The database can be
//! changed by this server (`POST /api/ingest`) or by another process
//! (`dateline ingest` on the same SQLite file), so entries are tagged with
//! the database files' sizes and modification times, read *before* the
//! query runs: a write during a query leaves an entry tagged with the old
//! state, which the next request then refreshes. A PostgreSQL database has
//! no such files, and is not cached.

use std::collections::hash_map::DefaultHasher;
use std::collections::{HashMap, VecDeque};
use std::hash::{Hash, Hasher};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

use axum::body::{to_bytes, Body, Bytes, HttpBody};
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// Responses above this size are not kept.
const MAX_ENTRY: usize = 2 * 1024 * 1024;
/// All entries together stay under this.
const MAX_TOTAL: usize = 64 * 1024 * 1024;

type Generation = Vec<Option<(u64, SystemTime)>>;

struct Entry {
    generation: Generation,
    headers: HeaderMap,
    body: Bytes,
}

#[derive(Default)]
struct Entries {
    map: HashMap<String, Entry>,
    /// Insertion order, for eviction.
    order: VecDeque<String>,
    bytes: usize,
}

/// Misses of one key wait for each other (single flight), so a burst of
/// identical requests runs the query once, not once per connection. Keys
/// share a fixed set of locks, by hash.
const STRIPES: usize = 64;

#[derive(Clone)]
pub struct Cache {
    files: Arc<Vec<PathBuf>>,
    entries: Arc<Mutex<Entries>>,
    stripes: Arc<Vec<tokio::sync::Mutex<()>>>,
}

impl Cache {
    /// A cache for the database at `db`; `None` when it is not a file.
    pub fn for_db(db: &str) -> Option<Cache> {
        if db.starts_with("postgres://") || db.starts_with("postgresql://") {
            return None;
        }
        let files = ["", "-wal"]
            .iter()
            .map(|s| PathBuf::from(format!("{db}{s}")))
            .collect();
        let stripes = (0..STRIPES).map(|_| tokio::sync::Mutex::new(())).collect();
        Some(Cache {
            files: Arc::new(files),
            entries: Arc::default(),
            stripes: Arc::new(stripes),
        })
    }

    fn generation(&self) -> Generation {
        self.files
            .iter()
            .map(|f| {
                std::fs::metadata(f)
                    .ok()
                    .and_then(|m| Some((m.len(), m.modified().ok()?)))
            })
            .collect()
    }

    fn stripe(&self, key: &str) -> &tokio::sync::Mutex<()> {
        let mut h = DefaultHasher::new();
        key.hash(&mut h);
        &self.stripes[h.finish() as usize % STRIPES]
    }

    fn get(&self, key: &str, generation: &Generation) -> Option<Response> {
        let entries = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        let e = entries
            .map
            .get(key)
            .filter(|e| e.generation == *generation)?;
        let mut res = e.body.clone().into_response();
        *res.headers_mut() = e.headers.clone();
        res.headers_mut()
            .insert("x-cache", HeaderValue::from_static("hit"));
        Some(res)
    }

    fn put(&self, key: String, entry: Entry) {
        let mut entries = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        entries.bytes += entry.body.len();
        if let Some(old) = entries.map.insert(key.clone(), entry) {
            entries.bytes -= old.body.len();
        } else {
            entries.order.push_back(key);
        }
        while entries.bytes > MAX_TOTAL {
            let Some(oldest) = entries.order.pop_front() else {
                break;
            };
            if let Some(old) = entries.map.remove(&oldest) {
                entries.bytes -= old.body.len();
            }
        }
    }
}

/// Middleware for GET read endpoints: answers from the cache, or runs the
/// handler and keeps a successful answer.
pub async fn layer(State(cache): State<Option<Cache>>, req: Request, next: Next) -> Response {
    let Some(cache) = cache else {
        return next.run(req).await;
    };
    // The Accept header picks the format of /api/events, so it is part of the key.
    let accept = req
        .headers()
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let key = format!("{}\n{accept}", req.uri());
    if let Some(hit) = cache.get(&key, &cache.generation()) {
        return hit;
    }
    let _flight = cache.stripe(&key).lock().await;
    // Whoever held the lock may have just filled the entry.
    let generation = cache.generation();
    if let Some(hit) = cache.get(&key, &generation) {
        return hit;
    }
    let res = next.run(req).await;
    // Handlers answer with whole bodies, whose size is known up front; an
    // export too big to keep passes through untouched.
    let small = res
        .body()
        .size_hint()
        .exact()
        .is_some_and(|n| n <= MAX_ENTRY as u64);
    if res.status() != StatusCode::OK || !small {
        return res;
    }
    let (parts, body) = res.into_parts();
    match to_bytes(body, MAX_ENTRY).await {
        Ok(bytes) => {
            cache.put(
                key,
                Entry {
                    generation,
                    headers: parts.headers.clone(),
                    body: bytes.clone(),
                },
            );
            Response::from_parts(parts, Body::from(bytes))
        }
        Err(e) => {
            crate::error::ApiError::internal(format!("reading the response: {e}")).into_response()
        }
    }
}
