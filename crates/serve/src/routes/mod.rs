//! The API's handlers, one module per resource.

pub mod articles;
pub mod events;
pub mod ingest;
pub mod stats;

use axum::Json;
use serde_json::{json, Value};

/// Liveness only: answers without touching the database, so a slow query
/// never makes a supervisor restart a healthy server.
pub async fn healthz() -> Json<Value> {
    Json(json!({"status": "ok", "version": env!("CARGO_PKG_VERSION")}))
}
