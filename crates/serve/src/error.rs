//! The one error shape every endpoint answers with:
//! `{"error": "...", "parameter": "..."}`, the parameter only when one is
//! to blame, so a client can point at the field the user has to fix.

use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ApiError {
    #[serde(skip)]
    pub status: StatusCode,
    pub error: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parameter: Option<String>,
}

impl ApiError {
    /// 400 naming the query parameter or body field at fault.
    pub fn param(name: &str, message: impl std::fmt::Display) -> Self {
        ApiError {
            status: StatusCode::BAD_REQUEST,
            error: format!("parameter `{name}`: {message}"),
            parameter: Some(name.to_string()),
        }
    }

    pub fn bad_request(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, message)
    }

    pub fn not_found(what: &str, id: &str) -> Self {
        Self::new(StatusCode::NOT_FOUND, format!("no {what} with id `{id}`"))
    }

    pub fn internal(message: impl std::fmt::Display) -> Self {
        Self::new(StatusCode::INTERNAL_SERVER_ERROR, message.to_string())
    }

    pub fn new(status: StatusCode, message: impl Into<String>) -> Self {
        ApiError {
            status,
            error: message.into(),
            parameter: None,
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = serde_json::to_vec(&self).unwrap_or_else(|_| b"{}".to_vec());
        let mut res = (
            self.status,
            [(header::CONTENT_TYPE, "application/json")],
            body,
        )
            .into_response();
        if self.status == StatusCode::UNAUTHORIZED {
            res.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                header::HeaderValue::from_static("Bearer realm=\"dateline\""),
            );
        }
        res
    }
}

/// A bad query is the caller's fault (400); anything else is ours (500),
/// and is also logged, since the client sees only the message.
impl From<dateline_store::StoreError> for ApiError {
    fn from(e: dateline_store::StoreError) -> Self {
        match e {
            dateline_store::StoreError::Query(msg) => ApiError::bad_request(msg),
            other => {
                eprintln!("dateline serve: {other}");
                ApiError::internal(other)
            }
        }
    }
}

pub type ApiResult<T> = Result<T, ApiError>;
