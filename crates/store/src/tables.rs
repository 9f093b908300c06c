//! Row operations of the batch write, in SQL both backends run.

use std::collections::BTreeSet;

use dateline_clean::Fingerprint;
use dateline_fuse::{Mention, Window};
use dateline_model::{Article, Event};

use crate::keys;
use crate::rows::{self, EventRow};
use crate::sql::{Conn, Dialect, Param, Sql};
use crate::types::ArticleSource;
use crate::StoreError;

/// Statements with many keys are split so no database hits its parameter
/// limit.
const CHUNK: usize = 500;

fn json<T: serde::Serialize>(id: &str, value: &T) -> Result<Param, StoreError> {
    serde_json::to_string(value)
        .map(Param::Json)
        .map_err(|e| StoreError::Corrupt {
            id: id.to_owned(),
            problem: e.to_string(),
        })
}

pub(crate) fn has_article(tx: &mut dyn Conn, id: &str) -> Result<bool, StoreError> {
    Ok(!tx
        .rows("SELECT 1 FROM articles WHERE id = $1", vec![id.into()])?
        .is_empty())
}

/// Index keys of a fingerprint: pairs of `dateline_clean`'s two-row LSH
/// bands joined into four-row bands (16 keys). Two-row bands match for
/// most articles on one beat (shared stock phrases), which made every
/// lookup compare against thousands of candidates; four rows keep the
/// candidates few while finding a pair at Jaccard 0.7 with probability
/// 0.99 and at 0.8 with 0.9999 (wire copies score 0.8 and up; between 0.5
/// and 0.6 recall falls to 0.64-0.89).
fn band_keys(fp: &Fingerprint) -> Vec<i64> {
    fp.bands()
        .chunks(2)
        .map(|pair| {
            pair.iter().fold(0u64, |acc, &b| {
                (acc.rotate_left(31) ^ b).wrapping_mul(0x9e37_79b9_7f4a_7c15)
            }) as i64
        })
        .collect()
}

/// Stored articles sharing an LSH band with `fp`, with their fingerprints.
pub(crate) fn band_candidates(
    tx: &mut dyn Conn,
    fp: &Fingerprint,
) -> Result<Vec<(String, Fingerprint)>, StoreError> {
    let mut sql = Sql::new(tx.dialect());
    let placeholders: Vec<String> = band_keys(fp).into_iter().map(|b| sql.param(b)).collect();
    sql.push(&format!(
        "SELECT DISTINCT a.id, a.fingerprint FROM article_bands b JOIN articles a ON a.id = b.article_id \
         WHERE b.band IN ({}) ORDER BY a.id",
        placeholders.join(", ")
    ));
    Ok(tx
        .query(&sql)?
        .into_iter()
        .filter_map(|r| Some((r[0].string()?, Fingerprint::from_bytes(r[1].bytes()?)?)))
        .collect())
}

pub(crate) fn insert_article(
    tx: &mut dyn Conn,
    id: &str,
    a: &Article,
    fp: &Fingerprint,
) -> Result<(), StoreError> {
    let seq = tx.rows(
        "INSERT INTO articles (id, sort_key, source, idx, title, dateline, byline, published, \
         published_from, outlet, url, language, text, captions, offsets, fingerprint) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) RETURNING seq",
        vec![
            id.into(),
            keys::article_sort_key(&a.source, a.index, id).into(),
            a.source.as_str().into(),
            i64::from(a.index).into(),
            a.title.clone().into(),
            a.dateline.clone().into(),
            a.byline.clone().into(),
            a.published.into(),
            a.published_from.map(rows::origin_str).into(),
            a.outlet.clone().into(),
            a.url.clone().into(),
            a.language.clone().into(),
            a.text.as_str().into(),
            json(id, &a.captions)?,
            json(id, &a.offsets)?,
            Param::Bytes(fp.to_bytes()),
        ],
    )?;
    if tx.dialect() == Dialect::Sqlite {
        let seq = seq.first().and_then(|r| r[0].int());
        tx.exec(
            "INSERT INTO articles_fts (rowid, title, text) VALUES ($1, $2, $3)",
            vec![seq.into(), a.title.clone().into(), a.text.as_str().into()],
        )?;
    }
    for band in band_keys(fp) {
        tx.exec(
            "INSERT INTO article_bands (band, article_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
            vec![band.into(), id.into()],
        )?;
    }
    Ok(())
}

pub(crate) fn link(tx: &mut dyn Conn, id: &str, s: &ArticleSource) -> Result<bool, StoreError> {
    let n = tx.exec(
        "INSERT INTO article_sources (article_id, source, idx, outlet, url, published, published_from, title) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING",
        vec![
            id.into(),
            s.source.as_str().into(),
            i64::from(s.index).into(),
            s.outlet.clone().into(),
            s.url.clone().into(),
            s.published.into(),
            s.published_from.map(rows::origin_str).into(),
            s.title.clone().into(),
        ],
    )?;
    Ok(n > 0)
}

/// Days since 1970-01-01: the time axis of the SQLite fusion index,
/// exact in the index's 32-bit floats for any news date.
fn day_number(d: chrono::NaiveDate) -> i64 {
    (d - chrono::NaiveDate::default()).num_days()
}

pub(crate) fn insert_mention(
    tx: &mut dyn Conn,
    article_id: &str,
    m: &Mention,
) -> Result<(), StoreError> {
    let e = &m.event;
    let loc = e.location.as_ref();
    let seq = tx.rows(
        "INSERT INTO mentions (key, article_id, event_type, date_start, date_end, lat, lon, outlet, event) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING seq",
        vec![
            m.key.as_str().into(),
            article_id.into(),
            e.event_type.as_str().into(),
            e.date.map(|d| d.start).into(),
            e.date.map(|d| d.end).into(),
            loc.map(|l| l.lat).into(),
            loc.map(|l| l.lon).into(),
            m.outlet.clone().into(),
            json(&m.key, e)?,
        ],
    )?;
    let seq = seq.first().and_then(|r| r[0].int());
    let (Some(seq), Some(l), Some(d)) = (seq, loc, e.date) else {
        return Ok(());
    };
    match tx.dialect() {
        Dialect::Sqlite => tx.exec(
            "INSERT INTO mentions_rtree (seq, min_lon, max_lon, min_lat, max_lat, min_day, max_day) \
             VALUES ($1, $2, $2, $3, $3, $4, $5)",
            vec![seq.into(), l.lon.into(), l.lat.into(), day_number(d.start).into(), day_number(d.end).into()],
        )?,
        Dialect::Postgres => tx.exec(
            "UPDATE mentions SET geom = ST_SetSRID(ST_MakePoint(lon, lat), 4326) WHERE seq = $1",
            vec![seq.into()],
        )?,
    };
    Ok(())
}

/// Stored mentions inside a fusion window. A fully bounded window (every
/// window of a fusable event) goes through the spatial index; the exact
/// comparisons decide, so both backends return the same set.
pub(crate) fn mentions_in(tx: &mut dyn Conn, w: &Window) -> Result<Vec<Mention>, StoreError> {
    let d = tx.dialect();
    let mut sql = Sql::new(d);
    let t = sql.param(w.event_type.as_str());
    let mut cond = vec![format!("m.event_type = {t}")];
    let mut from = "mentions m".to_owned();
    if let Some((west, south, east, north)) = w.bbox {
        let (pw, ps, pe, pn) = (
            sql.param(west),
            sql.param(south),
            sql.param(east),
            sql.param(north),
        );
        match (d, w.since, w.until) {
            (Dialect::Sqlite, Some(since), Some(until)) => {
                let (a, b) = (sql.param(day_number(since)), sql.param(day_number(until)));
                from = "mentions_rtree r JOIN mentions m ON m.seq = r.seq".to_owned();
                cond.push(format!(
                    "r.max_lon >= {pw} AND r.min_lon <= {pe} AND r.max_lat >= {ps} AND r.min_lat <= {pn} \
                     AND r.max_day >= {a} AND r.min_day <= {b}"
                ));
            }
            (Dialect::Postgres, _, _) => {
                cond.push(format!(
                    "m.geom && ST_MakeEnvelope({pw}, {ps}, {pe}, {pn}, 4326)"
                ));
            }
            _ => {}
        }
        cond.push(format!(
            "m.lon BETWEEN {pw} AND {pe} AND m.lat BETWEEN {ps} AND {pn}"
        ));
    }
    if let Some(since) = w.since {
        cond.push(format!("m.date_end >= {}", sql.param(since)));
    }
    if let Some(until) = w.until {
        cond.push(format!("m.date_start <= {}", sql.param(until)));
    }
    sql.push(&format!(
        "SELECT m.key, {}, m.outlet FROM {from} WHERE {} ORDER BY m.key",
        d.text("m.event"),
        cond.join(" AND ")
    ));
    tx.query(&sql)?
        .into_iter()
        .map(|r| {
            let key = r[0].string().unwrap_or_default();
            let event: Event =
                serde_json::from_str(r[1].text().unwrap_or_default()).map_err(|e| {
                    StoreError::Corrupt {
                        id: key.clone(),
                        problem: e.to_string(),
                    }
                })?;
            Ok(Mention {
                key,
                event,
                outlet: r[2].string(),
            })
        })
        .collect()
}

pub(crate) fn events_with_members(
    tx: &mut dyn Conn,
    keys: &[String],
) -> Result<BTreeSet<String>, StoreError> {
    let mut ids = BTreeSet::new();
    for chunk in keys.chunks(CHUNK) {
        let mut sql = Sql::new(tx.dialect());
        let ph: Vec<String> = chunk.iter().map(|k| sql.param(k.as_str())).collect();
        sql.push(&format!(
            "SELECT DISTINCT event_id FROM event_members WHERE mention_key IN ({})",
            ph.join(", ")
        ));
        ids.extend(tx.query(&sql)?.into_iter().filter_map(|r| r[0].string()));
    }
    Ok(ids)
}

pub(crate) fn delete_event(tx: &mut dyn Conn, id: &str) -> Result<(), StoreError> {
    if tx.dialect() == Dialect::Sqlite {
        tx.exec(
            "DELETE FROM events_rtree WHERE seq = (SELECT seq FROM events WHERE id = $1)",
            vec![id.into()],
        )?;
    }
    for table in ["claims", "event_members"] {
        tx.exec(
            &format!("DELETE FROM {table} WHERE event_id = $1"),
            vec![id.into()],
        )?;
    }
    tx.exec("DELETE FROM events WHERE id = $1", vec![id.into()])?;
    Ok(())
}

pub(crate) fn insert_event(
    tx: &mut dyn Conn,
    row: &EventRow,
    members: &[(String, String)],
) -> Result<(), StoreError> {
    let seq = tx.rows(
        "INSERT INTO events (id, sort_key, event_type, sub_event_type, country, admin1, location, lat, lon, \
         date_start, date_end, fatalities, actor1, actor2, modality, event) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) RETURNING seq",
        vec![
            row.id.into(),
            row.sort_key.as_str().into(),
            row.event_type.into(),
            row.sub_event_type.into(),
            row.country.into(),
            row.admin1.into(),
            row.location.into(),
            row.lat.into(),
            row.lon.into(),
            row.date_start.into(),
            row.date_end.into(),
            row.fatalities.into(),
            row.actor1.into(),
            row.actor2.into(),
            row.modality.into(),
            Param::Json(row.json.clone()),
        ],
    )?;
    let seq = seq.first().and_then(|r| r[0].int());
    if let (Some(seq), Some(lat), Some(lon)) = (seq, row.lat, row.lon) {
        match tx.dialect() {
            Dialect::Sqlite => tx.exec(
                "INSERT INTO events_rtree (seq, min_lon, max_lon, min_lat, max_lat) VALUES ($1, $2, $2, $3, $3)",
                vec![seq.into(), lon.into(), lat.into()],
            )?,
            Dialect::Postgres => tx.exec(
                "UPDATE events SET geom = ST_SetSRID(ST_MakePoint(lon, lat), 4326) WHERE seq = $1",
                vec![seq.into()],
            )?,
        };
    }
    for (key, article) in members {
        tx.exec(
            "INSERT INTO event_members (mention_key, event_id, article_id) VALUES ($1, $2, $3)",
            vec![key.as_str().into(), row.id.into(), article.as_str().into()],
        )?;
    }
    for c in &row.claims {
        let claim = c.claim;
        let article = claim.article.as_ref();
        tx.exec(
            "INSERT INTO claims (event_id, ordinal, article_id, claimant, start_char, end_char, sentence, \
             fatalities, actor1, article_source, article_index, article_title, article_published) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
            vec![
                row.id.into(),
                i64::from(c.ordinal).into(),
                c.article_id.into(),
                claim.claimant.as_str().into(),
                (claim.start as i64).into(),
                (claim.end as i64).into(),
                claim.text.clone().into(),
                claim.fatalities.map(i64::from).into(),
                claim.actor1.clone().into(),
                article.map(|a| a.source.clone()).into(),
                article.map(|a| i64::from(a.index)).into(),
                article.and_then(|a| a.title.clone()).into(),
                article.and_then(|a| a.published).into(),
            ],
        )?;
    }
    Ok(())
}
