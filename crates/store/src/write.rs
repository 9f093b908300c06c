//! The batch write, once for both backends: deduplicate articles, store the
//! mentions of new ones, re-fuse their neighbourhood and replace the fused
//! events it touches. The caller runs it inside one transaction.

use std::collections::{BTreeMap, BTreeSet};

use dateline_fuse::Mention;

use crate::bands::BandIndex;
use crate::copies::{Copies, Found, Incoming, StoredCopy};
use crate::keys;
use crate::rows::{self, EventRow};
use crate::sql::{Conn, Dialect};
use crate::tables;
use crate::types::{BatchReport, NewArticle};
use crate::StoreError;

/// PostgreSQL advisory lock key serialising batch writes: two ingests
/// re-fusing one neighbourhood at once would each replace the other's
/// events. (SQLite serialises writers by itself.)
const WRITE_LOCK: i64 = 0x6461_7465_6c69_6e65;

/// Writes one batch; the caller commits. `bands` is the in-memory part
/// of the band index as this store left it, replaced by the batch's.
pub(crate) fn write_batch(
    tx: &mut dyn Conn,
    bands: &mut Option<BandIndex>,
    batch: &[NewArticle],
) -> Result<BatchReport, StoreError> {
    if tx.dialect() == Dialect::Postgres {
        tx.exec("SELECT pg_advisory_xact_lock($1)", vec![WRITE_LOCK.into()])?;
    }
    let mut index = BandIndex::sync(tx, bands.take())?;
    let incoming: Vec<Incoming> = batch.iter().map(Incoming::new).collect();
    let mut copies = Copies::load(tx, &index, &incoming)?;
    let mut write = BatchWrite::new(&mut index);
    for item in &incoming {
        write.add(tx, &mut copies, item)?;
    }
    let report = write.finish(tx)?;
    *bands = Some(index);
    Ok(report)
}

/// What a batch has done so far, and the index work it leaves for its end.
struct BatchWrite<'a> {
    report: BatchReport,
    /// Rows of the articles this batch stored, for the full-text index.
    unindexed: BTreeSet<i64>,
    /// The near-duplicate index, which the stored articles join.
    bands: &'a mut BandIndex,
    /// Mentions this batch stored, by key.
    seeds: BTreeMap<String, Mention>,
    /// Members of fused events this batch dissolved, to fuse again.
    orphans: BTreeSet<String>,
}

impl<'a> BatchWrite<'a> {
    fn new(bands: &'a mut BandIndex) -> BatchWrite<'a> {
        BatchWrite {
            report: BatchReport::default(),
            unindexed: BTreeSet::new(),
            bands,
            seeds: BTreeMap::new(),
            orphans: BTreeSet::new(),
        }
    }

    /// Stores `item`, or links it to the stored copy it repeats; a copy
    /// that comes first by precedence takes the stored one's place.
    fn add(
        &mut self,
        tx: &mut dyn Conn,
        copies: &mut Copies,
        item: &Incoming,
    ) -> Result<(), StoreError> {
        let stored = match copies.matching(item) {
            None => {
                self.store(tx, copies, item)?;
                self.report.articles += 1;
                item.id.clone()
            }
            Some((copy, found)) => {
                if copy.id == item.id {
                    self.report.duplicates += 1;
                } else {
                    self.report.near_duplicates += 1;
                }
                let replaces = item.precedence < copy.precedence;
                if replaces {
                    self.replace(tx, copies, &copy, item)?;
                }
                if found == Found::ReadBefore {
                    // Its link is stored, and a replacement moved it.
                    return Ok(());
                }
                if replaces {
                    item.id.clone()
                } else {
                    copy.id
                }
            }
        };
        let source = rows::source_of(&item.item.article);
        self.report.links += usize::from(tables::link(tx, &stored, &item.id, &source)?);
        Ok(())
    }

    /// Stores a new article and its mentions.
    fn store(
        &mut self,
        tx: &mut dyn Conn,
        copies: &mut Copies,
        item: &Incoming,
    ) -> Result<(), StoreError> {
        let seq = tables::insert_article(tx, &item.id, &item.item.article, item.fingerprint())?;
        self.unindexed.insert(seq);
        self.bands.add(tx, seq, item.fingerprint(), item.bands())?;
        copies.add(item.stored(seq), item.bands());
        self.store_mentions(tx, item)
    }

    /// Puts `item` in the place of the stored copy `old`: the article (or,
    /// for the same body, its metadata), its mentions and the events they
    /// were part of; `old`'s sources stay, now linked to `item`.
    fn replace(
        &mut self,
        tx: &mut dyn Conn,
        copies: &mut Copies,
        old: &StoredCopy,
        item: &Incoming,
    ) -> Result<(), StoreError> {
        self.orphans.extend(tables::detach_mentions(tx, &old.id)?);
        self.seeds.retain(|key, _| article_of_key(key) != old.id);
        copies.replace(old, &item.id);
        let fresh = self.unindexed.contains(&old.seq);
        if !fresh {
            tables::unindex_text(tx, old.seq)?;
        }
        if old.id == item.id {
            tables::update_article(tx, &item.id, &item.item.article)?;
            self.unindexed.insert(old.seq);
            copies.add(item.stored(old.seq), item.bands());
            return self.store_mentions(tx, item);
        }
        self.store(tx, copies, item)?;
        tables::move_sources(tx, &old.id, &item.id)?;
        if fresh {
            self.unindexed.remove(&old.seq);
        }
        self.bands.remove(tx, old.seq, &old.fingerprint)?;
        tables::delete_article(tx, &old.id)
    }

    fn store_mentions(&mut self, tx: &mut dyn Conn, item: &Incoming) -> Result<(), StoreError> {
        for (ordinal, event) in item.item.events.iter().enumerate() {
            let mention = Mention {
                key: keys::mention_key(&item.id, ordinal),
                event: event.clone(),
                outlet: item.item.article.outlet.clone(),
            };
            tables::insert_mention(tx, &item.id, &mention)?;
            self.seeds.insert(mention.key.clone(), mention);
        }
        self.report.mentions += item.item.events.len();
        Ok(())
    }

    /// Indexes the stored articles and re-fuses what the batch changed.
    fn finish(mut self, tx: &mut dyn Conn) -> Result<BatchReport, StoreError> {
        let unindexed: Vec<i64> = self.unindexed.into_iter().collect();
        tables::index_text(tx, &unindexed)?;
        self.bands.finish(tx)?;
        let orphans: Vec<String> = self
            .orphans
            .into_iter()
            .filter(|k| !self.seeds.contains_key(k))
            .collect();
        let mut seeds: Vec<Mention> = self.seeds.into_values().collect();
        seeds.extend(tables::mentions_by_keys(tx, &orphans)?);
        if !seeds.is_empty() {
            self.report.events = refuse(tx, &seeds)?;
        }
        Ok(self.report)
    }
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
    let longest = fused
        .iter()
        .filter_map(|f| f.event.date.map(|d| (d.end - d.start).num_days()))
        .max();
    if let Some(days) = longest {
        tables::widen_event_span(tx, days)?;
    }
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

/// Recomputes every stored fingerprint from its body and refills
/// `article_bands` (after a change of fingerprint or band scheme), a chunk
/// of articles at a time.
pub(crate) fn refingerprint(tx: &mut dyn Conn) -> Result<(), StoreError> {
    let mut after = 0i64;
    loop {
        let rows = tx.rows(
            "SELECT seq, text FROM articles WHERE seq > $1 ORDER BY seq LIMIT 1000",
            vec![after.into()],
        )?;
        let Some(last) = rows.last().and_then(|r| r[0].int()) else {
            return Ok(());
        };
        let mut postings = BTreeSet::new();
        for r in &rows {
            let (Some(seq), Some(text)) = (r[0].int(), r[1].text()) else {
                continue;
            };
            let fp = dateline_clean::fingerprint(text);
            tables::set_fingerprint(tx, seq, &fp)?;
            postings.extend(crate::copies::band_keys(&fp).into_iter().map(|b| (b, seq)));
        }
        tables::insert_bands(tx, &postings.into_iter().collect::<Vec<_>>())?;
        after = last;
    }
}
