//! The web page and its vendored libraries, compiled into the binary so the
//! map works with no network and no files beside the executable.

use axum::extract::Path;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use rust_embed::RustEmbed;

use crate::error::ApiError;

#[derive(RustEmbed)]
#[folder = "../../web/"]
#[exclude = "*.sh"]
#[exclude = "*.md"]
struct Web;

pub async fn index(headers: HeaderMap) -> Response {
    asset("index.html", &headers)
}

pub async fn file(Path(path): Path<String>, headers: HeaderMap) -> Response {
    asset(&path, &headers)
}

/// Answers with the file, or 304 when the browser already has this build of
/// it: the ETag is the file's hash, so a new binary never serves stale code.
fn asset(path: &str, headers: &HeaderMap) -> Response {
    let Some(file) = Web::get(path) else {
        return ApiError::new(StatusCode::NOT_FOUND, format!("no such file `/{path}`"))
            .into_response();
    };
    let etag = format!("\"{}\"", hex(&file.metadata.sha256_hash()[..12]));
    let fresh = headers
        .get(header::IF_NONE_MATCH)
        .is_some_and(|v| v.as_bytes() == etag.as_bytes());
    let mut res = if fresh {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        file.data.into_owned().into_response()
    };
    let h = res.headers_mut();
    if let Ok(v) = HeaderValue::from_str(file.metadata.mimetype()) {
        h.insert(header::CONTENT_TYPE, v);
    }
    if let Ok(v) = HeaderValue::from_str(&etag) {
        h.insert(header::ETAG, v);
    }
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    res
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
