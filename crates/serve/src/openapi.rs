//! `GET /openapi.json`: the API described in OpenAPI 3.1, written by hand
//! beside this file and checked against the router by the tests.

use axum::http::header;
use axum::response::IntoResponse;

pub const DOCUMENT: &str = include_str!("openapi.json");

pub async fn get() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "application/json")], DOCUMENT)
}

#[cfg(test)]
mod tests {
    use serde_json::Value;

    #[test]
    fn documents_every_route_and_filter() {
        let doc: Value = serde_json::from_str(super::DOCUMENT).expect("openapi.json is JSON");
        for path in [
            "/api/events",
            "/api/events/{id}",
            "/api/articles",
            "/api/articles/{id}",
            "/api/stats",
            "/api/ingest",
            "/openapi.json",
            "/healthz",
            "/",
        ] {
            assert!(doc["paths"].get(path).is_some(), "{path} not documented");
        }
        let params = doc["paths"]["/api/events"]["get"]["parameters"]
            .as_array()
            .expect("parameters");
        let names: Vec<String> = params
            .iter()
            .map(|p| match p.get("$ref").and_then(Value::as_str) {
                Some(r) => r.rsplit('/').next().unwrap_or_default().to_string(),
                None => p["name"].as_str().unwrap_or_default().to_string(),
            })
            .collect();
        for name in crate::filters::NAMES
            .iter()
            .chain(&["limit", "cursor", "format"])
        {
            assert!(
                names.iter().any(|n| n == name),
                "/api/events parameter {name} not documented"
            );
        }
    }
}
