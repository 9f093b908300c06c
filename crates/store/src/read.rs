//! Queries, in SQL both backends run, and the decoding of their rows.

use std::collections::HashMap;

use chrono::{Days, NaiveDate};
use dateline_model::{Article, ArticleRef, Claim, Event, OffsetMap};

use crate::rows;
use crate::sql::{self, Conn, Dialect, Param, Row, Sql, Value};
use crate::types::{
    ArticleQuery, ArticleSource, Counts, EventQuery, EventSource, Group, SearchHit, StoredArticle,
    StoredEvent,
};
use crate::StoreError;

fn corrupt(id: &str, e: impl std::fmt::Display) -> StoreError {
    StoreError::Corrupt {
        id: id.to_owned(),
        problem: e.to_string(),
    }
}

fn index(v: &Value) -> u32 {
    v.int().and_then(|i| u32::try_from(i).ok()).unwrap_or(0)
}

fn words_of(q: &str) -> Result<Vec<String>, StoreError> {
    let words = sql::words(q);
    if words.is_empty() {
        return Err(StoreError::Query(format!(
            "full-text query {q:?} has no words"
        )));
    }
    Ok(words)
}

/// Applies a limit to a statement (`None`: everything).
fn limit(sql: &mut Sql, n: Option<usize>) {
    if let Some(n) = n {
        let p = sql.param(n as i64);
        sql.push(&format!(" LIMIT {p}"));
    }
}

// ---- articles -------------------------------------------------------------

fn article_columns(c: &dyn Conn) -> String {
    let d = c.dialect();
    format!(
        "a.id, a.source, a.idx, a.title, a.dateline, a.byline, {}, a.published_from, a.outlet, a.url, \
         a.language, a.text, {}, {}",
        d.text("a.published"),
        d.text("a.captions"),
        d.text("a.offsets")
    )
}

fn decode_article(c: &mut dyn Conn, r: &Row) -> Result<StoredArticle, StoreError> {
    let id = r[0].string().unwrap_or_default();
    let captions: Vec<String> =
        serde_json::from_str(r[12].text().unwrap_or("[]")).map_err(|e| corrupt(&id, e))?;
    let offsets: OffsetMap =
        serde_json::from_str(r[13].text().unwrap_or("{}")).map_err(|e| corrupt(&id, e))?;
    let article = Article {
        source: r[1].string().unwrap_or_default(),
        index: index(&r[2]),
        title: r[3].string(),
        dateline: r[4].string(),
        byline: r[5].string(),
        published: r[6].date(),
        published_from: r[7].text().and_then(rows::parse_origin),
        outlet: r[8].string(),
        url: r[9].string(),
        language: r[10].string(),
        text: r[11].string().unwrap_or_default(),
        captions,
        offsets,
    };
    let sources = article_sources(c, &id)?;
    Ok(StoredArticle {
        id,
        article,
        sources,
    })
}

fn article_sources(c: &mut dyn Conn, id: &str) -> Result<Vec<ArticleSource>, StoreError> {
    let published = c.dialect().text("published");
    let rows = c.rows(
        &format!(
            "SELECT source, idx, outlet, url, {published}, published_from, title FROM article_sources \
             WHERE article_id = $1 ORDER BY source, idx"
        ),
        vec![id.into()],
    )?;
    Ok(rows
        .iter()
        .map(|r| ArticleSource {
            source: r[0].string().unwrap_or_default(),
            index: index(&r[1]),
            outlet: r[2].string(),
            url: r[3].string(),
            published: r[4].date(),
            published_from: r[5].text().and_then(rows::parse_origin),
            title: r[6].string(),
        })
        .collect())
}

pub(crate) fn articles(
    c: &mut dyn Conn,
    q: &ArticleQuery,
) -> Result<Vec<StoredArticle>, StoreError> {
    let mut sql = Sql::new(c.dialect());
    let mut cond = vec!["1 = 1".to_owned()];
    if let Some(outlet) = &q.outlet {
        let p = sql.param(outlet.as_str());
        cond.push(format!(
            "EXISTS (SELECT 1 FROM article_sources s WHERE s.article_id = a.id AND lower(s.outlet) = lower({p}))"
        ));
    }
    if let Some(since) = q.since {
        cond.push(format!("a.published >= {}", sql.param(since)));
    }
    if let Some(until) = q.until {
        cond.push(format!("a.published <= {}", sql.param(until)));
    }
    if let Some(lang) = &q.language {
        cond.push(format!("a.language = {}", sql.param(lang.as_str())));
    }
    if let Some(after) = &q.after {
        cond.push(format!("a.sort_key > {}", sql.param(after.as_str())));
    }
    sql.push(&format!(
        "SELECT {} FROM articles a WHERE {} ORDER BY a.sort_key",
        article_columns(c),
        cond.join(" AND ")
    ));
    limit(&mut sql, q.limit);
    let rows = c.query(&sql)?;
    rows.iter().map(|r| decode_article(c, r)).collect()
}

pub(crate) fn article(c: &mut dyn Conn, id: &str) -> Result<Option<StoredArticle>, StoreError> {
    let rows = c.rows(
        &format!(
            "SELECT {} FROM articles a WHERE a.id = $1",
            article_columns(c)
        ),
        vec![id.into()],
    )?;
    rows.first().map(|r| decode_article(c, r)).transpose()
}

pub(crate) fn search(c: &mut dyn Conn, q: &str, n: usize) -> Result<Vec<SearchHit>, StoreError> {
    let words = words_of(q)?;
    let d = c.dialect();
    let mut sql = Sql::new(d);
    let from = d.ranked_matches(&mut sql, &words);
    sql.push(&format!(
        "SELECT a.id, a.source, a.idx, a.title, {}, a.outlet {from}",
        d.text("a.published")
    ));
    limit(&mut sql, Some(n));
    Ok(c.query(&sql)?
        .iter()
        .map(|r| SearchHit {
            id: r[0].string().unwrap_or_default(),
            source: r[1].string().unwrap_or_default(),
            index: index(&r[2]),
            title: r[3].string(),
            published: r[4].date(),
            outlet: r[5].string(),
        })
        .collect())
}

// ---- events ---------------------------------------------------------------

/// `%needle%` for LIKE, lowercased, with LIKE's own characters escaped.
fn like_pattern(needle: &str) -> String {
    let mut p = String::from("%");
    for ch in needle.to_lowercase().chars() {
        if matches!(ch, '%' | '_' | '\\') {
            p.push('\\');
        }
        p.push(ch);
    }
    p.push('%');
    p
}

/// The conditions on events aliased `e` that `q`'s filters (paging aside)
/// make.
fn event_conditions(
    c: &mut dyn Conn,
    sql: &mut Sql,
    q: &EventQuery,
) -> Result<Vec<String>, StoreError> {
    let d = c.dialect();
    let mut cond = vec!["1 = 1".to_owned()];
    if let Some(country) = &q.country {
        cond.push(format!("e.country = {}", sql.param(country.to_uppercase())));
    }
    if let Some(admin1) = &q.admin1 {
        cond.push(format!(
            "lower(e.admin1) = lower({})",
            sql.param(admin1.as_str())
        ));
    }
    if let Some(bbox) = q.bbox {
        let narrow = !holds_many_events(c, bbox)?;
        cond.push(d.in_bbox(sql, "e", bbox, narrow));
    }
    if let Some(since) = q.since {
        cond.push(format!("e.date_end >= {}", sql.param(since)));
        if let Some(from) = earliest_start(c, since)? {
            cond.push(format!("e.sort_key >= {}", sql.param(from)));
        }
    }
    if let Some(until) = q.until {
        cond.push(format!("e.date_start <= {}", sql.param(until)));
        if let Some(next) = until.succ_opt() {
            cond.push(format!("e.sort_key < {}", sql.param(day_key(next))));
        }
    }
    if let Some(t) = q.event_type {
        cond.push(format!("e.event_type = {}", sql.param(t.as_str())));
    }
    if let Some(t) = q.sub_type {
        cond.push(format!("e.sub_event_type = {}", sql.param(t.as_str())));
    }
    if let Some(actor) = &q.actor {
        let p = sql.param(like_pattern(actor));
        cond.push(format!(
            "(lower(e.actor1) LIKE {p} ESCAPE '\\' OR lower(e.actor2) LIKE {p} ESCAPE '\\' OR EXISTS \
             (SELECT 1 FROM claims c WHERE c.event_id = e.id AND lower(c.actor1) LIKE {p} ESCAPE '\\'))"
        ));
    }
    if let Some(n) = q.min_fatalities {
        cond.push(format!("e.fatalities >= {}", sql.param(i64::from(n))));
    }
    if let Some(outlet) = &q.source {
        let p = sql.param(outlet.as_str());
        cond.push(format!(
            "EXISTS (SELECT 1 FROM event_members m JOIN article_sources s ON s.article_id = m.article_id \
             WHERE m.event_id = e.id AND lower(s.outlet) = lower({p}))"
        ));
    }
    if let Some(text) = &q.q {
        let words = words_of(text)?;
        let matches = d.article_matches(sql, "a", &words);
        cond.push(format!(
            "EXISTS (SELECT 1 FROM event_members m JOIN articles a ON a.id = m.article_id \
             WHERE m.event_id = e.id AND {matches})"
        ));
    }
    Ok(cond)
}

/// Located events at which a box is read in sort order rather than through
/// the spatial index. SQLite drives a spatially filtered query from the
/// R*Tree and sorts what it finds, which for a box holding a large share
/// of the events costs far more than scanning in order until a page is
/// full (a box with this many of a million events fills a page within a
/// few tens of thousands of rows).
const MANY_IN_BOX: i64 = 5000;

/// Whether the box holds at least [`MANY_IN_BOX`] events, counted on the
/// SQLite R*Tree (up to that many). PostgreSQL's planner weighs its GiST
/// index against the sort order itself, from its statistics.
fn holds_many_events(
    c: &mut dyn Conn,
    (w, s, e, n): (f64, f64, f64, f64),
) -> Result<bool, StoreError> {
    if c.dialect() != Dialect::Sqlite {
        return Ok(false);
    }
    let rows = c.rows(
        "SELECT count(*) FROM (SELECT 1 FROM events_rtree WHERE max_lon >= $1 AND min_lon <= $2 \
         AND max_lat >= $3 AND min_lat <= $4 LIMIT $5)",
        vec![w.into(), e.into(), s.into(), n.into(), MANY_IN_BOX.into()],
    )?;
    Ok(rows.first().and_then(|r| r[0].int()).unwrap_or(0) >= MANY_IN_BOX)
}

/// An event sort key prefix: the day, which sort keys start with.
fn day_key(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// The sort key prefix no event ending on or after `since` sorts before:
/// its day minus the longest stored date range. Bounding the sort key lets
/// a date-filtered page start reading there instead of at the first event.
fn earliest_start(c: &mut dyn Conn, since: NaiveDate) -> Result<Option<String>, StoreError> {
    let rows = c.rows(
        "SELECT max_span_days FROM event_bounds WHERE id = 1",
        vec![],
    )?;
    let span = rows.first().and_then(|r| r[0].int()).unwrap_or(0);
    Ok(u64::try_from(span)
        .ok()
        .and_then(|days| since.checked_sub_days(Days::new(days)))
        .map(day_key))
}

pub(crate) fn events(c: &mut dyn Conn, q: &EventQuery) -> Result<Vec<StoredEvent>, StoreError> {
    let d = c.dialect();
    let mut sql = Sql::new(d);
    let mut cond = event_conditions(c, &mut sql, q)?;
    if let Some(after) = &q.after {
        cond.push(format!("e.sort_key > {}", sql.param(after.as_str())));
    }
    sql.push(&format!(
        "SELECT e.id, {} FROM events e WHERE {} ORDER BY e.sort_key",
        d.text("e.event"),
        cond.join(" AND ")
    ));
    limit(&mut sql, q.limit);
    let rows = c.query(&sql)?;
    decode_events(c, &rows)
}

pub(crate) fn event(c: &mut dyn Conn, id: &str) -> Result<Option<StoredEvent>, StoreError> {
    let text = c.dialect().text("e.event");
    let rows = c.rows(
        &format!("SELECT e.id, {text} FROM events e WHERE e.id = $1"),
        vec![id.into()],
    )?;
    Ok(decode_events(c, &rows)?.pop())
}

/// Events from rows of (id, event JSON), with their claims and sources
/// read in one statement each for the whole page.
fn decode_events(c: &mut dyn Conn, rows: &[Row]) -> Result<Vec<StoredEvent>, StoreError> {
    let ids: Vec<Param> = rows
        .iter()
        .map(|r| r[0].string().unwrap_or_default().into())
        .collect();
    let mut claims = claims(c, &ids)?;
    let mut sources = event_sources(c, &ids)?;
    rows.iter()
        .map(|r| {
            let id = r[0].string().unwrap_or_default();
            let mut event: Event = serde_json::from_str(r[1].text().unwrap_or_default())
                .map_err(|e| corrupt(&id, e))?;
            event.claims = claims.remove(&id).unwrap_or_default();
            let sources = sources.remove(&id).unwrap_or_default();
            Ok(StoredEvent { id, event, sources })
        })
        .collect()
}

/// Rows grouped by their first column (the event id), in row order.
fn by_event<T>(rows: Vec<Row>, decode: impl Fn(&Row) -> T) -> HashMap<String, Vec<T>> {
    let mut out: HashMap<String, Vec<T>> = HashMap::new();
    for r in &rows {
        out.entry(r[0].string().unwrap_or_default())
            .or_default()
            .push(decode(r));
    }
    out
}

fn claims(c: &mut dyn Conn, ids: &[Param]) -> Result<HashMap<String, Vec<Claim>>, StoreError> {
    let published = c.dialect().text("article_published");
    let rows = sql::rows_in(c, ids, |ph| {
        format!(
            "SELECT event_id, claimant, start_char, end_char, sentence, fatalities, actor1, article_source, \
             article_index, article_title, {published} FROM claims WHERE event_id IN ({ph}) \
             ORDER BY event_id, ordinal"
        )
    })?;
    Ok(by_event(rows, |r| Claim {
        claimant: r[1].string().unwrap_or_default(),
        start: r[2].int().unwrap_or(0) as usize,
        end: r[3].int().unwrap_or(0) as usize,
        text: r[4].string(),
        fatalities: r[5].int().and_then(|v| u32::try_from(v).ok()),
        actor1: r[6].string(),
        article: r[7].string().map(|source| ArticleRef {
            source,
            index: index(&r[8]),
            title: r[9].string(),
            published: r[10].date(),
        }),
    }))
}

fn event_sources(
    c: &mut dyn Conn,
    ids: &[Param],
) -> Result<HashMap<String, Vec<EventSource>>, StoreError> {
    let published = c.dialect().text("s.published");
    let rows = sql::rows_in(c, ids, |ph| {
        format!(
            "SELECT DISTINCT m.event_id, s.article_id, s.source, s.idx, s.title, s.outlet, s.url, {published} \
             FROM event_members m JOIN article_sources s ON s.article_id = m.article_id \
             WHERE m.event_id IN ({ph}) ORDER BY m.event_id, s.source, s.idx, s.article_id"
        )
    })?;
    Ok(by_event(rows, |r| EventSource {
        article: r[1].string().unwrap_or_default(),
        source: r[2].string().unwrap_or_default(),
        index: index(&r[3]),
        title: r[4].string(),
        outlet: r[5].string(),
        url: r[6].string(),
        published: r[7].date(),
    }))
}

/// Event counts and summed fatalities of the events `q` matches, by day
/// and the columns `group` counts by: rows of (date start, group
/// columns..., events, fatalities). Summed here, so stats read one row per
/// day and group, not one per event.
pub(crate) fn stat_rows(
    c: &mut dyn Conn,
    q: &EventQuery,
    group: Group,
) -> Result<Vec<Row>, StoreError> {
    let d = c.dialect();
    let mut sql = Sql::new(d);
    let cond = event_conditions(c, &mut sql, q)?;
    let columns = match group {
        Group::Type => "e.event_type",
        Group::Admin1 => "e.admin1",
        Group::Actor => "e.actor1, e.actor2",
    };
    sql.push(&format!(
        "SELECT {}, {columns}, count(*), sum(e.fatalities) FROM events e WHERE {} \
         GROUP BY e.date_start, {columns}",
        d.text("e.date_start"),
        cond.join(" AND ")
    ));
    c.query(&sql)
}

pub(crate) fn counts(c: &mut dyn Conn) -> Result<Counts, StoreError> {
    let rows = c.rows(
        "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM article_sources), \
         (SELECT count(*) FROM mentions), (SELECT count(*) FROM events), (SELECT count(*) FROM claims)",
        vec![],
    )?;
    let n = |i: usize| rows.first().and_then(|r| r[i].int()).unwrap_or(0) as u64;
    Ok(Counts {
        articles: n(0),
        article_sources: n(1),
        mentions: n(2),
        events: n(3),
        claims: n(4),
    })
}
