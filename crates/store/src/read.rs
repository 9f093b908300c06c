//! Queries, in SQL both backends run, and the decoding of their rows.

use dateline_model::{Article, ArticleRef, Claim, Event, OffsetMap};

use crate::rows;
use crate::sql::{self, Conn, Row, Sql, Value};
use crate::types::{
    ArticleQuery, ArticleSource, Counts, EventQuery, EventSource, SearchHit, StoredArticle,
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

pub(crate) fn events(c: &mut dyn Conn, q: &EventQuery) -> Result<Vec<StoredEvent>, StoreError> {
    let d = c.dialect();
    let mut sql = Sql::new(d);
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
        cond.push(d.in_bbox(&mut sql, "e", bbox));
    }
    if let Some(since) = q.since {
        cond.push(format!("e.date_end >= {}", sql.param(since)));
    }
    if let Some(until) = q.until {
        cond.push(format!("e.date_start <= {}", sql.param(until)));
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
        let matches = d.article_matches(&mut sql, "a", &words);
        cond.push(format!(
            "EXISTS (SELECT 1 FROM event_members m JOIN articles a ON a.id = m.article_id \
             WHERE m.event_id = e.id AND {matches})"
        ));
    }
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
    rows.iter().map(|r| decode_event(c, r)).collect()
}

pub(crate) fn event(c: &mut dyn Conn, id: &str) -> Result<Option<StoredEvent>, StoreError> {
    let text = c.dialect().text("e.event");
    let rows = c.rows(
        &format!("SELECT e.id, {text} FROM events e WHERE e.id = $1"),
        vec![id.into()],
    )?;
    rows.first().map(|r| decode_event(c, r)).transpose()
}

fn decode_event(c: &mut dyn Conn, r: &Row) -> Result<StoredEvent, StoreError> {
    let id = r[0].string().unwrap_or_default();
    let mut event: Event =
        serde_json::from_str(r[1].text().unwrap_or_default()).map_err(|e| corrupt(&id, e))?;
    event.claims = claims(c, &id)?;
    let sources = event_sources(c, &id)?;
    Ok(StoredEvent { id, event, sources })
}

fn claims(c: &mut dyn Conn, id: &str) -> Result<Vec<Claim>, StoreError> {
    let published = c.dialect().text("article_published");
    let rows = c.rows(
        &format!(
            "SELECT claimant, start_char, end_char, sentence, fatalities, actor1, article_source, \
             article_index, article_title, {published} FROM claims WHERE event_id = $1 ORDER BY ordinal"
        ),
        vec![id.into()],
    )?;
    Ok(rows
        .iter()
        .map(|r| Claim {
            claimant: r[0].string().unwrap_or_default(),
            start: r[1].int().unwrap_or(0) as usize,
            end: r[2].int().unwrap_or(0) as usize,
            text: r[3].string(),
            fatalities: r[4].int().and_then(|v| u32::try_from(v).ok()),
            actor1: r[5].string(),
            article: r[6].string().map(|source| ArticleRef {
                source,
                index: index(&r[7]),
                title: r[8].string(),
                published: r[9].date(),
            }),
        })
        .collect())
}

fn event_sources(c: &mut dyn Conn, id: &str) -> Result<Vec<EventSource>, StoreError> {
    let published = c.dialect().text("s.published");
    let rows = c.rows(
        &format!(
            "SELECT DISTINCT s.article_id, s.source, s.idx, s.title, s.outlet, s.url, {published} \
             FROM event_members m JOIN article_sources s ON s.article_id = m.article_id \
             WHERE m.event_id = $1 ORDER BY s.source, s.idx, s.article_id"
        ),
        vec![id.into()],
    )?;
    Ok(rows
        .iter()
        .map(|r| EventSource {
            article: r[0].string().unwrap_or_default(),
            source: r[1].string().unwrap_or_default(),
            index: index(&r[2]),
            title: r[3].string(),
            outlet: r[4].string(),
            url: r[5].string(),
            published: r[6].date(),
        })
        .collect())
}

/// The columns stats aggregate: date start, type, admin1, actor1, actor2,
/// fatalities.
pub(crate) fn stat_rows(c: &mut dyn Conn) -> Result<Vec<Row>, StoreError> {
    let start = c.dialect().text("date_start");
    c.rows(
        &format!("SELECT {start}, event_type, admin1, actor1, actor2, fatalities FROM events ORDER BY sort_key"),
        vec![],
    )
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
