//! `dateline serve`: a JSON API over the event store and the offline web
//! map, both from the one binary.
//!
//! The page and every library it uses are compiled in ([`assets`]); the map
//! draws country outlines from vendored files, so nothing is fetched from
//! the network. Reads are open unless `protect_reads` is set; writes
//! (`POST /api/ingest`) need the bearer token the server was started with,
//! and are closed when it has none.

mod assets;
mod auth;
mod cache;
mod error;
mod evidence;
mod filters;
mod limit;
mod openapi;
mod params;
mod pipeline;
mod pool;
mod routes;

use std::net::SocketAddr;
use std::sync::Arc;

use axum::extract::DefaultBodyLimit;
use axum::middleware::from_fn_with_state;
use axum::routing::{get, post};
use axum::Router;

pub use error::ApiError;
use pool::Pool;

/// The default request body limit: 10 MiB, well above a news page.
pub const DEFAULT_BODY_LIMIT: usize = 10 * 1024 * 1024;

/// How the server is set up.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// SQLite path or PostgreSQL URL.
    pub db: String,
    /// Bearer token for writes (and reads when `protect_reads`).
    pub token: Option<String>,
    pub protect_reads: bool,
    /// Largest accepted request body, in bytes; larger gets 413.
    pub body_limit: usize,
    /// Open database connections, so as many queries run at once.
    pub connections: usize,
}

impl ServeOptions {
    pub fn new(db: impl Into<String>) -> Self {
        ServeOptions {
            db: db.into(),
            token: None,
            protect_reads: false,
            body_limit: DEFAULT_BODY_LIMIT,
            // Several per core: a slow query (a cache miss on a large
            // store) then holds one connection while others answer.
            connections: std::thread::available_parallelism()
                .map_or(2, |n| n.get())
                .saturating_mul(4)
                .clamp(8, 32),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error(transparent)]
    Store(#[from] dateline_store::StoreError),
    #[error("--protect-reads needs a token (--token or DATELINE_TOKEN)")]
    ProtectWithoutToken,
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        addr: SocketAddr,
        source: std::io::Error,
    },
    #[error("server: {0}")]
    Io(#[from] std::io::Error),
}

/// What every handler shares.
#[derive(Clone)]
pub struct App {
    pool: Arc<Pool>,
    pipeline: pipeline::Lazy,
}

/// The full router: API, OpenAPI document, health check and the page.
pub fn router(opts: &ServeOptions) -> Result<Router, ServeError> {
    if opts.protect_reads && opts.token.as_deref().unwrap_or("").is_empty() {
        return Err(ServeError::ProtectWithoutToken);
    }
    let app = App {
        pool: Pool::open(&opts.db, opts.connections)?,
        pipeline: pipeline::Lazy::default(),
    };
    let auth = auth::Auth::new(opts.token.clone());
    let guard = || from_fn_with_state(auth.clone(), auth::require_token);
    let mut reads = Router::new()
        .route("/api/events", get(routes::events::list))
        .route("/api/events/{id}", get(routes::events::show))
        .route("/api/articles", get(routes::articles::list))
        .route("/api/articles/{id}", get(routes::articles::show))
        .route("/api/stats", get(routes::stats::get));
    // The token check runs first (outermost), so the cache never answers
    // a caller without it.
    reads = reads.route_layer(from_fn_with_state(
        cache::Cache::for_db(&opts.db),
        cache::layer,
    ));
    if opts.protect_reads {
        reads = reads.route_layer(guard());
    }
    let writes = Router::new()
        .route("/api/ingest", post(routes::ingest::post))
        // The token is checked before any of the body is read.
        .route_layer(from_fn_with_state(opts.body_limit, limit::enforce))
        .route_layer(guard())
        .layer(DefaultBodyLimit::max(opts.body_limit));
    Ok(Router::new()
        .merge(reads)
        .merge(writes)
        .route("/healthz", get(routes::healthz))
        .route("/openapi.json", get(openapi::get))
        .route("/", get(assets::index))
        .route("/{*path}", get(assets::file))
        .with_state(app))
}

/// Serves until Ctrl-C (or SIGTERM). `ready` is called with the bound
/// address once the server accepts connections, so a caller asking for port
/// 0 learns the port, and `--open` opens the page only when it can load.
pub fn run(
    opts: &ServeOptions,
    addr: SocketAddr,
    ready: impl FnOnce(SocketAddr),
) -> Result<(), ServeError> {
    let router = router(opts)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .map_err(|source| ServeError::Bind { addr, source })?;
        ready(listener.local_addr()?);
        axum::serve(listener, router)
            .with_graceful_shutdown(shutdown())
            .await?;
        Ok(())
    })
}

async fn shutdown() {
    let ctrl_c = async {
        // Without a signal handler the server simply runs until killed.
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
}
