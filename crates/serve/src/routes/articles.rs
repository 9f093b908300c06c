//! `/api/articles` (listing or full-text search) and `/api/articles/{id}`
//! (the cleaned text with the spans of the events read from it).

use axum::extract::{Path, RawQuery, State};
use axum::Json;
use chrono::NaiveDate;
use dateline_model::EventType;
use dateline_store::{
    ArticleQuery, ArticleSource, EventQuery, Store, StoreError, StoredArticle, StoredEvent,
};
use serde::Serialize;

use crate::error::{ApiError, ApiResult};
use crate::params::Params;
use crate::App;

/// An article without its body, for listings.
#[derive(Serialize)]
pub struct ArticleSummary {
    id: String,
    source: String,
    index: u32,
    title: Option<String>,
    outlet: Option<String>,
    published: Option<NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    language: Option<String>,
}

impl From<&StoredArticle> for ArticleSummary {
    fn from(a: &StoredArticle) -> Self {
        let x = &a.article;
        ArticleSummary {
            id: a.id.clone(),
            source: x.source.clone(),
            index: x.index,
            title: x.title.clone(),
            outlet: x.outlet.clone(),
            published: x.published,
            url: x.url.clone(),
            language: x.language.clone(),
        }
    }
}

#[derive(Serialize)]
pub struct ArticlePage {
    articles: Vec<ArticleSummary>,
    next: Option<String>,
}

pub async fn list(State(app): State<App>, RawQuery(raw): RawQuery) -> ApiResult<Json<ArticlePage>> {
    let mut p = Params::parse(raw.as_deref())?;
    let limit = p.bounded("limit", 1, 1000, 50)? as usize;
    let q = p.string("q");
    let query = ArticleQuery {
        outlet: p.string("outlet"),
        since: p.date("since")?,
        until: p.date("until")?,
        language: p.string("language"),
        limit: Some(limit + 1),
        after: p.string("cursor"),
    };
    p.finish()?;
    if let Some(words) = q {
        // Search ranks by relevance and has no cursor: one page, best first.
        let narrowed = query.outlet.is_some() || query.since.is_some() || query.until.is_some();
        if narrowed || query.language.is_some() || query.after.is_some() {
            return Err(ApiError::param(
                "q",
                "full-text search cannot be combined with other article filters or a cursor",
            ));
        }
        let hits = app.pool.run(move |s| s.search(&words, limit)).await?;
        let articles = hits
            .into_iter()
            .map(|h| ArticleSummary {
                id: h.id,
                source: h.source,
                index: h.index,
                title: h.title,
                outlet: h.outlet,
                published: h.published,
                url: None,
                language: None,
            })
            .collect();
        return Ok(Json(ArticlePage {
            articles,
            next: None,
        }));
    }
    let mut rows = app.pool.run(move |s| s.articles(&query)).await?;
    let next = if rows.len() > limit {
        rows.truncate(limit);
        rows.last().map(StoredArticle::cursor)
    } else {
        None
    };
    Ok(Json(ArticlePage {
        articles: rows.iter().map(ArticleSummary::from).collect(),
        next,
    }))
}

/// Where an event's claim sits in the article.
#[derive(Serialize, Debug, PartialEq)]
pub struct EventSpan {
    event: String,
    event_type: EventType,
    start: usize,
    end: usize,
}

#[derive(Serialize)]
pub struct ArticleView {
    article: ArticleSummary,
    #[serde(skip_serializing_if = "Option::is_none")]
    dateline: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    byline: Option<String>,
    sources: Vec<ArticleSource>,
    text: String,
    captions: Vec<String>,
    events: Vec<EventSpan>,
}

pub async fn show(
    State(app): State<App>,
    Path(id): Path<String>,
    RawQuery(raw): RawQuery,
) -> ApiResult<Json<ArticleView>> {
    Params::parse(raw.as_deref())?.finish()?;
    let key = id.clone();
    let (stored, events) = app
        .pool
        .run(move |s| -> Result<_, StoreError> {
            let Some(a) = s.article(&key)? else {
                return Ok(None);
            };
            let events = events_of(s, &a)?;
            Ok(Some((a, events)))
        })
        .await?
        .ok_or_else(|| ApiError::not_found("article", &id))?;
    let spans = spans_in(&stored, &events);
    Ok(Json(ArticleView {
        article: ArticleSummary::from(&stored),
        dateline: stored.article.dateline,
        byline: stored.article.byline,
        sources: stored.sources,
        text: stored.article.text,
        captions: stored.article.captions,
        events: spans,
    }))
}

/// How many events [`events_of`] looks through at most.
const SCAN_LIMIT: usize = 50_000;

/// The events read from article `a`.
// TODO(store): an `EventQuery::article` filter would make this one query;
// until then, the events of the article's outlet are scanned.
fn events_of(s: &mut dyn Store, a: &StoredArticle) -> Result<Vec<StoredEvent>, StoreError> {
    let mut found = Vec::new();
    let mut query = EventQuery {
        source: a.article.outlet.clone(),
        limit: Some(1000),
        ..EventQuery::default()
    };
    let mut seen = 0;
    while seen < SCAN_LIMIT {
        let rows = s.events(&query)?;
        seen += rows.len();
        let full = rows.len() == 1000;
        query.after = rows.last().map(StoredEvent::cursor);
        found.extend(
            rows.into_iter()
                .filter(|e| e.sources.iter().any(|src| src.article == a.id)),
        );
        if !full {
            break;
        }
    }
    Ok(found)
}

/// The claim spans of `events` that were read from `a`, in text order.
fn spans_in(a: &StoredArticle, events: &[StoredEvent]) -> Vec<EventSpan> {
    let is_this = |src: &str, idx: u32| a.sources.iter().any(|s| s.source == src && s.index == idx);
    let mut spans: Vec<EventSpan> = events
        .iter()
        .flat_map(|e| {
            e.event.claims.iter().filter_map(move |c| {
                let r = c.article.as_ref().unwrap_or(&e.event.article);
                is_this(&r.source, r.index).then(|| EventSpan {
                    event: e.id.clone(),
                    event_type: e.event.event_type,
                    start: c.start,
                    end: c.end,
                })
            })
        })
        .collect();
    spans.sort_by(|x, y| (x.start, x.end, &x.event).cmp(&(y.start, y.end, &y.event)));
    spans.dedup();
    spans
}
