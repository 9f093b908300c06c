//! The batch write, once for both backends: deduplicate articles, store the
//! mentions of new ones, re-fuse their neighbourhood and replace the fused
//! events it touches. The caller runs it inside one transaction.

use std::collections::BTreeMap;

use dateline_fuse::Mention;

use crate::keys;
use crate::rows::{self, EventRow};
use crate::sql::{Conn, Dialect};
use crate::tables;
use crate::types::{BatchReport, NewArticle};
use crate::StoreError;
use dateline_clean::Fingerprint;

/// PostgreSQL advisory lock key serialising batch writes: two ingests
/// re-fusing one neighbourhood at once would each replace the other's
/// events. (SQLite serialises writers by itself.)
const WRITE_LOCK: i64 = 0x6461_7465_6c69_6e65;

/// Writes one batch; the caller commits.
pub(crate) fn write_batch(
    tx: &mut dyn Conn,
    batch: &[NewArticle],
) -> Result<BatchReport, StoreError> {
    if tx.dialect() == Dialect::Postgres {
        tx.exec("SELECT pg_advisory_xact_lock($1)", vec![WRITE_LOCK.into()])?;
    }
    let mut report = BatchReport::default();
    let mut seeds = Vec::new();
    for item in batch {
        let article = &item.article;
        let id = keys::article_id(&article.text);
        let source = rows::source_of(article);
        let stored = if tables::has_article(tx, &id)? {
            report.duplicates += 1;
            Some(id.clone())
        } else {
            let fp = dateline_clean::fingerprint(&article.text);
            let near = near_duplicate(tx, &fp)?;
            if near.is_some() {
                report.near_duplicates += 1;
            } else {
                tables::insert_article(tx, &id, article, &fp)?;
                report.articles += 1;
            }
            near
        };
        if let Some(existing) = stored {
            report.links += usize::from(tables::link(tx, &existing, &source)?);
            continue;
        }
        report.links += usize::from(tables::link(tx, &id, &source)?);
        for (ordinal, event) in item.events.iter().enumerate() {
            let mention = Mention {
                key: keys::mention_key(&id, ordinal),
                event: event.clone(),
                outlet: article.outlet.clone(),
            };
            tables::insert_mention(tx, &id, &mention)?;
            seeds.push(mention);
        }
        report.mentions += item.events.len();
    }
    if !seeds.is_empty() {
        report.events = refuse(tx, &seeds)?;
    }
    Ok(report)
}

/// The stored article this fingerprint nearly equals, if any: the most
/// similar, the smallest id among equals, so the answer does not depend
/// on query order.
fn near_duplicate(tx: &mut dyn Conn, fp: &Fingerprint) -> Result<Option<String>, StoreError> {
    let mut best: Option<(f64, String)> = None;
    for (id, other) in tables::band_candidates(tx, fp)? {
        let sim = fp.similarity(&other);
        let better = best
            .as_ref()
            .is_none_or(|(s, b)| sim > *s || (sim == *s && id < *b));
        if fp.is_near_duplicate(&other) && better {
            best = Some((sim, id));
        }
    }
    Ok(best.map(|(_, id)| id))
}

/// Re-fuses the neighbourhood of new mentions and replaces every fused
/// event it touches. Returns how many events were written.
fn refuse(tx: &mut dyn Conn, seeds: &[Mention]) -> Result<usize, StoreError> {
    let hood = dateline_fuse::neighbourhood(seeds, |w| tables::mentions_in(tx, w))?;
    let keys: Vec<String> = hood.iter().map(|m| m.key.clone()).collect();
    for id in tables::events_with_members(tx, &keys)? {
        tables::delete_event(tx, &id)?;
    }
    // Every member's article, by the (source, index) its events cite.
    let articles: BTreeMap<(String, u32), String> = hood
        .iter()
        .map(|m| {
            let a = &m.event.article;
            (
                (a.source.clone(), a.index),
                article_of_key(&m.key).to_owned(),
            )
        })
        .collect();
    let fused = dateline_fuse::fuse(&hood);
    for f in &fused {
        let members: Vec<(String, String)> = f
            .members
            .iter()
            .map(|k| (k.clone(), article_of_key(k).to_owned()))
            .collect();
        tables::insert_event(tx, &EventRow::new(&f.id, &f.event, &articles)?, &members)?;
    }
    Ok(fused.len())
}

/// The article id part of a mention key.
fn article_of_key(key: &str) -> &str {
    key.rsplit_once(':').map_or(key, |(a, _)| a)
}
