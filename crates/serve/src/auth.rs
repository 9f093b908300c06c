//! Bearer-token checks. Writes are closed unless the server was given a
//! token; reads are open unless `protect_reads` is set.

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{header, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::error::ApiError;

#[derive(Clone, Default)]
pub struct Auth {
    token: Option<Arc<str>>,
}

impl Auth {
    pub fn new(token: Option<String>) -> Self {
        Auth {
            token: token.filter(|t| !t.is_empty()).map(Arc::from),
        }
    }

    fn check(&self, req: &Request) -> Result<(), ApiError> {
        let Some(expected) = &self.token else {
            // 401 rather than 403: whoever calls cannot do anything about
            // it but authenticate against a server that has a token.
            return Err(ApiError::new(
                StatusCode::UNAUTHORIZED,
                "writes are disabled: the server was started without --token or DATELINE_TOKEN",
            ));
        };
        let given = req
            .headers()
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "));
        match given {
            Some(t) if same(t.trim().as_bytes(), expected.as_bytes()) => Ok(()),
            Some(_) => Err(ApiError::new(
                StatusCode::UNAUTHORIZED,
                "wrong bearer token",
            )),
            None => Err(ApiError::new(
                StatusCode::UNAUTHORIZED,
                "this endpoint needs an `Authorization: Bearer <token>` header",
            )),
        }
    }
}

/// Compares in time independent of where the first difference is, so the
/// token cannot be guessed byte by byte from response times.
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

pub async fn require_token(State(auth): State<Auth>, req: Request, next: Next) -> Response {
    match auth.check(&req) {
        Ok(()) => next.run(req).await,
        Err(e) => e.into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::same;

    #[test]
    fn compares_whole_tokens() {
        assert!(same(b"secret", b"secret"));
        assert!(!same(b"secret", b"secreT"));
        assert!(!same(b"secret", b"secrets"));
    }
}
