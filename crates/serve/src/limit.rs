//! The request body limit, enforced so that the client reads the 413.
//!
//! Rejecting an oversized body from its `Content-Length` alone and closing
//! the connection leaves the unread bytes in the server's socket; the
//! kernel then resets the connection and the client, still writing, sees
//! "connection reset" instead of the 413 it was sent. So the body is read
//! (and discarded past the limit) up to a bounded overshoot before the
//! answer goes out; only a body beyond that is cut off unread.

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http_body_util::BodyExt;

use crate::error::ApiError;

/// Reads the whole body if it is within `limit` bytes and hands the request
/// on; otherwise answers 413.
pub async fn enforce(State(limit): State<usize>, req: Request, next: Next) -> Response {
    let (parts, body) = req.into_parts();
    match read_within(body, limit).await {
        Ok(bytes) => {
            next.run(Request::from_parts(parts, Body::from(bytes)))
                .await
        }
        Err(e) => e.into_response(),
    }
}

async fn read_within(mut body: Body, limit: usize) -> Result<Bytes, ApiError> {
    // Twice the limit: enough for the common "a bit too big" upload to be
    // answered cleanly, while a huge one does not cost a huge read.
    let drain_until = limit.saturating_mul(2);
    let mut kept = Vec::new();
    let mut seen = 0usize;
    while let Some(frame) = body.frame().await {
        let frame = frame
            .map_err(|e| ApiError::new(StatusCode::BAD_REQUEST, format!("request body: {e}")))?;
        let Ok(data) = frame.into_data() else {
            continue; // trailers
        };
        seen = seen.saturating_add(data.len());
        if seen <= limit {
            kept.extend_from_slice(&data);
        } else if seen > drain_until {
            break;
        }
    }
    if seen > limit {
        return Err(ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!("request body: larger than the limit of {limit} bytes"),
        ));
    }
    Ok(Bytes::from(kept))
}
