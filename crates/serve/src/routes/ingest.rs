//! `POST /api/ingest`: one article in, its events out.
//!
//! Two ways to send it:
//! - `Content-Type: application/json`, a body
//!   `{"text": "...", "format": "html"|"text", "source", "url", "published", "outlet", "title"}`
//!   where only `text` is required;
//! - anything else (an HTML page, plain text, a feed, a WARC, gzipped or
//!   not) as the raw body, with the same metadata as query parameters.
//!
//! The body is read as `dateline ingest` reads a file, run through the
//! pipeline and stored; the answer lists the events extracted from it.

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{RawQuery, State};
use axum::http::{header, HeaderMap};
use axum::Json;
use chrono::NaiveDate;
use dateline_ingest::ReadOptions;
use dateline_model::{DateOrigin, Event, RawDocument, SourceMeta};
use dateline_store::{BatchReport, NewArticle};
use serde::Serialize;
use serde_json::{Map, Value};

use crate::error::{ApiError, ApiResult};
use crate::params::Params;
use crate::App;

const JSON_FIELDS: &[&str] = &[
    "text",
    "format",
    "source",
    "url",
    "published",
    "outlet",
    "title",
];

/// One article the body held, with its stored id and its events.
#[derive(Serialize)]
pub struct IngestedArticle {
    pub id: String,
    pub source: String,
    pub index: u32,
    pub title: Option<String>,
    pub events: Vec<Event>,
}

#[derive(Serialize)]
pub struct IngestReply {
    pub articles: Vec<IngestedArticle>,
    pub report: BatchReport,
}

pub async fn post(
    State(app): State<App>,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> ApiResult<Json<IngestReply>> {
    // The size limit was enforced before (crate::limit); what is left here
    // is a body that could not be read.
    let body =
        body.map_err(|r| ApiError::new(r.status(), format!("request body: {}", r.body_text())))?;
    let mut params = Params::parse(raw.as_deref())?;
    let is_json = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| {
            v.split(';')
                .next()
                .is_some_and(|m| m.trim() == "application/json")
        });
    let upload = if is_json {
        params.finish()?;
        Upload::from_json(&body)?
    } else {
        let upload = Upload::from_params(&mut params, body)?;
        params.finish()?;
        upload
    };
    let docs = upload.read()?;
    let processed = app.pipeline.process(docs).await?;
    let articles = processed
        .iter()
        .map(|p| IngestedArticle {
            id: dateline_store::article_id(&p.article.text),
            source: p.article.source.clone(),
            index: p.article.index,
            title: p.article.title.clone(),
            events: p.events.clone(),
        })
        .collect();
    let batch: Vec<NewArticle> = processed
        .into_iter()
        .map(|p| NewArticle {
            article: p.article,
            events: p.events,
        })
        .collect();
    let report = app.pool.run(move |store| store.write_batch(&batch)).await?;
    Ok(Json(IngestReply { articles, report }))
}

/// A request's article bytes and what the caller says about them.
struct Upload {
    source: String,
    bytes: Vec<u8>,
    meta: SourceMeta,
}

impl Upload {
    fn from_json(body: &[u8]) -> ApiResult<Upload> {
        let value: Value = serde_json::from_slice(body)
            .map_err(|e| ApiError::bad_request(format!("request body is not JSON: {e}")))?;
        let Value::Object(map) = value else {
            return Err(ApiError::bad_request(
                "request body: expected a JSON object with a `text` field",
            ));
        };
        if let Some(k) = map.keys().find(|k| !JSON_FIELDS.contains(&k.as_str())) {
            return Err(ApiError::param(
                k,
                format!("unknown field; expected {}", JSON_FIELDS.join(", ")),
            ));
        }
        let text = string(&map, "text")?.ok_or_else(|| ApiError::param("text", "required"))?;
        let ext = match string(&map, "format")?.as_deref() {
            None | Some("html") => "html",
            Some("text") => "txt",
            Some(other) => {
                return Err(ApiError::param(
                    "format",
                    format!("expected html or text, got `{other}`"),
                ))
            }
        };
        let published = string(&map, "published")?
            .map(|d| date("published", &d))
            .transpose()?;
        Ok(Upload {
            source: string(&map, "source")?.unwrap_or_else(|| default_name(text.as_bytes(), ext)),
            meta: meta(
                string(&map, "url")?,
                published,
                string(&map, "outlet")?,
                string(&map, "title")?,
            ),
            bytes: text.into_bytes(),
        })
    }

    fn from_params(p: &mut Params, body: Bytes) -> ApiResult<Upload> {
        let published = p.date("published")?;
        Ok(Upload {
            source: p
                .string("source")
                .unwrap_or_else(|| default_name(&body, "")),
            meta: meta(
                p.string("url"),
                published,
                p.string("outlet"),
                p.string("title"),
            ),
            bytes: body.to_vec(),
        })
    }

    /// Decodes the bytes as `dateline ingest` would a file of that name.
    fn read(self) -> ApiResult<Vec<RawDocument>> {
        if self.bytes.is_empty() {
            return Err(ApiError::bad_request(
                "request body is empty: send the article",
            ));
        }
        dateline_ingest::read_bytes(
            &self.source,
            &self.bytes,
            self.meta,
            &ReadOptions::default(),
        )
        .map_err(|e| ApiError::bad_request(e.to_string()))
    }
}

fn string(map: &Map<String, Value>, key: &str) -> ApiResult<Option<String>> {
    match map.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone()).filter(|s| !s.trim().is_empty())),
        Some(_) => Err(ApiError::param(key, "expected a string")),
    }
}

fn date(key: &str, s: &str) -> ApiResult<NaiveDate> {
    s.parse()
        .map_err(|_| ApiError::param(key, format!("expected a date YYYY-MM-DD, got `{s}`")))
}

fn meta(
    url: Option<String>,
    published: Option<NaiveDate>,
    outlet: Option<String>,
    title: Option<String>,
) -> SourceMeta {
    SourceMeta {
        url,
        published_from: published.map(|_| DateOrigin::Meta),
        published,
        outlet,
        title,
    }
}

/// A name for an upload that came without one: stable for the same bytes,
/// so posting twice names (and stores) the article once.
fn default_name(bytes: &[u8], ext: &str) -> String {
    // FNV-1a: tiny, deterministic across builds, enough to tell uploads apart.
    let hash = bytes.iter().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    });
    let dot = if ext.is_empty() { "" } else { "." };
    format!("posted-{hash:016x}{dot}{ext}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_uploads_are_checked_field_by_field() {
        let err = |body: &str| {
            Upload::from_json(body.as_bytes())
                .err()
                .and_then(|e| e.parameter)
        };
        assert_eq!(err(r#"{"txt": "x"}"#).as_deref(), Some("txt"));
        assert_eq!(err(r#"{"title": "x"}"#).as_deref(), Some("text"));
        assert_eq!(
            err(r#"{"text": "x", "published": "17 June"}"#).as_deref(),
            Some("published")
        );
        assert_eq!(
            err(r#"{"text": "x", "format": "pdf"}"#).as_deref(),
            Some("format")
        );
        let ok = Upload::from_json(
            br#"{"text": "Invented text.", "format": "text", "outlet": "Example"}"#,
        )
        .unwrap();
        assert!(ok.source.starts_with("posted-") && ok.source.ends_with(".txt"));
        assert_eq!(ok.meta.outlet.as_deref(), Some("Example"));
    }

    #[test]
    fn default_names_are_stable() {
        assert_eq!(default_name(b"a", "html"), default_name(b"a", "html"));
        assert_ne!(default_name(b"a", ""), default_name(b"b", ""));
    }
}
