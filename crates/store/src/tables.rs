//! Row operations of the batch write, in SQL both backends run.

use std::collections::BTreeSet;

use dateline_clean::Fingerprint;
use dateline_fuse::{Mention, Window};
use dateline_model::{Article, Event};

use crate::copies::{Precedence, StoredCopy};
use crate::keys;
use crate::rows::{self, EventRow};
use crate::sql::{self, Conn, Dialect, Param, Row, Sql};
use crate::types::ArticleSource;
use crate::StoreError;

fn json<T: serde::Serialize>(id: &str, value: &T) -> Result<Param, StoreError> {
    serde_json::to_string(value)
        .map(Param::Json)
        .map_err(|e| StoreError::Corrupt {
            id: id.to_owned(),
            problem: e.to_string(),
        })
}

fn corrupt(id: &str, problem: &str) -> StoreError {
    StoreError::Corrupt {
        id: id.to_owned(),
        problem: problem.to_owned(),
    }
}

/// Which stored articles [`stored_copies`] reads.
pub(crate) enum Stored<'a> {
    Ids(&'a [String]),
    /// Row numbers, as band postings name articles.
    Seqs(&'a [i64]),
}

/// What the near-duplicate choice needs of the given stored articles.
pub(crate) fn stored_copies(
    tx: &mut dyn Conn,
    which: Stored,
) -> Result<Vec<StoredCopy>, StoreError> {
    let (column, keys): (&str, Vec<Param>) = match which {
        Stored::Ids(ids) => ("id", ids.iter().map(|id| id.as_str().into()).collect()),
        Stored::Seqs(seqs) => ("seq", seqs.iter().map(|&s| s.into()).collect()),
    };
    let published = tx.dialect().text("published");
    let rows = sql::rows_in(tx, &keys, |ph| {
        format!(
            "SELECT id, seq, {published}, sort_key, fingerprint FROM articles WHERE {column} IN ({ph})"
        )
    })?;
    rows.iter()
        .map(|r| {
            let id = r[0].string().unwrap_or_default();
            let fingerprint = r[4]
                .bytes()
                .and_then(Fingerprint::from_bytes)
                .ok_or_else(|| corrupt(&id, "fingerprint has the wrong length"))?;
            Ok(StoredCopy {
                seq: r[1].int().ok_or_else(|| corrupt(&id, "no row number"))?,
                precedence: Precedence::new(r[2].date(), r[3].string().unwrap_or_default()),
                fingerprint,
                id,
            })
        })
        .collect()
}

/// (band, article row number) of every stored article with one of `bands`.
pub(crate) fn band_postings(
    tx: &mut dyn Conn,
    bands: &[i64],
) -> Result<Vec<(i64, i64)>, StoreError> {
    let keys: Vec<Param> = bands.iter().map(|&b| b.into()).collect();
    let rows = sql::rows_in(tx, &keys, |ph| {
        format!("SELECT band, article FROM article_bands WHERE band IN ({ph})")
    })?;
    Ok(rows
        .into_iter()
        .filter_map(|r| Some((r[0].int()?, r[1].int()?)))
        .collect())
}

/// Adds band postings (band, article row number), in one statement per
/// chunk: sorted by the caller, they land on neighbouring index pages.
pub(crate) fn insert_bands(tx: &mut dyn Conn, postings: &[(i64, i64)]) -> Result<(), StoreError> {
    let d = tx.dialect();
    let values: Vec<Param> = postings
        .iter()
        .flat_map(|&(band, seq)| [band.into(), seq.into()])
        .collect();
    let statement = |rows: &str| d.insert_ignoring("article_bands (band, article)", rows);
    sql::for_chunks(d, &values, sql::CHUNK / 2, 2, statement, |sql| {
        tx.execute(&sql)?;
        Ok(())
    })
}

/// The band index watermark: the row up to which articles' postings are
/// in `article_bands` (see `bands`).
pub(crate) fn bands_indexed_through(tx: &mut dyn Conn) -> Result<i64, StoreError> {
    let rows = tx.rows(
        "SELECT indexed_through FROM band_index WHERE id = 1",
        vec![],
    )?;
    rows.first()
        .and_then(|r| r[0].int())
        .ok_or_else(|| corrupt("band_index", "no watermark row"))
}

/// Moves the band index watermark to row `seq`.
pub(crate) fn set_bands_indexed_through(tx: &mut dyn Conn, seq: i64) -> Result<(), StoreError> {
    tx.exec(
        "UPDATE band_index SET indexed_through = $1 WHERE id = 1",
        vec![seq.into()],
    )?;
    Ok(())
}

/// (row, fingerprint) of every stored article after row `seq`, in row
/// order.
pub(crate) fn fingerprints_after(
    tx: &mut dyn Conn,
    seq: i64,
) -> Result<Vec<(i64, Fingerprint)>, StoreError> {
    tx.rows(
        "SELECT seq, fingerprint FROM articles WHERE seq > $1 ORDER BY seq",
        vec![seq.into()],
    )?
    .iter()
    .map(seq_fingerprint)
    .collect()
}

/// (row, fingerprint) of the stored articles at rows `seqs`.
pub(crate) fn fingerprints_of(
    tx: &mut dyn Conn,
    seqs: &[i64],
) -> Result<Vec<(i64, Fingerprint)>, StoreError> {
    let keys: Vec<Param> = seqs.iter().map(|&s| s.into()).collect();
    sql::rows_in(tx, &keys, |ph| {
        format!("SELECT seq, fingerprint FROM articles WHERE seq IN ({ph})")
    })?
    .iter()
    .map(seq_fingerprint)
    .collect()
}

/// A row of (seq, fingerprint).
fn seq_fingerprint(r: &Row) -> Result<(i64, Fingerprint), StoreError> {
    let seq = r[0]
        .int()
        .ok_or_else(|| corrupt("articles", "no row number"))?;
    let fingerprint = r[1]
        .bytes()
        .and_then(Fingerprint::from_bytes)
        .ok_or_else(|| corrupt(&seq.to_string(), "fingerprint has the wrong length"))?;
    Ok((seq, fingerprint))
}

pub(crate) fn delete_bands(tx: &mut dyn Conn, seq: i64, bands: &[i64]) -> Result<(), StoreError> {
    for band in bands {
        tx.exec(
            "DELETE FROM article_bands WHERE band = $1 AND article = $2",
            vec![(*band).into(), seq.into()],
        )?;
    }
    Ok(())
}

/// The stored columns of an article besides id, body and fingerprint, in
/// [`ARTICLE_COLUMNS`] order.
fn article_values(id: &str, a: &Article) -> Result<Vec<Param>, StoreError> {
    Ok(vec![
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
        json(id, &a.captions)?,
        json(id, &a.offsets)?,
    ])
}

const ARTICLE_COLUMNS: [&str; 13] = [
    "sort_key",
    "source",
    "idx",
    "title",
    "dateline",
    "byline",
    "published",
    "published_from",
    "outlet",
    "url",
    "language",
    "captions",
    "offsets",
];

/// Inserts an article row; returns its seq. Its full text and bands are
/// indexed by the caller, once per batch.
pub(crate) fn insert_article(
    tx: &mut dyn Conn,
    id: &str,
    a: &Article,
    fp: &Fingerprint,
) -> Result<i64, StoreError> {
    let mut values = article_values(id, a)?;
    values.extend([
        id.into(),
        a.text.as_str().into(),
        Param::Bytes(fp.to_bytes()),
    ]);
    let placeholders: Vec<String> = (1..=values.len()).map(|i| format!("${i}")).collect();
    tx.insert(
        &format!(
            "INSERT INTO articles ({}, id, text, fingerprint) VALUES ({})",
            ARTICLE_COLUMNS.join(", "),
            placeholders.join(", ")
        ),
        values,
    )?
    .ok_or_else(|| corrupt(id, "no row number"))
}

/// Replaces the metadata of the stored article `id` (same body, so same
/// text and fingerprint) with that of another copy.
pub(crate) fn update_article(tx: &mut dyn Conn, id: &str, a: &Article) -> Result<(), StoreError> {
    let mut values = article_values(id, a)?;
    values.push(id.into());
    let sets: Vec<String> = ARTICLE_COLUMNS
        .iter()
        .enumerate()
        .map(|(i, c)| format!("{c} = ${}", i + 1))
        .collect();
    tx.exec(
        &format!(
            "UPDATE articles SET {} WHERE id = ${}",
            sets.join(", "),
            values.len()
        ),
        values,
    )?;
    Ok(())
}

/// Adds stored articles to the SQLite full-text index, in one statement
/// per chunk: FTS5 writes its pending terms out at the end of every
/// statement, so one statement per article cost a segment (and merges)
/// per article. PostgreSQL's tsvector is a generated column.
pub(crate) fn index_text(tx: &mut dyn Conn, seqs: &[i64]) -> Result<(), StoreError> {
    if tx.dialect() != Dialect::Sqlite {
        return Ok(());
    }
    let keys: Vec<Param> = seqs.iter().map(|&s| s.into()).collect();
    sql::rows_in(tx, &keys, |ph| {
        format!("INSERT INTO articles_fts (rowid, title, text) SELECT seq, title, text FROM articles WHERE seq IN ({ph})")
    })?;
    Ok(())
}

/// Removes a stored article from the SQLite full-text index (an external
/// content table is told the values it indexed).
pub(crate) fn unindex_text(tx: &mut dyn Conn, seq: i64) -> Result<(), StoreError> {
    if tx.dialect() == Dialect::Sqlite {
        tx.exec(
            "INSERT INTO articles_fts (articles_fts, rowid, title, text) \
             SELECT 'delete', seq, title, text FROM articles WHERE seq = $1",
            vec![seq.into()],
        )?;
    }
    Ok(())
}

/// Replaces the stored fingerprint of the article at row `seq`.
pub(crate) fn set_fingerprint(
    tx: &mut dyn Conn,
    seq: i64,
    fp: &Fingerprint,
) -> Result<(), StoreError> {
    tx.exec(
        "UPDATE articles SET fingerprint = $1 WHERE seq = $2",
        vec![Param::Bytes(fp.to_bytes()), seq.into()],
    )?;
    Ok(())
}

/// Moves every source of article `from` to article `to`. A source read
/// with `from`'s own body (no `body_id`) now names that body, so a re-read
/// of it still finds `to` once `from` is gone.
pub(crate) fn move_sources(tx: &mut dyn Conn, from: &str, to: &str) -> Result<(), StoreError> {
    tx.exec(
        "UPDATE article_sources SET article_id = $1, body_id = coalesce(body_id, $2) \
         WHERE article_id = $2",
        vec![to.into(), from.into()],
    )?;
    Ok(())
}

/// An input already read: its source, index and own body's id.
pub(crate) type Input = (String, u32, String);

/// The stored article each input with one of the bodies `body_ids` was
/// folded into, for the inputs whose body is not their article's own
/// (those with their article's body are found by its id).
pub(crate) fn folded_inputs(
    tx: &mut dyn Conn,
    body_ids: &[String],
) -> Result<Vec<(Input, String)>, StoreError> {
    let keys: Vec<Param> = body_ids.iter().map(|id| id.as_str().into()).collect();
    let rows = sql::rows_in(tx, &keys, |ph| {
        format!(
            "SELECT source, idx, body_id, article_id FROM article_sources WHERE body_id IN ({ph})"
        )
    })?;
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            let idx = u32::try_from(r[1].int()?).ok()?;
            Some(((r[0].string()?, idx, r[2].string()?), r[3].string()?))
        })
        .collect())
}

/// Deletes an article row whose sources, mentions, bands and index entry
/// are already gone.
pub(crate) fn delete_article(tx: &mut dyn Conn, id: &str) -> Result<(), StoreError> {
    tx.exec("DELETE FROM articles WHERE id = $1", vec![id.into()])?;
    Ok(())
}

/// Deletes the mentions of an article and every fused event they are part
/// of; returns the keys of the other members of those events, which need
/// fusing again.
pub(crate) fn detach_mentions(
    tx: &mut dyn Conn,
    article_id: &str,
) -> Result<Vec<String>, StoreError> {
    let keys: Vec<String> = tx
        .rows(
            "SELECT key FROM mentions WHERE article_id = $1",
            vec![article_id.into()],
        )?
        .iter()
        .filter_map(|r| r[0].string())
        .collect();
    let events = events_with_members(tx, &keys)?;
    let mut others = Vec::new();
    for id in &events {
        others.extend(
            tx.rows(
                "SELECT mention_key FROM event_members WHERE event_id = $1 AND article_id <> $2",
                vec![id.as_str().into(), article_id.into()],
            )?
            .iter()
            .filter_map(|r| r[0].string()),
        );
        delete_event(tx, id)?;
    }
    if tx.dialect() == Dialect::Sqlite {
        tx.exec(
            "DELETE FROM mentions_rtree WHERE seq IN (SELECT seq FROM mentions WHERE article_id = $1)",
            vec![article_id.into()],
        )?;
    }
    tx.exec(
        "DELETE FROM mentions WHERE article_id = $1",
        vec![article_id.into()],
    )?;
    Ok(others)
}

/// Links source `s`, read with the body whose id is `body_id`, to the
/// stored article `id`; returns whether the link is new.
pub(crate) fn link(
    tx: &mut dyn Conn,
    id: &str,
    body_id: &str,
    s: &ArticleSource,
) -> Result<bool, StoreError> {
    // Only a body other than the article's own is written (and indexed).
    let folded = (body_id != id).then(|| body_id.to_owned());
    let n = tx.exec(
        "INSERT INTO article_sources (article_id, source, idx, outlet, url, published, published_from, title, body_id) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING",
        vec![
            id.into(),
            s.source.as_str().into(),
            i64::from(s.index).into(),
            s.outlet.clone().into(),
            s.url.clone().into(),
            s.published.into(),
            s.published_from.map(rows::origin_str).into(),
            s.title.clone().into(),
            folded.clone().into(),
        ],
    )?;
    if n == 0 && folded.is_some() {
        // A source linked before this column was filled (or, rarely, an
        // input edited since) gets the body it is read with now, so the
        // next re-read finds it without matching.
        tx.exec(
            "UPDATE article_sources SET body_id = $1 \
             WHERE article_id = $2 AND source = $3 AND idx = $4 AND body_id IS NULL",
            vec![
                folded.into(),
                id.into(),
                s.source.as_str().into(),
                i64::from(s.index).into(),
            ],
        )?;
    }
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
    let seq = tx.insert(
        "INSERT INTO mentions (key, article_id, event_type, date_start, date_end, lat, lon, outlet, event) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
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
    tx.query(&sql)?.iter().map(decode_mention).collect()
}

/// The stored mentions with the given keys, by key.
pub(crate) fn mentions_by_keys(
    tx: &mut dyn Conn,
    keys: &[String],
) -> Result<Vec<Mention>, StoreError> {
    let params: Vec<Param> = keys.iter().map(|k| k.as_str().into()).collect();
    let event = tx.dialect().text("event");
    sql::rows_in(tx, &params, |ph| {
        format!("SELECT key, {event}, outlet FROM mentions WHERE key IN ({ph}) ORDER BY key")
    })?
    .iter()
    .map(decode_mention)
    .collect()
}

/// A mention from a row of (key, event as JSON, outlet).
fn decode_mention(r: &Row) -> Result<Mention, StoreError> {
    let key = r[0].string().unwrap_or_default();
    let event: Event =
        serde_json::from_str(r[1].text().unwrap_or_default()).map_err(|e| StoreError::Corrupt {
            id: key.clone(),
            problem: e.to_string(),
        })?;
    Ok(Mention {
        key,
        event,
        outlet: r[2].string(),
    })
}

pub(crate) fn events_with_members(
    tx: &mut dyn Conn,
    keys: &[String],
) -> Result<BTreeSet<String>, StoreError> {
    let params: Vec<Param> = keys.iter().map(|k| k.as_str().into()).collect();
    Ok(sql::rows_in(tx, &params, |ph| {
        format!("SELECT DISTINCT event_id FROM event_members WHERE mention_key IN ({ph})")
    })?
    .into_iter()
    .filter_map(|r| r[0].string())
    .collect())
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
    let seq = tx.insert(
        "INSERT INTO events (id, sort_key, event_type, sub_event_type, country, admin1, location, lat, lon, \
         date_start, date_end, fatalities, actor1, actor2, modality, event) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)",
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

/// Raises the longest stored event date range (`event_bounds`) to `days`
/// when that is longer.
pub(crate) fn widen_event_span(tx: &mut dyn Conn, days: i64) -> Result<(), StoreError> {
    tx.exec(
        "UPDATE event_bounds SET max_span_days = $1 WHERE id = 1 AND max_span_days < $1",
        vec![days.into()],
    )?;
    Ok(())
}
