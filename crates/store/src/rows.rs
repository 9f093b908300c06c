//! The flat columns both backends store for an article and a fused event,
//! derived from the model types in one place so the two schemas cannot
//! drift apart.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use dateline_model::{Article, ArticleRef, Claim, DateOrigin, Event};

use crate::keys;
use crate::types::ArticleSource;
use crate::StoreError;

/// A claim as stored: the claim itself and the stored article it was read
/// from.
pub(crate) struct ClaimRow<'a> {
    pub ordinal: u32,
    pub article_id: Option<&'a str>,
    pub claim: &'a Claim,
}

/// A fused event's filter and sort columns. The full event (minus its
/// claims, which live in their own table) is stored as JSON beside them.
pub(crate) struct EventRow<'a> {
    pub id: &'a str,
    pub sort_key: String,
    pub event_type: &'static str,
    pub sub_event_type: &'static str,
    pub country: Option<&'a str>,
    pub admin1: Option<&'a str>,
    pub location: Option<&'a str>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub date_start: Option<NaiveDate>,
    pub date_end: Option<NaiveDate>,
    pub fatalities: Option<i64>,
    pub actor1: Option<&'a str>,
    pub actor2: Option<&'a str>,
    pub modality: &'static str,
    /// The event without claims, as JSON.
    pub json: String,
    pub claims: Vec<ClaimRow<'a>>,
}

impl<'a> EventRow<'a> {
    /// `articles` maps (source, index) of every member mention's article
    /// to its stored id, so each claim can name its stored article.
    pub fn new(
        id: &'a str,
        event: &'a Event,
        articles: &'a BTreeMap<(String, u32), String>,
    ) -> Result<EventRow<'a>, StoreError> {
        let mut bare = event.clone();
        bare.id = None;
        bare.claims.clear();
        let article_of = |r: &ArticleRef| {
            articles
                .get(&(r.source.clone(), r.index))
                .map(String::as_str)
        };
        let claims = event
            .claims
            .iter()
            .enumerate()
            .map(|(i, claim)| ClaimRow {
                ordinal: i as u32,
                article_id: article_of(claim.article.as_ref().unwrap_or(&event.article)),
                claim,
            })
            .collect();
        let loc = event.location.as_ref();
        let json = serde_json::to_string(&bare).map_err(|e| StoreError::Corrupt {
            id: id.to_owned(),
            problem: e.to_string(),
        })?;
        Ok(EventRow {
            id,
            sort_key: keys::event_sort_key(id, event.date.map(|d| d.start)),
            event_type: event.event_type.as_str(),
            sub_event_type: event.sub_event_type.as_str(),
            country: loc.and_then(|l| l.country.as_deref()),
            admin1: loc.and_then(|l| l.admin1.as_deref()),
            location: loc.map(|l| l.name.as_str()),
            lat: loc.map(|l| l.lat),
            lon: loc.map(|l| l.lon),
            date_start: event.date.map(|d| d.start),
            date_end: event.date.map(|d| d.end),
            fatalities: event
                .fatalities
                .as_ref()
                .and_then(|f| f.best)
                .map(i64::from),
            actor1: event.actor1.as_ref().map(|a| a.name.as_str()),
            actor2: event.actor2.as_ref().map(|a| a.name.as_str()),
            modality: modality_str(event),
            json,
            claims,
        })
    }
}

fn modality_str(event: &Event) -> &'static str {
    match event.modality {
        dateline_model::Modality::Asserted => "asserted",
        dateline_model::Modality::Claimed => "claimed",
        dateline_model::Modality::Disputed => "disputed",
    }
}

/// The source link an article brings with it.
pub(crate) fn source_of(article: &Article) -> ArticleSource {
    ArticleSource {
        source: article.source.clone(),
        index: article.index,
        outlet: article.outlet.clone(),
        url: article.url.clone(),
        published: article.published,
        published_from: article.published_from,
        title: article.title.clone(),
    }
}

/// The lowercase name a date origin is stored under (its serde name).
pub(crate) fn origin_str(o: DateOrigin) -> &'static str {
    match o {
        DateOrigin::Text => "text",
        DateOrigin::Meta => "meta",
        DateOrigin::Manifest => "manifest",
        DateOrigin::Warc => "warc",
        DateOrigin::Cli => "cli",
    }
}

pub(crate) fn parse_origin(s: &str) -> Option<DateOrigin> {
    serde_json::from_value(serde_json::Value::String(s.to_owned())).ok()
}
