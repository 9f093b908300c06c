//! `/api/events` (filtered, paged, as JSON, JSON Lines, CSV or GeoJSON) and
//! `/api/events/{id}` (one event with every claim and its evidence).

use std::collections::BTreeMap;

use axum::extract::{Path, RawQuery, State};
use axum::http::{header, HeaderMap, HeaderValue};
use axum::response::{IntoResponse, Response};
use axum::Json;
use dateline_model::{Claim, Event};
use dateline_store::{export, EventSource, StoredEvent};
use serde::Serialize;

use crate::error::{ApiError, ApiResult};
use crate::evidence::{field_spans, FieldSpan};
use crate::filters::event_query;
use crate::params::Params;
use crate::App;

/// Page sizes: a JSON page is for an interface, an export for a file.
const JSON_LIMIT: (u64, u64) = (100, 1000);
const EXPORT_LIMIT: (u64, u64) = (100_000, 100_000);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Json,
    Jsonl,
    Csv,
    GeoJson,
}

impl Format {
    const NAMES: [&'static str; 4] = ["json", "jsonl", "csv", "geojson"];

    fn from_name(name: &str) -> Format {
        match name {
            "jsonl" => Format::Jsonl,
            "csv" => Format::Csv,
            "geojson" => Format::GeoJson,
            _ => Format::Json,
        }
    }

    /// From `format=`, else the first media type in `Accept` we know.
    fn choose(p: &mut Params, headers: &HeaderMap) -> ApiResult<Format> {
        if let Some(name) = p.string("format") {
            return Self::NAMES
                .contains(&name.as_str())
                .then(|| Self::from_name(&name))
                .ok_or_else(|| {
                    ApiError::param(
                        "format",
                        format!("expected one of json, jsonl, csv, geojson, got `{name}`"),
                    )
                });
        }
        let accept = headers
            .get(header::ACCEPT)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        for media in accept
            .split(',')
            .map(|m| m.split(';').next().unwrap_or("").trim())
        {
            match media {
                "text/csv" => return Ok(Format::Csv),
                "application/geo+json" => return Ok(Format::GeoJson),
                "application/jsonl" | "application/x-ndjson" => return Ok(Format::Jsonl),
                "application/json" => return Ok(Format::Json),
                _ => {}
            }
        }
        Ok(Format::Json)
    }

    fn content_type(self) -> &'static str {
        match self {
            Format::Json => "application/json",
            Format::Jsonl => "application/jsonl",
            Format::Csv => "text/csv; charset=utf-8",
            Format::GeoJson => "application/geo+json",
        }
    }
}

/// The spec §8 interchange record with the store's id in it.
pub fn interchange(stored: StoredEvent) -> Event {
    let mut event = stored.event;
    event.id = Some(stored.id);
    event
}

#[derive(Serialize)]
struct EventPage {
    events: Vec<Event>,
    next: Option<String>,
}

pub async fn list(
    State(app): State<App>,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
) -> ApiResult<Response> {
    let mut p = Params::parse(raw.as_deref())?;
    let format = Format::choose(&mut p, &headers)?;
    let (default, max) = if format == Format::Json {
        JSON_LIMIT
    } else {
        EXPORT_LIMIT
    };
    let limit = p.bounded("limit", 1, max, default)? as usize;
    let after = p.string("cursor");
    let mut query = event_query(&mut p)?;
    p.finish()?;
    query.after = after;
    // One more than asked tells whether there is a next page.
    query.limit = Some(limit + 1);
    let mut rows = app.pool.run(move |s| s.events(&query)).await?;
    let next = if rows.len() > limit {
        rows.truncate(limit);
        rows.last().map(StoredEvent::cursor)
    } else {
        None
    };
    if format == Format::Json {
        let events = rows.into_iter().map(interchange).collect();
        return Ok(Json(EventPage { events, next }).into_response());
    }
    // The same writers as `dateline events --format`.
    let mut body = Vec::new();
    let written = match format {
        Format::Csv => export::csv(&rows, &mut body),
        Format::GeoJson => export::geojson(&rows, &mut body),
        Format::Jsonl | Format::Json => export::jsonl(&rows, &mut body),
    };
    written.map_err(ApiError::internal)?;
    let mut res = ([(header::CONTENT_TYPE, format.content_type())], body).into_response();
    // Exports are files: the cursor to the rest travels in a header.
    if let Some(v) = next.and_then(|n| HeaderValue::from_str(&n).ok()) {
        res.headers_mut().insert("x-next-cursor", v);
    }
    Ok(res)
}

/// A stored article an event was read from, as the panel shows it.
#[derive(Serialize, Clone)]
struct ArticleInfo {
    id: Option<String>,
    source: String,
    index: u32,
    title: Option<String>,
    outlet: Option<String>,
    published: Option<chrono::NaiveDate>,
    url: Option<String>,
}

#[derive(Serialize)]
struct Sentence {
    start: usize,
    end: usize,
    text: String,
}

#[derive(Serialize)]
struct ClaimView {
    #[serde(flatten)]
    claim: Claim,
    article: ArticleInfo,
    sentence: Option<Sentence>,
    spans: Vec<FieldSpan>,
}

#[derive(Serialize)]
struct EventView {
    event: Event,
    sources: Vec<EventSource>,
    claims: Vec<ClaimView>,
}

pub async fn show(
    State(app): State<App>,
    Path(id): Path<String>,
    RawQuery(raw): RawQuery,
) -> ApiResult<Response> {
    Params::parse(raw.as_deref())?.finish()?;
    let key = id.clone();
    let stored = app
        .pool
        .run(move |s| s.event(&key))
        .await?
        .ok_or_else(|| ApiError::not_found("event", &id))?;
    let sources = stored.sources.clone();
    let event = interchange(stored);
    let by_ref: BTreeMap<(&str, u32), &EventSource> = sources
        .iter()
        .map(|s| ((s.source.as_str(), s.index), s))
        .collect();
    let claims = event
        .claims
        .iter()
        .map(|claim| {
            let r = claim.article.as_ref().unwrap_or(&event.article);
            let stored = by_ref.get(&(r.source.as_str(), r.index));
            let article = ArticleInfo {
                id: stored.map(|s| s.article.clone()),
                source: r.source.clone(),
                index: r.index,
                title: r
                    .title
                    .clone()
                    .or_else(|| stored.and_then(|s| s.title.clone())),
                outlet: stored.and_then(|s| s.outlet.clone()),
                published: r.published.or_else(|| stored.and_then(|s| s.published)),
                url: stored.and_then(|s| s.url.clone()),
            };
            let sentence = claim.text.clone().map(|text| Sentence {
                start: claim.start,
                end: claim.end,
                text,
            });
            let spans = sentence
                .as_ref()
                .map(|s| field_spans(&event, claim, &s.text, s.start))
                .unwrap_or_default();
            let mut bare = claim.clone();
            bare.text = None;
            bare.article = None;
            ClaimView {
                claim: bare,
                article,
                sentence,
                spans,
            }
        })
        .collect();
    Ok(Json(EventView {
        event,
        sources,
        claims,
    })
    .into_response())
}
